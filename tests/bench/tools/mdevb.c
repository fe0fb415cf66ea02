// SPDX-License-Identifier: GPL-2.0
/*
 * mdevb: job latency of a VFIO mediated device of the PCI engine (one job
 * channel, type pasid-dma-chan), for scripts/bench.sh.
 *
 *   mdevb poll|eventfd LENGTH WARMUP RUNS
 *
 * Creates an mdev, opens it as a VFIO user (own type1 container; the
 * container's domain is an aux domain of the engine at the PASID the
 * kernel locks the channel to), MAP_DMAs a source and a destination buffer
 * of LENGTH bytes at fixed IOVAs and mmaps the channel's job page.  One
 * sample = one copy job, timed from the first register write of the job to
 * the moment user space sees its end:
 *   poll     reading the page's STATUS until the job is no longer busy;
 *   eventfd  poll() on the eventfd of the completion interrupt.
 * Every copy is checked (outside the timed part).  Removes the mdev at the
 * end.  Prints "warmup NS" / "sample NS", or "error: why" and exits 1.
 */
#include <poll.h>
#include <time.h>

#include "../../vm/vfio-mdev.h"	/* the VFIO steps, shared with the demo */

#define MAX_LEN		(1UL << 20)
#define IOVA_SRC	0x10000000ULL
#define IOVA_DST	0x20000000ULL
#define TIMEOUT_NS	10000000000ull

static struct mdev_user mu;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int error(const char *what)
{
	printf("error: %s: %s\n", what, errno ? strerror(errno) : "failed");
	mdev_remove(&mu);
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long len, maplen, warmup, runs, s, i;
	int use_irq;
	unsigned char *src, *dst;
	uint64_t t0, t, count;
	const char *err;
	uint32_t st;

	if (argc != 5 || (strcmp(argv[1], "poll") && strcmp(argv[1], "eventfd"))) {
		fprintf(stderr, "usage: mdevb poll|eventfd LENGTH WARMUP RUNS\n");
		return 2;
	}
	use_irq = !strcmp(argv[1], "eventfd");
	len = strtoul(argv[2], NULL, 0);
	warmup = strtoul(argv[3], NULL, 0);
	runs = strtoul(argv[4], NULL, 0);
	if (!len || len > MAX_LEN) {
		printf("error: length must be 1 to %lu\n", MAX_LEN);
		return 2;
	}
	maplen = (len + MDEV_PAGE - 1) & ~(MDEV_PAGE - 1);

	errno = 0;
	mdev_init(&mu);
	if (mdev_find_parent(&mu))
		return error("no mdev type " MDEV_TYPE " (no PCI engine, or it offers no mdevs: see dmesg)");
	err = mdev_create(&mu, 0xbe7c0);
	if (!err)
		err = mdev_open_container(&mu);
	if (err)
		return error(err);
	src = mmap(NULL, maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dst = mmap(NULL, maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED || dst == MAP_FAILED)
		return error("mmap of the buffers");
	for (i = 0; i < len; i++)
		src[i] = i * 7 + 1;
	memset(dst, 0, maplen);
	if (mdev_map_dma(&mu, src, IOVA_SRC, maplen) || mdev_map_dma(&mu, dst, IOVA_DST, maplen))
		return error("VFIO_IOMMU_MAP_DMA");
	err = mdev_open_device(&mu);
	if (err)
		return error(err);

	for (s = 0; s < warmup + runs; s++) {
		struct pollfd pfd = { .fd = mu.efd, .events = POLLIN };

		dst[s % len] ^= 0xff;	/* a stale byte the copy must fix */
		while (read(mu.efd, &count, sizeof(count)) == sizeof(count))
			;		/* interrupts of earlier jobs */
		t0 = now_ns();
		mdev_start_job(&mu, OP_COPY, 0, IOVA_SRC, IOVA_DST, len);
		if (use_irq) {
			if (poll(&pfd, 1, TIMEOUT_NS / 1000000) != 1) {
				errno = 0;
				return error("no completion interrupt within 10 s");
			}
			st = mdev_rd(&mu, REG_STATUS);
		} else {
			while (STATE(st = mdev_rd(&mu, REG_STATUS)) == STATE_BUSY)
				if (now_ns() - t0 > TIMEOUT_NS) {
					errno = 0;
					return error("job still busy after 10 s");
				}
		}
		t = now_ns() - t0;
		if (STATE(st) != STATE_DONE) {
			printf("error: job STATUS 0x%x, expected done\n", st);
			return error("the copy job");
		}
		if (memcmp(src, dst, len)) {
			errno = 0;
			return error("the copy did not copy");
		}
		printf("%s %llu\n", s < warmup ? "warmup" : "sample", (unsigned long long)t);
		fflush(stdout);
	}
	if (mdev_remove(&mu)) {
		mu.uuid[0] = 0;
		return error("remove the mdev");
	}
	return 0;
}
