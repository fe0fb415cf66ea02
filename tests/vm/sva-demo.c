// SPDX-License-Identifier: GPL-2.0
/*
 * sva-demo: the demo's view of Shared Virtual Addressing.  On each engine
 * flavour: bind this process (its PASID), fill memory it never touched
 * with one job, show the I/O page faults the engine counted (page requests
 * on PCI, stalls on the platform engine) and check every byte.  Prints
 * "ok"/"not ok" lines; exits 1 if any check failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/pasid_dma.h>

#define PAGE	4096UL
#define NPAGES	16UL

static int info(int fd, struct pasid_dma_info *inf)
{
	memset(inf, 0, sizeof(*inf));
	inf->size = sizeof(*inf);
	return ioctl(fd, PASID_DMA_IOC_INFO, inf);
}

static int demo(__u32 flavour, const char *name)
{
	struct pasid_dma_bind b = { .size = sizeof(b) };
	struct pasid_dma_info i0, i1;
	struct pasid_dma_job job;
	unsigned int faults, total;
	unsigned long k, bad = 0;
	unsigned char *a;
	char path[32];
	int n, fd = -1;

	for (n = 0; n < 16; n++) {
		snprintf(path, sizeof(path), "/dev/pasid-dma%d", n);
		fd = open(path, O_RDWR);
		if (fd >= 0 && !info(fd, &i0) && i0.flavour == flavour)
			break;
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	if (fd < 0) {
		printf("ok - %s engine: # SKIP not in this machine\n", name);
		return 0;
	}
	if (ioctl(fd, PASID_DMA_IOC_BIND_MM, &b)) {
		printf("not ok - %s: BIND_MM: %s\n", path, strerror(errno));
		return 1;
	}
	printf("   %s (%s): process %d bound, PASID %u\n", path, name, getpid(), b.pasid);
	a = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED)
		return 1;
	info(fd, &i0);
	memset(&job, 0, sizeof(job));
	job.size = sizeof(job);
	job.flags = PASID_DMA_JOB_SVA | PASID_DMA_JOB_FILL32;
	job.op = PASID_DMA_OP_FILL;
	job.pattern = 0xc0ffee00 | b.pasid;
	job.dst_offset = (uintptr_t)a;
	job.length = NPAGES * PAGE;
	if (ioctl(fd, PASID_DMA_IOC_JOB, &job)) {
		printf("not ok - %s: JOB: %s\n", path, strerror(errno));
		return 1;
	}
	info(fd, &i1);
	if (flavour == PASID_DMA_FLAVOUR_PCI) {
		faults = i1.job_pri;
		total = i1.pri_requests - i0.pri_requests;
	} else {
		faults = i1.job_stalls;
		total = i1.stalls - i0.stalls;
	}
	for (k = 0; k < NPAGES * PAGE; k++)
		if (a[k] != ((job.pattern >> (8 * (k % 4))) & 0xff))
			bad++;
	printf("   fill of %lu never-touched pages at %p: result %u, %u %s, %u pages faulted in, %lu bytes wrong\n",
	       NPAGES, (void *)a, job.result, total,
	       flavour == PASID_DMA_FLAVOUR_PCI ? "page requests" : "stalls",
	       faults, bad);
	n = job.result == PASID_DMA_RES_OK && faults == NPAGES &&
	    total == NPAGES && !bad;
	printf("%s - %s: SVA job on never-touched memory, one I/O page fault per page\n",
	       n ? "ok" : "not ok", name);
	munmap(a, NPAGES * PAGE);
	close(fd);
	return !n;
}

int main(void)
{
	int ret = demo(PASID_DMA_FLAVOUR_PCI, "PCIe engine, PRI");

	ret |= demo(PASID_DMA_FLAVOUR_PLATFORM, "platform engine, stall");
	return ret;
}
