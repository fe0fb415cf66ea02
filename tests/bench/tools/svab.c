// SPDX-License-Identifier: GPL-2.0
/*
 * svab: Shared Virtual Addressing costs, for scripts/bench.sh.
 *
 *   svab pci|platform MODE LENGTH WARMUP RUNS
 *
 * Modes (one sample each; nanoseconds):
 *   cpufault  the CPU touches one byte of LENGTH/4096 never-touched pages
 *             (one minor fault each); per page.  Needs no engine.
 *   iopf      an SVA fill job of LENGTH bytes on never-touched memory: one
 *             I/O page fault per page (a page request on the PCI engine, a
 *             stall on the platform engine) and its DMA; per page.  The
 *             job's fault count must equal the pages and the bytes are
 *             checked.
 *   resident  an SVA copy of LENGTH bytes between buffers the CPU wrote
 *             before (no fault: checked); per job.
 *   munmap    munmap() of 1 GiB of which one page per 2 MiB was touched,
 *             by the engine through SVA (LENGTH 1) or by the CPU with the
 *             process not bound (LENGTH 0); per munmap().
 *   kill      SIGKILL of a bound child until waitpid() returns: the child
 *             runs faulting 1 MiB jobs back to back (LENGTH 1) or sleeps
 *             (LENGTH 0); per kill.
 * Prints "warmup NS" for the first WARMUP samples, "sample NS" for the
 * others, or "error: why" and exits non-zero.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/pasid_dma.h>

#define PAGE	4096UL
#define GIB	(1UL << 30)
#define STRIDE	(2UL << 20)

static __u32 flavour;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void fail(const char *fmt, const char *arg)
{
	printf("error: ");
	printf(fmt, arg);
	printf("\n");
	exit(1);
}

static int info(int fd, struct pasid_dma_info *inf)
{
	memset(inf, 0, sizeof(*inf));
	inf->size = sizeof(*inf);
	return ioctl(fd, PASID_DMA_IOC_INFO, inf);
}

static int open_engine(void)
{
	struct pasid_dma_info inf;
	char path[64];
	int i, fd;

	for (i = 0; i < 16; i++) {
		snprintf(path, sizeof(path), "/dev/pasid-dma%d", i);
		fd = open(path, O_RDWR);
		if (fd < 0)
			continue;
		if (!info(fd, &inf) && inf.flavour == flavour)
			return fd;
		close(fd);
	}
	return -1;
}

/* An engine file bound to this process */
static int bound_engine(void)
{
	struct pasid_dma_bind b = { .size = sizeof(b) };
	int fd = open_engine();

	if (fd < 0)
		fail("no /dev/pasid-dmaN of the %s flavour", flavour == PASID_DMA_FLAVOUR_PCI ? "pci" : "platform");
	if (ioctl(fd, PASID_DMA_IOC_BIND_MM, &b))
		fail("PASID_DMA_IOC_BIND_MM: %s", strerror(errno));
	return fd;
}

static int job(int fd, __u32 op, const void *src, void *dst, size_t len)
{
	struct pasid_dma_job j;

	memset(&j, 0, sizeof(j));
	j.size = sizeof(j);
	j.flags = PASID_DMA_JOB_SVA;
	j.op = op;
	j.src_offset = op == PASID_DMA_OP_FILL ? 0 : (uintptr_t)src;
	j.dst_offset = (uintptr_t)dst;
	j.length = len;
	if (op == PASID_DMA_OP_FILL)
		j.pattern = 0x5a;
	if (ioctl(fd, PASID_DMA_IOC_JOB, &j))
		return -errno;
	return j.result;
}

static unsigned int job_faults(int fd)
{
	struct pasid_dma_info inf;

	if (info(fd, &inf))
		fail("PASID_DMA_IOC_INFO: %s", strerror(errno));
	return flavour == PASID_DMA_FLAVOUR_PCI ? inf.job_pri : inf.job_stalls;
}

static void *fresh(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	return p;
}

static uint64_t one(int fd, const char *mode, unsigned long len)
{
	volatile unsigned char *v;
	unsigned char *a, *b;
	uint64_t t0, t;
	unsigned long i, n;
	int ret, status;
	pid_t pid;

	if (!strcmp(mode, "cpufault")) {
		n = len / PAGE;
		a = fresh(n * PAGE);
		v = a;
		t0 = now_ns();
		for (i = 0; i < n; i++)
			v[i * PAGE] = 1;
		t = now_ns() - t0;
		munmap(a, n * PAGE);
		return t / n;
	}
	if (!strcmp(mode, "iopf")) {
		n = (len + PAGE - 1) / PAGE;
		a = fresh(n * PAGE);
		t0 = now_ns();
		ret = job(fd, PASID_DMA_OP_FILL, NULL, a, len);
		t = now_ns() - t0;
		if (ret)
			fail("SVA fill job: result or -errno %s", ret < 0 ? strerror(-ret) : "not 0");
		if (job_faults(fd) != n)
			fail("the job did not fault once per page%s", "");
		for (i = 0; i < len; i++)
			if (a[i] != 0x5a)
				fail("byte not filled%s", "");
		munmap(a, n * PAGE);
		return t / n;
	}
	if (!strcmp(mode, "resident")) {
		a = fresh(len);
		b = fresh(len);
		for (i = 0; i < len; i++)
			a[i] = i * 7 + 1;
		memset(b, 0, len);
		t0 = now_ns();
		ret = job(fd, PASID_DMA_OP_COPY, a, b, len);
		t = now_ns() - t0;
		if (ret)
			fail("SVA copy job: %s", ret < 0 ? strerror(-ret) : "fault result");
		if (job_faults(fd))
			fail("a job on resident memory faulted%s", "");
		if (memcmp(a, b, len))
			fail("the copy did not copy%s", "");
		munmap(a, len);
		munmap(b, len);
		return t;
	}
	if (!strcmp(mode, "munmap")) {
		a = fresh(GIB);
		for (i = 0; i < GIB; i += STRIDE) {
			if (!len) {
				a[i] = 1;
				continue;
			}
			if (job(fd, PASID_DMA_OP_FILL, NULL, a + i, 64))
				fail("SVA fill job on the 1 GiB mapping failed%s", "");
		}
		t0 = now_ns();
		if (munmap(a, GIB))
			fail("munmap: %s", strerror(errno));
		return now_ns() - t0;
	}
	if (!strcmp(mode, "kill")) {
		int ready[2];
		char c = 0;

		if (pipe(ready))
			fail("pipe: %s", strerror(errno));
		pid = fork();
		if (pid < 0)
			fail("fork: %s", strerror(errno));
		if (pid == 0) {
			int cfd = bound_engine();

			if (!len) {
				if (write(ready[1], &c, 1) != 1)
					_exit(1);
				for (;;)
					pause();
			}
			for (;;) {
				a = fresh(PASID_DMA_MAX_LEN);
				if (job(cfd, PASID_DMA_OP_FILL, NULL, a, PASID_DMA_MAX_LEN))
					_exit(2);
				if (!c++ && write(ready[1], &c, 1) != 1)
					_exit(1);
				munmap(a, PASID_DMA_MAX_LEN);
			}
		}
		if (read(ready[0], &c, 1) != 1)
			fail("the child did not start%s", "");
		close(ready[0]);
		close(ready[1]);
		usleep(10000);
		t0 = now_ns();
		kill(pid, SIGKILL);
		if (waitpid(pid, &status, 0) != pid)
			fail("waitpid: %s", strerror(errno));
		t = now_ns() - t0;
		if (!WIFSIGNALED(status))
			fail("the child ended by itself%s", "");
		return t;
	}
	fail("unknown mode %s", mode);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long len, warmup, runs, s;
	const char *mode;
	int fd = -1;

	if (argc != 6 || (strcmp(argv[1], "pci") && strcmp(argv[1], "platform"))) {
		fprintf(stderr, "usage: svab pci|platform cpufault|iopf|resident|munmap|kill LENGTH WARMUP RUNS\n");
		return 2;
	}
	flavour = strcmp(argv[1], "pci") ? PASID_DMA_FLAVOUR_PLATFORM : PASID_DMA_FLAVOUR_PCI;
	mode = argv[2];
	len = strtoul(argv[3], NULL, 0);
	warmup = strtoul(argv[4], NULL, 0);
	runs = strtoul(argv[5], NULL, 0);
	if (len > PASID_DMA_MAX_LEN)
		fail("LENGTH must be at most 1 MiB%s", "");
	if (!strcmp(mode, "cpufault") && len < PAGE)
		fail("cpufault needs at least one page%s", "");
	if ((!strcmp(mode, "iopf") || !strcmp(mode, "resident")) && !len)
		fail("LENGTH must not be 0%s", "");
	/* The engine, bound, for the modes that use it in this process */
	if (!strcmp(mode, "iopf") || !strcmp(mode, "resident") ||
	    (!strcmp(mode, "munmap") && len))
		fd = bound_engine();

	for (s = 0; s < warmup + runs; s++) {
		uint64_t t = one(fd, mode, len);

		printf("%s %llu\n", s < warmup ? "warmup" : "sample", (unsigned long long)t);
		fflush(stdout);
	}
	return 0;
}
