// SPDX-License-Identifier: GPL-2.0
/*
 * mdev-demo: the demo's view of a VFIO mediated device on the PCI engine.
 * One job channel of the engine becomes an mdev (type pasid-dma-chan); this
 * process uses it as a VFIO user does: its own container with type1, the
 * mdev's group, VFIO_IOMMU_MAP_DMA of a buffer at an IOVA it chooses, the
 * channel's job page mmap'ed from region 0 and the completion interrupt on
 * an eventfd.  The container's domain is an auxiliary domain of the
 * engine: the kernel locks the channel to that domain's PASID, which the
 * job page's PASID register reads back (writes to it are ignored).
 *
 * Runs a 32-bit fill and a copy through the page, checks every byte of the
 * buffer, removes the mdev.  Prints "ok"/"not ok" lines and a last line
 * "mdev demo: OK" or "mdev demo: FAIL (why)"; exits 1 on failure.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>

#define TYPE		"pasid-dma-chan"
#define MDEV_BUS	"/sys/class/mdev_bus"
#define MDEV_DEVICES	"/sys/bus/mdev/devices"
#define PAGE		4096UL
#define BUF_LEN		(8 * PAGE)	/* fill the first half, copy to the second */
#define IOVA		0x10000000ULL	/* chosen by us; the process sees the buffer elsewhere */
#define PATTERN		0xd0facade

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
#define STATE_DONE	2

static volatile uint32_t *page;
static int container = -1, group = -1, device = -1, efd = -1;

/*
 * Release everything of the VFIO user, also after a failure: removing an
 * mdev whose device file is open waits for its release.
 */
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

static int fail(const char *fmt, ...)
{
	va_list ap;

	printf("not ok - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(": %s\n", errno ? strerror(errno) : "as described");
	return -1;
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

static long read_long(const char *path)
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

/* The first mdev parent offering TYPE, its name in @parent; 0 or -1 */
static int find_parent(char *parent, size_t size)
{
	char dir[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(MDEV_BUS);

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= size)
			continue;
		snprintf(dir, sizeof(dir), MDEV_BUS "/%s/mdev_supported_types/" TYPE, de->d_name);
		if (!access(dir, F_OK)) {
			strcpy(parent, de->d_name);
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	return -1;
}

static uint32_t rd(unsigned int reg)
{
	return page[reg / 4];
}

static void wr(unsigned int reg, uint32_t val)
{
	page[reg / 4] = val;
}

/* Write a job in the page, ring the doorbell, wait for its interrupt */
static uint32_t run_job(uint32_t op, uint64_t src, uint64_t dst, uint32_t len)
{
	struct pollfd pfd = { .fd = efd, .events = POLLIN };
	uint64_t count;

	wr(REG_OP, op);
	wr(REG_PATTERN, PATTERN);
	wr(REG_SRC, (uint32_t)src);
	wr(REG_SRC + 4, src >> 32);
	wr(REG_DST, (uint32_t)dst);
	wr(REG_DST + 4, dst >> 32);
	wr(REG_LEN, len);
	wr(REG_DOORBELL, 1);
	if (poll(&pfd, 1, 10000) != 1 || read(efd, &count, sizeof(count)) != sizeof(count))
		return 0;	/* no interrupt within 10 s */
	return rd(REG_STATUS);
}

static int demo(const char *uuid)
{
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map) };
	struct {
		struct vfio_irq_set set;
		int32_t fd;
	} irq;
	char path[PATH_MAX], link[PATH_MAX], *grp;
	unsigned long k, bad = 0;
	uint32_t pasid, st1, st2;
	unsigned char *buf;
	ssize_t n;

	snprintf(path, sizeof(path), MDEV_DEVICES "/%s/iommu_group", uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return fail("%s: no iommu_group", uuid);
	link[n] = 0;
	grp = strrchr(link, '/') + 1;
	snprintf(path, sizeof(path), "/dev/vfio/%s", grp);

	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0 || ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
	    ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) != 1)
		return fail("VFIO container with type1");
	group = open(path, O_RDWR);
	if (group < 0 || ioctl(group, VFIO_GROUP_GET_STATUS, &gs) ||
	    !(gs.flags & VFIO_GROUP_FLAGS_VIABLE))
		return fail("%s: open, or not viable", path);
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) ||
	    ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU))
		return fail("%s: into the container, type1", path);
	printf("   VFIO group %s (%s) in a type1 container\n", grp, path);

	/* The buffer, mapped for the device at an IOVA we choose */
	buf = mmap(NULL, BUF_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return fail("mmap of the buffer");
	memset(buf, 0x5a, BUF_LEN);	/* poison: the engine must overwrite it */
	map.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	map.vaddr = (uintptr_t)buf;
	map.iova = IOVA;
	map.size = BUF_LEN;
	if (ioctl(container, VFIO_IOMMU_MAP_DMA, &map))
		return fail("VFIO_IOMMU_MAP_DMA");
	printf("   MAP_DMA: %lu KiB at %p -> IOVA 0x%llx\n", BUF_LEN / 1024, (void *)buf,
	       (unsigned long long)IOVA);

	/* The device: its job page and its interrupt */
	device = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, uuid);
	if (device < 0)
		return fail("VFIO_GROUP_GET_DEVICE_FD");
	page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, device, 0);
	if (page == MAP_FAILED)
		return fail("mmap of region 0 (the job page)");
	efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	memset(&irq, 0, sizeof(irq));
	irq.set.argsz = sizeof(irq);
	irq.set.flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	irq.set.count = 1;
	irq.fd = efd;
	if (efd < 0 || ioctl(device, VFIO_DEVICE_SET_IRQS, &irq))
		return fail("eventfd on the completion interrupt");

	/*
	 * The kernel locked the channel to the aux domain's PASID when the
	 * device was opened; the page's PASID register reads it back and
	 * ignores what we write there.
	 */
	pasid = rd(REG_PASID);
	wr(REG_PASID, 0);
	printf("   job page mmap'ed; PASID register: 0x%08x (aux domain PASID %u, %s), after writing 0: 0x%08x\n",
	       pasid, pasid & 0xfffff, pasid & PASID_VALID ? "valid" : "NOT valid", rd(REG_PASID));
	if (!(pasid & PASID_VALID) || !(pasid & 0xfffff) || rd(REG_PASID) != pasid) {
		errno = 0;
		return fail("the channel is not locked to a PASID");
	}

	st1 = run_job(OP_FILL32, 0, IOVA, BUF_LEN / 2);
	st2 = run_job(OP_COPY, IOVA, IOVA + BUF_LEN / 2, BUF_LEN / 2);
	for (k = 0; k < BUF_LEN; k++)
		if (buf[k] != (unsigned char)(PATTERN >> (8 * (k % 4))))
			bad++;
	printf("   fill 0x%x of %lu KiB at IOVA 0x%llx: STATUS 0x%x; copy to IOVA 0x%llx: STATUS 0x%x; %lu of %lu bytes wrong\n",
	       PATTERN, BUF_LEN / 2048, (unsigned long long)IOVA, st1,
	       (unsigned long long)IOVA + BUF_LEN / 2, st2, bad, BUF_LEN);
	if (STATE(st1) != STATE_DONE || STATE(st2) != STATE_DONE || bad) {
		errno = 0;
		return fail("fill+copy through the mdev's job page");
	}
	printf("ok - mdev %s: fill+copy at IOVA 0x%llx through its aux domain (PASID %u), every byte checked\n",
	       uuid, (unsigned long long)IOVA, pasid & 0xfffff);

	munmap(buf, BUF_LEN);
	return 0;
}

int main(void)
{
	char parent[128], path[PATH_MAX], uuid[40];
	long avail, after;
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (find_parent(parent, sizeof(parent))) {
		printf("not ok - no mdev type " TYPE " under " MDEV_BUS
		       " (CONFIG_PASID_DMA_MDEV, or the engine lacks aux domains: see dmesg \"no mdevs\")\n");
		printf("mdev demo: FAIL (no " TYPE " mdev type)\n");
		return 1;
	}
	snprintf(path, sizeof(path), MDEV_BUS "/%s/mdev_supported_types/" TYPE "/available_instances",
		 parent);
	avail = read_long(path);
	snprintf(uuid, sizeof(uuid), "%08x-6d64-4000-8000-00000000d3e0", (unsigned int)getpid());
	snprintf(path, sizeof(path), MDEV_BUS "/%s/mdev_supported_types/" TYPE "/create", parent);
	if (write_file(path, uuid)) {
		fail("create an mdev: %s", path);
		printf("mdev demo: FAIL (cannot create an mdev)\n");
		return 1;
	}
	printf("   engine %s: mdev type " TYPE ", %ld channels free; created mdev %s\n",
	       parent, avail, uuid);

	ret = demo(uuid);
	release();	/* the kernel resets and unlocks the channel */

	snprintf(path, sizeof(path), MDEV_DEVICES "/%s/remove", uuid);
	if (write_file(path, "1")) {
		ret = fail("remove mdev %s", uuid);
	} else {
		snprintf(path, sizeof(path),
			 MDEV_BUS "/%s/mdev_supported_types/" TYPE "/available_instances", parent);
		after = read_long(path);
		snprintf(path, sizeof(path), MDEV_DEVICES "/%s", uuid);
		printf("   mdev removed; %ld channels free\n", after);
		if (!access(path, F_OK) || after != avail) {
			errno = 0;
			ret = fail("mdev %s still there, or its channel not given back", uuid);
		}
	}
	printf(ret ? "mdev demo: FAIL (see the not ok line)\n" : "mdev demo: OK\n");
	return !!ret;
}
