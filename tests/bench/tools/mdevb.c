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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/vfio.h>

#define TYPE		"pasid-dma-chan"
#define MDEV_BUS	"/sys/class/mdev_bus"
#define MDEV_DEVICES	"/sys/bus/mdev/devices"
#define PAGE		4096UL
#define MAX_LEN		(1UL << 20)
#define IOVA_SRC	0x10000000ULL
#define IOVA_DST	0x20000000ULL

/* A channel's job page (docs/specs/pasid-dma.rst of our QEMU model) */
#define REG_SRC		0x10
#define REG_DST		0x18
#define REG_LEN		0x20
#define REG_DOORBELL	0x24
#define REG_STATUS	0x28
#define REG_OP		0x38
#define OP_COPY		0
#define STATE(s)	((s) & 3)
#define STATE_BUSY	1
#define STATE_DONE	2
#define TIMEOUT_NS	10000000000ull

static char uuid[40], type_dir[PATH_MAX];
static volatile uint32_t *page;
static int container = -1, group = -1, device = -1, efd = -1;

/* Removing an mdev whose device file is open waits for its release */
static void release(void)
{
	if (page && page != MAP_FAILED)
		munmap((void *)page, PAGE);
	page = NULL;
	if (device >= 0)
		close(device);
	if (efd >= 0)
		close(efd);
	if (group >= 0)
		close(group);
	if (container >= 0)
		close(container);
	device = efd = group = container = -1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static int error(const char *what)
{
	char path[PATH_MAX];

	printf("error: %s: %s\n", what, errno ? strerror(errno) : "failed");
	release();
	if (uuid[0]) {
		snprintf(path, sizeof(path), MDEV_DEVICES "/%s/remove", uuid);
		write_file(path, "1");
	}
	return 1;
}

static int find_type(void)
{
	struct dirent *de;
	DIR *d = opendir(MDEV_BUS);

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) > 64)
			continue;
		snprintf(type_dir, sizeof(type_dir), MDEV_BUS "/%s/mdev_supported_types/" TYPE,
			 de->d_name);
		if (!access(type_dir, F_OK)) {
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	return -1;
}

static int map_dma(int container, void *vaddr, uint64_t iova, uint64_t len)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)vaddr,
		.iova = iova,
		.size = len,
	};

	return ioctl(container, VFIO_IOMMU_MAP_DMA, &map);
}

int main(int argc, char **argv)
{
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	struct {
		struct vfio_irq_set set;
		int32_t fd;
	} irq;
	char path[PATH_MAX + 64], link[PATH_MAX];
	unsigned long len, maplen, warmup, runs, s, i;
	int use_irq;
	unsigned char *src, *dst;
	uint64_t t0, t, count;
	uint32_t st;
	ssize_t n;

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
	maplen = (len + PAGE - 1) & ~(PAGE - 1);

	errno = 0;
	if (find_type())
		return error("no mdev type " TYPE " (no PCI engine, or it offers no mdevs: see dmesg)");
	snprintf(uuid, sizeof(uuid), "%08x-6d64-4000-8000-0000000be7c0", (unsigned int)getpid());
	snprintf(path, sizeof(path), "%s/create", type_dir);
	if (write_file(path, uuid)) {
		uuid[0] = 0;
		return error("create an mdev");
	}
	snprintf(path, sizeof(path), MDEV_DEVICES "/%s/iommu_group", uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return error("the mdev's iommu_group link");
	link[n] = 0;
	snprintf(path, sizeof(path), "/dev/vfio/%s", strrchr(link, '/') + 1);

	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0 || ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) != 1)
		return error("VFIO container with type1");
	group = open(path, O_RDWR);
	if (group < 0 || ioctl(group, VFIO_GROUP_GET_STATUS, &gs) ||
	    !(gs.flags & VFIO_GROUP_FLAGS_VIABLE))
		return error("open the mdev's group, or not viable");
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) ||
	    ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU))
		return error("the group into a type1 container");
	src = mmap(NULL, maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dst = mmap(NULL, maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED || dst == MAP_FAILED)
		return error("mmap of the buffers");
	for (i = 0; i < len; i++)
		src[i] = i * 7 + 1;
	memset(dst, 0, maplen);
	if (map_dma(container, src, IOVA_SRC, maplen) || map_dma(container, dst, IOVA_DST, maplen))
		return error("VFIO_IOMMU_MAP_DMA");
	device = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, uuid);
	if (device < 0)
		return error("VFIO_GROUP_GET_DEVICE_FD");
	page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, device, 0);
	if (page == MAP_FAILED)
		return error("mmap of the job page");
	efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	memset(&irq, 0, sizeof(irq));
	irq.set.argsz = sizeof(irq);
	irq.set.flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	irq.set.count = 1;
	irq.fd = efd;
	if (efd < 0 || ioctl(device, VFIO_DEVICE_SET_IRQS, &irq))
		return error("eventfd on the completion interrupt");

	for (s = 0; s < warmup + runs; s++) {
		struct pollfd pfd = { .fd = efd, .events = POLLIN };

		dst[s % len] ^= 0xff;	/* a stale byte the copy must fix */
		while (read(efd, &count, sizeof(count)) == sizeof(count))
			;		/* interrupts of earlier jobs */
		t0 = now_ns();
		page[REG_OP / 4] = OP_COPY;
		page[REG_SRC / 4] = (uint32_t)IOVA_SRC;
		page[REG_SRC / 4 + 1] = IOVA_SRC >> 32;
		page[REG_DST / 4] = (uint32_t)IOVA_DST;
		page[REG_DST / 4 + 1] = IOVA_DST >> 32;
		page[REG_LEN / 4] = len;
		page[REG_DOORBELL / 4] = 1;
		if (use_irq) {
			if (poll(&pfd, 1, TIMEOUT_NS / 1000000) != 1) {
				errno = 0;
				return error("no completion interrupt within 10 s");
			}
			st = page[REG_STATUS / 4];
		} else {
			while (STATE(st = page[REG_STATUS / 4]) == STATE_BUSY)
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
	release();
	snprintf(path, sizeof(path), MDEV_DEVICES "/%s/remove", uuid);
	if (write_file(path, "1")) {
		uuid[0] = 0;
		return error("remove the mdev");
	}
	return 0;
}
