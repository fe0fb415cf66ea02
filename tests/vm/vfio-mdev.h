/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A VFIO user of one job channel of the PASID test DMA engine, as the
 * in-VM tools (tests/vm/mdev-demo.c, tests/bench/tools/mdevb.c) set it up:
 * an mdev of type pasid-dma-chan, its IOMMU group in a type1 container of
 * its own (whose domain is an aux domain of the engine), VFIO_IOMMU_MAP_DMA
 * of buffers at IOVAs the caller picks, the channel's job page mmap'ed from
 * region 0 and the completion interrupt on an eventfd.
 *
 * Header only, static inline functions: each tool is one static binary built from
 * one .c file (scripts/demo.sh, scripts/bench.sh).  The steps return NULL
 * or what failed, with errno as the failing call left it (0 when the
 * failure is not a call's).
 */
#ifndef VFIO_MDEV_H
#define VFIO_MDEV_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>

#define MDEV_TYPE	"pasid-dma-chan"
#define MDEV_BUS	"/sys/class/mdev_bus"
#define MDEV_DEVICES	"/sys/bus/mdev/devices"
#define MDEV_PAGE	4096UL

/* A channel's job page (docs/specs/pasid-dma.rst of our QEMU model) */
#define REG_PASID	0x08
#define REG_SRC		0x10
#define REG_DST		0x18
#define REG_LEN		0x20
#define REG_DOORBELL	0x24
#define REG_STATUS	0x28
#define REG_OP		0x38
#define REG_PATTERN	0x3c
#define OP_COPY		0
#define OP_FILL32	0x101		/* fill, 32-bit pattern */
#define PASID_VALID	0x80000000u
#define STATE(s)	((s) & 3)
#define STATE_BUSY	1
#define STATE_DONE	2

struct mdev_user {
	char parent[128];	/* the engine offering MDEV_TYPE */
	char uuid[40];		/* the mdev, once created */
	char group_name[32];	/* its IOMMU group, and that group's file */
	char group_path[PATH_MAX];
	int container, group, device, efd;
	volatile uint32_t *page;	/* the job page, once mapped */
};

static inline void mdev_init(struct mdev_user *mu)
{
	memset(mu, 0, sizeof(*mu));
	mu->container = mu->group = mu->device = mu->efd = -1;
}

static inline int mdev_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static inline long mdev_read_long(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? strtol(buf, NULL, 0) : -1;
}

/* available_instances of MDEV_TYPE on the parent, or -1 */
static inline long mdev_available(const struct mdev_user *mu)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path),
		 MDEV_BUS "/%s/mdev_supported_types/" MDEV_TYPE "/available_instances", mu->parent);
	return mdev_read_long(path);
}

/* The first mdev parent offering MDEV_TYPE into mu->parent; 0 or -1 */
static inline int mdev_find_parent(struct mdev_user *mu)
{
	char dir[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(MDEV_BUS);

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof(mu->parent))
			continue;
		snprintf(dir, sizeof(dir), MDEV_BUS "/%s/mdev_supported_types/" MDEV_TYPE,
			 de->d_name);
		if (!access(dir, F_OK)) {
			strcpy(mu->parent, de->d_name);
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	return -1;
}

/*
 * Create an mdev named after this process and @tag (the last 12 hex
 * digits of its UUID, so that each tool's mdevs are told apart).
 */
static inline const char *mdev_create(struct mdev_user *mu, unsigned long long tag)
{
	char path[PATH_MAX];

	snprintf(mu->uuid, sizeof(mu->uuid), "%08x-6d64-4000-8000-%012llx",
		 (unsigned int)getpid(), tag & 0xffffffffffffull);
	snprintf(path, sizeof(path), MDEV_BUS "/%s/mdev_supported_types/" MDEV_TYPE "/create",
		 mu->parent);
	if (mdev_write_file(path, mu->uuid)) {
		mu->uuid[0] = 0;
		return "create an mdev";
	}
	return NULL;
}

/* The mdev's group into a type1 container of its own */
static inline const char *mdev_open_container(struct mdev_user *mu)
{
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	char path[PATH_MAX], link[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), MDEV_DEVICES "/%s/iommu_group", mu->uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return "the mdev's iommu_group link";
	link[n] = 0;
	snprintf(mu->group_name, sizeof(mu->group_name), "%s", strrchr(link, '/') + 1);
	snprintf(mu->group_path, sizeof(mu->group_path), "/dev/vfio/%s", mu->group_name);

	errno = 0;
	mu->container = open("/dev/vfio/vfio", O_RDWR);
	if (mu->container < 0 || ioctl(mu->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
	    ioctl(mu->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) != 1)
		return "VFIO container with type1";
	mu->group = open(mu->group_path, O_RDWR);
	if (mu->group < 0 || ioctl(mu->group, VFIO_GROUP_GET_STATUS, &gs))
		return "open the mdev's group";
	if (!(gs.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		errno = 0;
		return "the mdev's group is not viable";
	}
	if (ioctl(mu->group, VFIO_GROUP_SET_CONTAINER, &mu->container) ||
	    ioctl(mu->container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU))
		return "the group into a type1 container";
	return NULL;
}

static inline int mdev_map_dma(const struct mdev_user *mu, void *vaddr, uint64_t iova, uint64_t len)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)vaddr,
		.iova = iova,
		.size = len,
	};

	return ioctl(mu->container, VFIO_IOMMU_MAP_DMA, &map);
}

/* The device: its job page mmap'ed, its completion interrupt on an eventfd */
static inline const char *mdev_open_device(struct mdev_user *mu)
{
	struct {
		struct vfio_irq_set set;
		int32_t fd;
	} irq;
	void *p;

	mu->device = ioctl(mu->group, VFIO_GROUP_GET_DEVICE_FD, mu->uuid);
	if (mu->device < 0)
		return "VFIO_GROUP_GET_DEVICE_FD";
	p = mmap(NULL, MDEV_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, mu->device, 0);
	if (p == MAP_FAILED)
		return "mmap of region 0 (the job page)";
	mu->page = p;
	mu->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (mu->efd < 0)
		return "eventfd";
	memset(&irq, 0, sizeof(irq));
	irq.set.argsz = sizeof(irq);
	irq.set.flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	irq.set.count = 1;
	irq.fd = mu->efd;
	if (ioctl(mu->device, VFIO_DEVICE_SET_IRQS, &irq))
		return "eventfd on the completion interrupt";
	return NULL;
}

static inline uint32_t mdev_rd(const struct mdev_user *mu, unsigned int reg)
{
	return mu->page[reg / 4];
}

static inline void mdev_wr(const struct mdev_user *mu, unsigned int reg, uint32_t val)
{
	mu->page[reg / 4] = val;
}

/* Write a job in the page (the doorbell last; the pattern for fills only) */
static inline void mdev_start_job(const struct mdev_user *mu, uint32_t op, uint32_t pattern,
				  uint64_t src, uint64_t dst, uint32_t len)
{
	mdev_wr(mu, REG_OP, op);
	if (op == OP_FILL32)
		mdev_wr(mu, REG_PATTERN, pattern);
	mdev_wr(mu, REG_SRC, (uint32_t)src);
	mdev_wr(mu, REG_SRC + 4, src >> 32);
	mdev_wr(mu, REG_DST, (uint32_t)dst);
	mdev_wr(mu, REG_DST + 4, dst >> 32);
	mdev_wr(mu, REG_LEN, len);
	mdev_wr(mu, REG_DOORBELL, 1);
}

/*
 * Release everything of the VFIO user, also after a failure: removing an
 * mdev whose device file is open waits for its release.
 */
static inline void mdev_release(struct mdev_user *mu)
{
	if (mu->page)
		munmap((void *)mu->page, MDEV_PAGE);
	mu->page = NULL;
	if (mu->device >= 0)
		close(mu->device);
	if (mu->efd >= 0)
		close(mu->efd);
	if (mu->group >= 0)
		close(mu->group);
	if (mu->container >= 0)
		close(mu->container);
	mu->device = mu->efd = mu->group = mu->container = -1;
}

/* Release, then remove the mdev if it was created; 0 or -1 */
static inline int mdev_remove(struct mdev_user *mu)
{
	char path[PATH_MAX];

	mdev_release(mu);
	if (!mu->uuid[0])
		return 0;
	snprintf(path, sizeof(path), MDEV_DEVICES "/%s/remove", mu->uuid);
	return mdev_write_file(path, "1");
}

#endif /* VFIO_MDEV_H */
