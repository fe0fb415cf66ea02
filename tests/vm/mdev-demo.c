// SPDX-License-Identifier: GPL-2.0
/*
 * mdev-demo: the demo's view of a VFIO mediated device on the PCI engine.
 * One job channel of the engine becomes an mdev (type pasid-dma-chan); this
 * process uses it as a VFIO user does: its own container with type1, the
 * mdev's group, VFIO_IOMMU_MAP_DMA of a buffer at an IOVA it chooses, the
 * channel's job page mmap'ed from region 0 and the completion interrupt on
 * an eventfd (the steps are in vfio-mdev.h, shared with the bench's mdevb).
 * The container's domain is an auxiliary domain of the engine: the kernel
 * locks the channel to that domain's PASID, which the job page's PASID
 * register reads back (writes to it are ignored).
 *
 * Runs a 32-bit fill and a copy through the page, checks every byte of the
 * buffer, removes the mdev.  Prints "ok"/"not ok" lines and a last line
 * "mdev demo: OK" or "mdev demo: FAIL (why)"; exits 1 on failure.
 */
#include <poll.h>
#include <stdarg.h>

#include "vfio-mdev.h"

#define BUF_LEN		(8 * MDEV_PAGE)	/* fill the first half, copy to the second */
#define IOVA		0x10000000ULL	/* chosen by us; the process sees the buffer elsewhere */
#define PATTERN		0xd0facade

static struct mdev_user mu;

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

/* Write a job in the page, ring the doorbell, wait for its interrupt */
static uint32_t run_job(uint32_t op, uint64_t src, uint64_t dst, uint32_t len)
{
	struct pollfd pfd = { .fd = mu.efd, .events = POLLIN };
	uint64_t count;

	mdev_start_job(&mu, op, PATTERN, src, dst, len);
	if (poll(&pfd, 1, 10000) != 1 || read(mu.efd, &count, sizeof(count)) != sizeof(count))
		return 0;	/* no interrupt within 10 s */
	return mdev_rd(&mu, REG_STATUS);
}

static int demo(void)
{
	unsigned long k, bad = 0;
	uint32_t pasid, st1, st2;
	unsigned char *buf;
	const char *err;

	err = mdev_open_container(&mu);
	if (err)
		return fail("%s: %s", mu.uuid, err);
	printf("   VFIO group %s (%s) in a type1 container\n", mu.group_name, mu.group_path);

	/* The buffer, mapped for the device at an IOVA we choose */
	buf = mmap(NULL, BUF_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return fail("mmap of the buffer");
	memset(buf, 0x5a, BUF_LEN);	/* poison: the engine must overwrite it */
	if (mdev_map_dma(&mu, buf, IOVA, BUF_LEN))
		return fail("VFIO_IOMMU_MAP_DMA");
	printf("   MAP_DMA: %lu KiB at %p -> IOVA 0x%llx\n", BUF_LEN / 1024, (void *)buf,
	       (unsigned long long)IOVA);

	/* The device: its job page and its interrupt */
	err = mdev_open_device(&mu);
	if (err)
		return fail("%s", err);

	/*
	 * The kernel locked the channel to the aux domain's PASID when the
	 * device was opened; the page's PASID register reads it back and
	 * ignores what we write there.
	 */
	pasid = mdev_rd(&mu, REG_PASID);
	mdev_wr(&mu, REG_PASID, 0);
	printf("   job page mmap'ed; PASID register: 0x%08x (aux domain PASID %u, %s), after writing 0: 0x%08x\n",
	       pasid, pasid & 0xfffff, pasid & PASID_VALID ? "valid" : "NOT valid",
	       mdev_rd(&mu, REG_PASID));
	if (!(pasid & PASID_VALID) || !(pasid & 0xfffff) || mdev_rd(&mu, REG_PASID) != pasid) {
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
	       mu.uuid, (unsigned long long)IOVA, pasid & 0xfffff);

	munmap(buf, BUF_LEN);
	return 0;
}

int main(void)
{
	char path[PATH_MAX];
	long avail, after;
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	mdev_init(&mu);
	if (mdev_find_parent(&mu)) {
		printf("not ok - no mdev type " MDEV_TYPE " under " MDEV_BUS
		       " (CONFIG_PASID_DMA_MDEV, or the engine lacks aux domains: see dmesg \"no mdevs\")\n");
		printf("mdev demo: FAIL (no " MDEV_TYPE " mdev type)\n");
		return 1;
	}
	avail = mdev_available(&mu);
	if (mdev_create(&mu, 0xd3e0)) {
		fail("create an mdev on %s", mu.parent);
		printf("mdev demo: FAIL (cannot create an mdev)\n");
		return 1;
	}
	printf("   engine %s: mdev type " MDEV_TYPE ", %ld channels free; created mdev %s\n",
	       mu.parent, avail, mu.uuid);

	ret = demo();
	/* the kernel resets and unlocks the channel when the device is released */
	if (mdev_remove(&mu)) {
		ret = fail("remove mdev %s", mu.uuid);
	} else {
		after = mdev_available(&mu);
		snprintf(path, sizeof(path), MDEV_DEVICES "/%s", mu.uuid);
		printf("   mdev removed; %ld channels free\n", after);
		if (!access(path, F_OK) || after != avail) {
			errno = 0;
			ret = fail("mdev %s still there, or its channel not given back", mu.uuid);
		}
	}
	printf(ret ? "mdev demo: FAIL (see the not ok line)\n" : "mdev demo: OK\n");
	return !!ret;
}
