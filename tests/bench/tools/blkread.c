// SPDX-License-Identifier: GPL-2.0
/*
 * blkread: O_DIRECT 4 KiB reads of the pattern disk, for scripts/bench.sh.
 *
 *   blkread seq|rand DEVICE READS WARMUP RUNS
 *
 * Prints WARMUP + RUNS samples, the first WARMUP as "warmup NS" and the
 * others as "sample NS": the mean time of one read over READS reads,
 * sequential (wrapping at the end of the disk) or at pseudo-random 4 KiB
 * aligned offsets (fixed seed, so both kernels read the same offsets).
 * Every block read is checked against the pattern scripts/boot.sh writes
 * (each 512-byte sector starts with its number), so that a read that did
 * not reach the disk is an error, not a fast sample.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLK 4096

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int main(int argc, char **argv)
{
	unsigned long reads, warmup, runs, s, i;
	uint64_t nblocks, blk = 0, t0, sector;
	off_t size;
	void *buf;
	int fd, rnd;

	if (argc != 6 || (strcmp(argv[1], "seq") && strcmp(argv[1], "rand"))) {
		fprintf(stderr, "usage: blkread seq|rand DEVICE READS WARMUP RUNS\n");
		return 2;
	}
	rnd = !strcmp(argv[1], "rand");
	reads = strtoul(argv[3], NULL, 0);
	warmup = strtoul(argv[4], NULL, 0);
	runs = strtoul(argv[5], NULL, 0);
	fd = open(argv[2], O_RDONLY | O_DIRECT);
	if (fd < 0) {
		printf("error: open %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	size = lseek(fd, 0, SEEK_END);
	if (size < BLK) {
		printf("error: %s: size %lld\n", argv[2], (long long)size);
		return 1;
	}
	nblocks = size / BLK;
	if (posix_memalign(&buf, BLK, BLK)) {
		printf("error: out of memory\n");
		return 1;
	}
	for (s = 0; s < warmup + runs; s++) {
		t0 = now_ns();
		for (i = 0; i < reads; i++) {
			blk = rnd ? xorshift() % nblocks : (blk + 1) % nblocks;
			if (pread(fd, buf, BLK, blk * BLK) != BLK) {
				printf("error: pread at %llu: %s\n",
				       (unsigned long long)blk * BLK, strerror(errno));
				return 1;
			}
			memcpy(&sector, buf, sizeof(sector));
			if (sector != blk * (BLK / 512)) {
				printf("error: block %llu holds sector %llu: not the pattern disk\n",
				       (unsigned long long)blk, (unsigned long long)sector);
				return 1;
			}
		}
		printf("%s %.3f\n", s < warmup ? "warmup" : "sample",
		       (double)(now_ns() - t0) / reads);
		fflush(stdout);
	}
	return 0;
}
