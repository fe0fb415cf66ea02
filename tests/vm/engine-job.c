// SPDX-License-Identifier: GPL-2.0
/*
 * engine-job: one kind of job on the PASID test DMA engine, for the boot
 * checks (a shell cannot issue ioctls).  mkinitramfs.sh builds it static
 * against build/linux's include/uapi/linux/pasid_dma.h and installs it as
 * /tests/bin/engine-job.
 *
 *   engine-job pci|platform info|copy|unmapped|sva
 *
 * Uses the first /dev/pasid-dmaN of the flavour and prints one line of
 * KEY=VALUE words for the caller to check; decides nothing itself:
 *   info      iopf=0|1 pri=0|1 rf=0|1 (struct pasid_dma_info pri_flags)
 *   copy      a DMA-API copy of 2 pages + 100 bytes between two mapped
 *             buffers: result=R wrong=BYTES pri=PAGE_REQUESTS stalls=N
 *   unmapped  a copy into a buffer whose device mapping was removed
 *             (PASID_DMA_IOC_UNMAP), then the same copy into a mapped one:
 *             result=R off=FAULT_ADDR-IOVA changed=BYTES pri=N stalls=N
 *             after=R after_wrong=BYTES
 *   sva       PASID_DMA_IOC_BIND_MM: bind=0 pasid=N, or bind=-ERRNO and
 *             nothing else; if bound, a copy between two buffers this
 *             process wrote (resident=R resident_wrong=BYTES) and a fill of
 *             2 pages it never touched (untouched=R untouched_wrong=BYTES
 *             faults=PAGE_REQUESTS_OR_STALLS of that job)
 * Exit status: 0 when every call worked (whatever the job results), 1
 * with "error: why" when one did not, 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/pasid_dma.h>

#define PAGE	4096UL
#define LEN	(2 * PAGE + 100)

static __u32 flavour;
static int fd = -1;

static void die(const char *what)
{
	printf("error: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void info(struct pasid_dma_info *inf)
{
	memset(inf, 0, sizeof(*inf));
	inf->size = sizeof(*inf);
	if (ioctl(fd, PASID_DMA_IOC_INFO, inf))
		die("PASID_DMA_IOC_INFO");
}

static void open_engine(void)
{
	struct pasid_dma_info inf;
	char path[64];
	int i;

	for (i = 0; i < 16; i++) {
		snprintf(path, sizeof(path), "/dev/pasid-dma%d", i);
		fd = open(path, O_RDWR);
		if (fd < 0)
			continue;
		info(&inf);
		if (inf.flavour == flavour)
			return;
		close(fd);
	}
	errno = ENODEV;
	die("no /dev/pasid-dmaN of this flavour");
}

/* A DMA-API buffer of @len bytes, mapped in this process too */
static unsigned char *buf_alloc(size_t len, __u32 *handle, __u64 *iova)
{
	struct pasid_dma_alloc a = { .size = sizeof(a), .length = len };
	void *m;

	if (ioctl(fd, PASID_DMA_IOC_ALLOC, &a))
		die("PASID_DMA_IOC_ALLOC");
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 a.mmap_offset);
	if (m == MAP_FAILED)
		die("mmap of a buffer");
	*handle = a.handle;
	if (iova)
		*iova = a.iova;
	return m;
}

static void run(struct pasid_dma_job *j)
{
	j->size = sizeof(*j);
	if (ioctl(fd, PASID_DMA_IOC_JOB, j))
		die("PASID_DMA_IOC_JOB");
}

/* A copy of LEN bytes from @hs to @hd at offset 100 of @hd */
static __u32 copy(__u32 hs, __u32 hd, __u64 *fault)
{
	struct pasid_dma_job j;

	memset(&j, 0, sizeof(j));
	j.op = PASID_DMA_OP_COPY;
	j.src_handle = hs;
	j.dst_handle = hd;
	j.dst_offset = 100;
	j.length = LEN;
	run(&j);
	if (fault)
		*fault = j.fault_addr;
	return j.result;
}

static size_t differ(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i, d = 0;

	for (i = 0; i < n; i++)
		d += a[i] != b[i];
	return d;
}

static size_t not_byte(const unsigned char *a, unsigned char c, size_t n)
{
	size_t i, d = 0;

	for (i = 0; i < n; i++)
		d += a[i] != c;
	return d;
}

static void do_copy(void)
{
	struct pasid_dma_info before, after;
	unsigned char *src, *dst;
	__u32 hs, hd, r;
	size_t i;

	src = buf_alloc(LEN, &hs, NULL);
	dst = buf_alloc(LEN + 100, &hd, NULL);
	for (i = 0; i < LEN; i++)
		src[i] = i * 13 + 5;
	memset(dst, 0xcc, LEN + 100);
	info(&before);
	r = copy(hs, hd, NULL);
	info(&after);
	printf("result=%u wrong=%zu pri=%u stalls=%u\n", r,
	       differ(src, dst + 100, LEN) + not_byte(dst, 0xcc, 100),
	       after.pri_requests - before.pri_requests,
	       after.stalls - before.stalls);
}

static void do_unmapped(void)
{
	struct pasid_dma_buffer b = { .size = sizeof(b) };
	struct pasid_dma_info before, after;
	unsigned char *src, *gone, *dst;
	__u32 hs, hg, hd, r, r2;
	__u64 iova, fault;
	size_t i;

	src = buf_alloc(LEN, &hs, NULL);
	gone = buf_alloc(LEN + 100, &hg, &iova);
	dst = buf_alloc(LEN + 100, &hd, NULL);
	for (i = 0; i < LEN; i++)
		src[i] = i * 11 + 3;
	memset(gone, 0x5a, LEN + 100);
	memset(dst, 0xcc, LEN + 100);
	b.handle = hg;
	if (ioctl(fd, PASID_DMA_IOC_UNMAP, &b))
		die("PASID_DMA_IOC_UNMAP");
	info(&before);
	r = copy(hs, hg, &fault);
	info(&after);
	/* The engine and the mapped buffers still work */
	r2 = copy(hs, hd, NULL);
	printf("result=%u off=%lld changed=%zu pri=%u stalls=%u after=%u after_wrong=%zu\n",
	       r, (long long)(fault - iova), not_byte(gone, 0x5a, LEN + 100),
	       after.pri_requests - before.pri_requests,
	       after.stalls - before.stalls, r2,
	       differ(src, dst + 100, LEN) + not_byte(dst, 0xcc, 100));
}

static void *fresh(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

static void do_sva(void)
{
	struct pasid_dma_bind bind = { .size = sizeof(bind) };
	struct pasid_dma_info inf;
	unsigned char *a, *b, *u;
	struct pasid_dma_job j;
	__u32 faults;
	size_t i;

	if (ioctl(fd, PASID_DMA_IOC_BIND_MM, &bind)) {
		printf("bind=-%d\n", errno);
		return;
	}
	printf("bind=0 pasid=%u", bind.pasid);

	a = fresh(LEN);
	b = fresh(LEN);
	for (i = 0; i < LEN; i++)
		a[i] = i * 7 + 1;
	memset(b, 0xcc, LEN);
	memset(&j, 0, sizeof(j));
	j.flags = PASID_DMA_JOB_SVA;
	j.op = PASID_DMA_OP_COPY;
	j.src_offset = (uintptr_t)a;
	j.dst_offset = (uintptr_t)b;
	j.length = LEN;
	run(&j);
	printf(" resident=%u resident_wrong=%zu", j.result, differ(a, b, LEN));

	u = fresh(2 * PAGE);
	memset(&j, 0, sizeof(j));
	j.flags = PASID_DMA_JOB_SVA;
	j.op = PASID_DMA_OP_FILL;
	j.pattern = 0x5a;
	j.dst_offset = (uintptr_t)u;
	j.length = 2 * PAGE;
	run(&j);
	info(&inf);
	faults = flavour == PASID_DMA_FLAVOUR_PCI ? inf.job_pri : inf.job_stalls;
	printf(" untouched=%u untouched_wrong=%zu faults=%u\n", j.result,
	       not_byte(u, 0x5a, 2 * PAGE), faults);
	fflush(stdout);
	memset(&bind, 0, sizeof(bind));
	bind.size = sizeof(bind);
	if (ioctl(fd, PASID_DMA_IOC_UNBIND_MM, &bind))
		die("PASID_DMA_IOC_UNBIND_MM");
}

int main(int argc, char **argv)
{
	struct pasid_dma_info inf;

	if (argc != 3 || (strcmp(argv[1], "pci") && strcmp(argv[1], "platform"))) {
		fprintf(stderr, "usage: engine-job pci|platform info|copy|unmapped|sva\n");
		return 2;
	}
	flavour = strcmp(argv[1], "pci") ? PASID_DMA_FLAVOUR_PLATFORM :
					   PASID_DMA_FLAVOUR_PCI;
	open_engine();
	if (!strcmp(argv[2], "info")) {
		info(&inf);
		printf("iopf=%d pri=%d rf=%d\n",
		       !!(inf.pri_flags & PASID_DMA_PRI_IOPF),
		       !!(inf.pri_flags & PASID_DMA_PRI_ENABLED),
		       !!(inf.pri_flags & PASID_DMA_PRI_RF));
	} else if (!strcmp(argv[2], "copy")) {
		do_copy();
	} else if (!strcmp(argv[2], "unmapped")) {
		do_unmapped();
	} else if (!strcmp(argv[2], "sva")) {
		do_sva();
	} else {
		fprintf(stderr, "engine-job: unknown mode %s\n", argv[2]);
		return 2;
	}
	return 0;
}
