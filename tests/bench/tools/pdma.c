// SPDX-License-Identifier: GPL-2.0
/*
 * pdma: job latency of the PASID test DMA engine, for scripts/bench.sh.
 *
 *   pdma pci|platform copy|fault LENGTH WARMUP RUNS
 *
 * Opens the first /dev/pasid-dmaN of the given flavour (include/uapi/linux/
 * pasid_dma.h) and times PASID_DMA_IOC_JOB, one job per sample:
 *   copy   a copy of LENGTH bytes between two DMA-API buffers, checked;
 *   fault  the same copy into a buffer whose device mapping was removed
 *          (PASID_DMA_IOC_UNMAP), so the engine's first write faults in the
 *          SMMU: on the PCI engine a page request that the IOMMU answers
 *          Invalid (result 7), on the platform engine a stall that the
 *          IOMMU terminates (result 11).  Any other result is an error.
 * Prints "warmup NS" for the first WARMUP samples, "sample NS" for the
 * others, or "error: why" / "skip: why" and exits non-zero.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/pasid_dma.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int buf_alloc(int fd, size_t len, __u32 *handle, unsigned char **map)
{
	struct pasid_dma_alloc cmd = { .size = sizeof(cmd), .length = len };
	void *m;

	if (ioctl(fd, PASID_DMA_IOC_ALLOC, &cmd))
		return -1;
	*handle = cmd.handle;
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, cmd.mmap_offset);
	if (m == MAP_FAILED)
		return -1;
	*map = m;
	return 0;
}

int main(int argc, char **argv)
{
	struct pasid_dma_info inf;
	struct pasid_dma_job job;
	struct pasid_dma_buffer b;
	unsigned long len, warmup, runs, s, i;
	unsigned char *src, *dst;
	__u32 hsrc, hdst, flavour, want;
	int fd = -1, fault;
	char path[64];
	uint64_t t0, t;

	if (argc != 6 || (strcmp(argv[1], "pci") && strcmp(argv[1], "platform")) ||
	    (strcmp(argv[2], "copy") && strcmp(argv[2], "fault"))) {
		fprintf(stderr, "usage: pdma pci|platform copy|fault LENGTH WARMUP RUNS\n");
		return 2;
	}
	flavour = strcmp(argv[1], "pci") ? PASID_DMA_FLAVOUR_PLATFORM : PASID_DMA_FLAVOUR_PCI;
	fault = !strcmp(argv[2], "fault");
	len = strtoul(argv[3], NULL, 0);
	warmup = strtoul(argv[4], NULL, 0);
	runs = strtoul(argv[5], NULL, 0);
	if (!len || len > PASID_DMA_MAX_LEN) {
		printf("error: length must be 1 to %u\n", PASID_DMA_MAX_LEN);
		return 2;
	}

	for (i = 0; i < 16; i++) {
		snprintf(path, sizeof(path), "/dev/pasid-dma%lu", i);
		fd = open(path, O_RDWR);
		if (fd < 0)
			continue;
		memset(&inf, 0, sizeof(inf));
		inf.size = sizeof(inf);
		if (!ioctl(fd, PASID_DMA_IOC_INFO, &inf) && inf.flavour == flavour)
			break;
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		printf("error: no /dev/pasid-dmaN of the %s flavour (driver not loaded?)\n", argv[1]);
		return 1;
	}
	if (fault && !(inf.pri_flags & PASID_DMA_PRI_IOPF)) {
		printf("error: %s: the IOMMU does not handle this engine's I/O page faults\n", path);
		return 1;
	}
	if (buf_alloc(fd, len, &hsrc, &src) || buf_alloc(fd, len, &hdst, &dst)) {
		printf("error: %s: PASID_DMA_IOC_ALLOC of %lu bytes: %s\n", path, len, strerror(errno));
		return 1;
	}
	for (i = 0; i < len; i++)
		src[i] = i * 7 + 1;
	if (fault) {
		memset(&b, 0, sizeof(b));
		b.size = sizeof(b);
		b.handle = hdst;
		if (ioctl(fd, PASID_DMA_IOC_UNMAP, &b)) {
			printf("error: PASID_DMA_IOC_UNMAP: %s\n", strerror(errno));
			return 1;
		}
	}
	want = !fault ? PASID_DMA_RES_OK :
	       flavour == PASID_DMA_FLAVOUR_PCI ? PASID_DMA_RES_PRI_INVALID :
	       PASID_DMA_RES_STALL_TERMINATED;

	for (s = 0; s < warmup + runs; s++) {
		memset(&job, 0, sizeof(job));
		job.size = sizeof(job);
		job.op = PASID_DMA_OP_COPY;
		job.src_handle = hsrc;
		job.dst_handle = hdst;
		job.length = len;
		if (!fault)
			dst[s % len] ^= 0xff;	/* a stale byte the copy must fix */
		t0 = now_ns();
		if (ioctl(fd, PASID_DMA_IOC_JOB, &job)) {
			printf("error: PASID_DMA_IOC_JOB: %s\n", strerror(errno));
			return 1;
		}
		t = now_ns() - t0;
		if (job.result != want) {
			printf("error: job result %u, expected %u (fault address 0x%llx)\n",
			       job.result, want, (unsigned long long)job.fault_addr);
			return 1;
		}
		if (!fault && memcmp(src, dst, len)) {
			printf("error: the copy did not copy\n");
			return 1;
		}
		printf("%s %llu\n", s < warmup ? "warmup" : "sample", (unsigned long long)t);
		fflush(stdout);
	}
	return 0;
}
