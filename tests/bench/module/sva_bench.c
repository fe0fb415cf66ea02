// SPDX-License-Identifier: GPL-2.0
/*
 * sva_bench: in-kernel micro-benchmarks for scripts/bench.sh.
 *
 * An external module, built against the base and the series kernel alike,
 * so that both run the same code.  It binds to the PASID test DMA engine
 * (PCI 1234:11e9) as its driver, which makes the driver core set up the
 * engine's DMA ops and default domain exactly as for a real driver, and
 * times, in a loop of ITERS operations:
 *
 *   map SIZE ITERS       iommu_map() + iommu_unmap() of SIZE bytes on an
 *                        unmanaged domain attached to the engine
 *   dma SIZE ITERS       dma_map_single() + dma_unmap_single() on the
 *                        engine's default domain
 *   aux SIZE ITERS       iommu_map() + iommu_unmap() of SIZE bytes on an
 *                        unmanaged domain aux-attached to the engine at a
 *                        PASID (IOMMU_DEV_FEAT_AUX; series kernel), the
 *                        engine keeping its default domain
 *   ioasid_alloc 0 ITERS ioasid_alloc() + ioasid_free()
 *   xa_alloc 0 ITERS     the same work on a bare xarray: an object
 *                        allocated, stored, erased and freed after RCU
 *   ioasid_find N ITERS  ioasid_find() over a pool of 64 IDs, on N CPUs
 *                        at once (N = 0: every online CPU)
 *   xa_find N ITERS      xa_load() + a refcount check, the same pool
 *   sva_alloc 0 ITERS    iommu_sva_alloc_pasid() + iommu_sva_free_pasid()
 *                        of the writer's mm (series kernel)
 *   sva_find 0 ITERS     iommu_sva_find() + mmput() (series kernel)
 *
 * Write "NAME ARG ITERS" to /sys/kernel/debug/sva_bench/run; the write
 * runs the loop and a read returns the mean time of one operation in
 * nanoseconds ("123.456"), or "error: why" after a failed write (which
 * returns the error code).  Warm-up and repetition are up to the caller.
 */
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/ioasid.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>
#ifdef CONFIG_IOMMU_SVA_LIB
#include "iommu-sva-lib.h"
#endif

#define BENCH_IOVA	0x40000000UL	/* 2 MiB aligned: block mappings */
#define BENCH_BUF_ORDER	9		/* 2 MiB of memory to map */
#define BENCH_POOL	64		/* IDs looked up by the find tests */
#define BENCH_PASID_MAX	((1U << 16) - 1)

/*
 * bench_lock serialises the commands and protects everything below it:
 * the bound engine, the result text and the lookup pools.
 */
static DEFINE_MUTEX(bench_lock);
static struct pci_dev *bench_pdev;
static struct page *bench_pages;
static char bench_result[128];

/* The bare-xarray side of the IOASID comparison */
struct bench_obj {
	refcount_t refs;
	struct rcu_head rcu;
};

static DEFINE_XARRAY_ALLOC(bench_xa);
static DECLARE_IOASID_SET(bench_set);

static void bench_set_error(const char *why)
{
	snprintf(bench_result, sizeof(bench_result), "error: %s\n", why);
}

static void bench_set_result(u64 total_ns, unsigned long iters)
{
	u64 milli = div64_u64(total_ns * 1000, iters);

	snprintf(bench_result, sizeof(bench_result), "%llu.%03llu\n",
		 div_u64(milli, 1000), milli % 1000);
}

/* The map/unmap loop of the map and aux benchmarks */
static int bench_map_loop(struct iommu_domain *domain, size_t size,
			  unsigned long iters, u64 *ns)
{
	phys_addr_t phys = page_to_phys(bench_pages);
	unsigned long i;
	ktime_t t0;
	int ret = 0;

	t0 = ktime_get();
	for (i = 0; i < iters; i++) {
		ret = iommu_map(domain, BENCH_IOVA, phys, size,
				IOMMU_READ | IOMMU_WRITE);
		if (ret) {
			bench_set_error("iommu_map() failed");
			break;
		}
		if (iommu_unmap(domain, BENCH_IOVA, size) != size) {
			bench_set_error("iommu_unmap() unmapped less than it was asked");
			ret = -EIO;
			break;
		}
	}
	*ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	return ret;
}

static int bench_map(size_t size, unsigned long iters, u64 *ns)
{
	struct iommu_domain *domain;
	struct device *dev;
	int ret;

	if (!bench_pdev) {
		bench_set_error("no PASID engine bound to sva_bench");
		return -ENODEV;
	}
	if (size > (PAGE_SIZE << BENCH_BUF_ORDER) || !size || size % PAGE_SIZE) {
		bench_set_error("size must be pages, up to 2 MiB");
		return -EINVAL;
	}
	dev = &bench_pdev->dev;
	domain = iommu_domain_alloc(dev->bus);
	if (!domain) {
		bench_set_error("iommu_domain_alloc() failed: engine not behind an IOMMU?");
		return -ENODEV;
	}
	ret = iommu_attach_device(domain, dev);
	if (ret) {
		bench_set_error("iommu_attach_device() of an unmanaged domain failed");
		goto out_free;
	}
	ret = bench_map_loop(domain, size, iters, ns);
	iommu_detach_device(domain, dev);
out_free:
	iommu_domain_free(domain);
	return ret;
}

static int bench_aux(size_t size, unsigned long iters, u64 *ns)
{
	struct iommu_domain *domain;
	bool enabled_here = false;
	struct device *dev;
	int ret;

	if (!bench_pdev) {
		bench_set_error("no PASID engine bound to sva_bench");
		return -ENODEV;
	}
	if (size > (PAGE_SIZE << BENCH_BUF_ORDER) || !size || size % PAGE_SIZE) {
		bench_set_error("size must be pages, up to 2 MiB");
		return -EINVAL;
	}
	dev = &bench_pdev->dev;
	if (!iommu_dev_feature_enabled(dev, IOMMU_DEV_FEAT_AUX)) {
		ret = iommu_dev_enable_feature(dev, IOMMU_DEV_FEAT_AUX);
		if (ret) {
			bench_set_error("no aux domains for the engine (IOMMU_DEV_FEAT_AUX)");
			return ret;
		}
		enabled_here = true;
	}
	domain = iommu_domain_alloc(dev->bus);
	if (!domain) {
		bench_set_error("iommu_domain_alloc() failed");
		ret = -ENOMEM;
		goto out_disable;
	}
	ret = iommu_aux_attach_device(domain, dev);
	if (ret) {
		bench_set_error("iommu_aux_attach_device() failed");
		goto out_free;
	}
	ret = bench_map_loop(domain, size, iters, ns);
	iommu_aux_detach_device(domain, dev);
out_free:
	iommu_domain_free(domain);
out_disable:
	if (enabled_here)
		iommu_dev_disable_feature(dev, IOMMU_DEV_FEAT_AUX);
	return ret;
}

static int bench_dma(size_t size, unsigned long iters, u64 *ns)
{
	void *buf = page_address(bench_pages);
	struct device *dev;
	dma_addr_t dma;
	unsigned long i;
	ktime_t t0;

	if (!bench_pdev) {
		bench_set_error("no PASID engine bound to sva_bench");
		return -ENODEV;
	}
	if (!size || size > (PAGE_SIZE << BENCH_BUF_ORDER)) {
		bench_set_error("size must be 1 byte to 2 MiB");
		return -EINVAL;
	}
	dev = &bench_pdev->dev;
	if (!iommu_get_domain_for_dev(dev)) {
		bench_set_error("the engine has no IOMMU domain: DMA would bypass the IOMMU");
		return -ENODEV;
	}
	t0 = ktime_get();
	for (i = 0; i < iters; i++) {
		dma = dma_map_single(dev, buf, size, DMA_BIDIRECTIONAL);
		if (dma_mapping_error(dev, dma)) {
			bench_set_error("dma_map_single() failed");
			return -ENOMEM;
		}
		dma_unmap_single(dev, dma, size, DMA_BIDIRECTIONAL);
	}
	*ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	return 0;
}

static int bench_xa_alloc(unsigned long iters, u64 *ns)
{
	struct bench_obj *obj;
	unsigned long i;
	ktime_t t0;
	u32 id;
	int ret = 0;

	t0 = ktime_get();
	for (i = 0; i < iters; i++) {
		obj = kzalloc(sizeof(*obj), GFP_KERNEL);
		if (!obj) {
			ret = -ENOMEM;
			break;
		}
		refcount_set(&obj->refs, 1);
		ret = xa_alloc(&bench_xa, &id, obj, XA_LIMIT(1, BENCH_PASID_MAX),
			       GFP_KERNEL);
		if (ret) {
			kfree(obj);
			break;
		}
		obj = xa_erase(&bench_xa, id);
		kfree_rcu(obj, rcu);
	}
	*ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	if (ret)
		bench_set_error("xa_alloc() failed");
	return ret;
}

/* Parallel lookups: one kthread per CPU, started together */
struct bench_worker {
	struct task_struct *task;
	unsigned long iters;
	bool ioasid;
	u32 *ids;
	u64 ns;
	int ret;
};

static atomic_t bench_left;
static DECLARE_COMPLETION(bench_go);
static DECLARE_COMPLETION(bench_done);

static int bench_lookup_loop(bool ioasid, const u32 *ids, unsigned long iters)
{
	struct bench_obj *obj;
	unsigned long i;
	void *priv;

	for (i = 0; i < iters; i++) {
		u32 id = ids[i % BENCH_POOL];

		if (ioasid) {
			priv = ioasid_find(&bench_set, id, NULL);
			if (IS_ERR(priv))
				return PTR_ERR(priv);
		} else {
			rcu_read_lock();
			obj = xa_load(&bench_xa, id);
			if (!obj || !refcount_read(&obj->refs)) {
				rcu_read_unlock();
				return -ENOENT;
			}
			rcu_read_unlock();
		}
	}
	return 0;
}

static int bench_worker_fn(void *data)
{
	struct bench_worker *w = data;
	ktime_t t0;

	wait_for_completion(&bench_go);
	t0 = ktime_get();
	w->ret = bench_lookup_loop(w->ioasid, w->ids, w->iters);
	w->ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	if (atomic_dec_and_test(&bench_left))
		complete(&bench_done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static int bench_find(bool ioasid, unsigned int ncpus, unsigned long iters,
		      u64 *ns)
{
	struct bench_worker *w;
	u32 ids[BENCH_POOL];
	unsigned int n = 0, i, cpu, nids;
	int ret = 0;
	u64 sum = 0;

	/* The pool: BENCH_POOL live IDs */
	for (nids = 0; nids < BENCH_POOL; nids++) {
		if (ioasid) {
			ioasid_t id = ioasid_alloc(&bench_set, 1, BENCH_PASID_MAX,
						   bench_result);

			if (id == INVALID_IOASID) {
				ret = -ENOSPC;
				break;
			}
			ids[nids] = id;
		} else {
			struct bench_obj *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

			if (!obj) {
				ret = -ENOMEM;
				break;
			}
			refcount_set(&obj->refs, 1);
			ret = xa_alloc(&bench_xa, &ids[nids], obj,
				       XA_LIMIT(1, BENCH_PASID_MAX), GFP_KERNEL);
			if (ret) {
				kfree(obj);
				break;
			}
		}
	}
	if (ret) {
		bench_set_error(ioasid ? "ioasid_alloc() of the pool failed" :
			       "xa_alloc() of the pool failed");
		goto out_free;
	}

	if (ncpus == 0 || ncpus > num_online_cpus())
		ncpus = num_online_cpus();
	w = kcalloc(ncpus, sizeof(*w), GFP_KERNEL);
	if (!w) {
		ret = -ENOMEM;
		bench_set_error("out of memory");
		goto out_free;
	}
	atomic_set(&bench_left, ncpus);
	reinit_completion(&bench_go);
	reinit_completion(&bench_done);
	for_each_online_cpu(cpu) {
		if (n == ncpus)
			break;
		w[n].iters = iters;
		w[n].ioasid = ioasid;
		w[n].ids = ids;
		w[n].task = kthread_create(bench_worker_fn, &w[n], "sva_bench/%u",
					   cpu);
		if (IS_ERR(w[n].task)) {
			ret = PTR_ERR(w[n].task);
			w[n].task = NULL;
			break;
		}
		kthread_bind(w[n].task, cpu);
		wake_up_process(w[n].task);
		n++;
	}
	if (ret) {
		/* Only the started ones count down */
		if (n)
			atomic_sub(ncpus - n, &bench_left);
		bench_set_error("kthread_create() failed");
	}
	complete_all(&bench_go);
	if (n)
		wait_for_completion(&bench_done);
	for (i = 0; i < n; i++) {
		kthread_stop(w[i].task);
		sum += w[i].ns;
		if (w[i].ret && !ret) {
			ret = w[i].ret;
			bench_set_error("a lookup did not find a live ID");
		}
	}
	kfree(w);
	/* The mean over the CPUs of each CPU's time for ITERS lookups */
	*ns = n ? div_u64(sum, n) : 0;
out_free:
	while (nids-- > 0) {
		struct bench_obj *obj;

		if (ioasid) {
			ioasid_free(ids[nids]);
		} else {
			obj = xa_erase(&bench_xa, ids[nids]);
			kfree_rcu(obj, rcu);
		}
	}
	return ret;
}

static int bench_ioasid_alloc(unsigned long iters, u64 *ns)
{
	unsigned long i;
	ioasid_t id;
	ktime_t t0;

	t0 = ktime_get();
	for (i = 0; i < iters; i++) {
		id = ioasid_alloc(&bench_set, 1, BENCH_PASID_MAX, bench_result);
		if (id == INVALID_IOASID) {
			bench_set_error("ioasid_alloc() failed");
			return -ENOSPC;
		}
		ioasid_free(id);
	}
	*ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	return 0;
}

#ifdef CONFIG_IOMMU_SVA_LIB
static int bench_sva(bool find, unsigned long iters, u64 *ns)
{
	struct mm_struct *mm = current->mm, *found;
	unsigned long i;
	ktime_t t0;
	int ret = 0;

	if (!mm) {
		bench_set_error("no mm");
		return -EINVAL;
	}
	if (find) {
		ret = iommu_sva_alloc_pasid(mm, 1, BENCH_PASID_MAX);
		if (ret) {
			bench_set_error("iommu_sva_alloc_pasid() failed");
			return ret;
		}
	}
	t0 = ktime_get();
	for (i = 0; i < iters; i++) {
		if (find) {
			found = iommu_sva_find(mm->pasid);
			if (IS_ERR(found) || found != mm) {
				bench_set_error("iommu_sva_find() did not find the mm");
				ret = -ENOENT;
				break;
			}
			mmput(found);
		} else {
			ret = iommu_sva_alloc_pasid(mm, 1, BENCH_PASID_MAX);
			if (ret) {
				bench_set_error("iommu_sva_alloc_pasid() failed");
				break;
			}
			iommu_sva_free_pasid(mm);
		}
	}
	*ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	if (find)
		iommu_sva_free_pasid(mm);
	return ret;
}
#endif

static int bench_run(const char *name, unsigned long arg, unsigned long iters)
{
	u64 ns = 0;
	int ret;

	if (!iters) {
		bench_set_error("ITERS must be at least 1");
		return -EINVAL;
	}
	if (!strcmp(name, "map")) {
		ret = bench_map(arg, iters, &ns);
	} else if (!strcmp(name, "aux")) {
		ret = bench_aux(arg, iters, &ns);
	} else if (!strcmp(name, "dma")) {
		ret = bench_dma(arg, iters, &ns);
	} else if (!strcmp(name, "xa_alloc")) {
		ret = bench_xa_alloc(iters, &ns);
	} else if (!strcmp(name, "xa_find")) {
		ret = bench_find(false, arg, iters, &ns);
	} else if (!strcmp(name, "ioasid_alloc") || !strcmp(name, "ioasid_find")) {
		if (!IS_ENABLED(CONFIG_IOASID)) {
			bench_set_error("CONFIG_IOASID is not set in this kernel");
			return -EOPNOTSUPP;
		}
		if (name[7] == 'a')
			ret = bench_ioasid_alloc(iters, &ns);
		else
			ret = bench_find(true, arg, iters, &ns);
	} else if (!strcmp(name, "sva_alloc") || !strcmp(name, "sva_find")) {
#ifdef CONFIG_IOMMU_SVA_LIB
		ret = bench_sva(name[4] == 'f', iters, &ns);
#else
		bench_set_error("no SVA PASID helpers in this kernel (CONFIG_IOMMU_SVA_LIB)");
		ret = -EOPNOTSUPP;
#endif
	} else {
		bench_set_error("unknown benchmark");
		return -EINVAL;
	}
	if (!ret)
		bench_set_result(ns, iters);
	return ret;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	unsigned long arg, iters;
	char buf[64], name[24];
	int ret;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	mutex_lock(&bench_lock);
	if (sscanf(buf, "%23s %lu %lu", name, &arg, &iters) != 3) {
		bench_set_error("usage: NAME ARG ITERS");
		ret = -EINVAL;
	} else {
		ret = bench_run(name, arg, iters);
	}
	mutex_unlock(&bench_lock);
	return ret ? ret : count;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&bench_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, bench_result,
				      strlen(bench_result));
	mutex_unlock(&bench_lock);
	return ret;
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.write = bench_write,
	.read = bench_read,
	.llseek = default_llseek,
};

static int bench_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret;

	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	mutex_lock(&bench_lock);
	bench_pdev = pdev;
	mutex_unlock(&bench_lock);
	return 0;
}

static void bench_remove(struct pci_dev *pdev)
{
	mutex_lock(&bench_lock);
	bench_pdev = NULL;
	mutex_unlock(&bench_lock);
}

static const struct pci_device_id bench_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e9) },
	{ }
};

static struct pci_driver bench_driver = {
	.name = "sva_bench",
	.id_table = bench_ids,
	.probe = bench_probe,
	.remove = bench_remove,
};

static struct dentry *bench_dir;

static int __init bench_init(void)
{
	int ret;

	bench_pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, BENCH_BUF_ORDER);
	if (!bench_pages)
		return -ENOMEM;
	bench_set_error("no benchmark run yet");
	bench_dir = debugfs_create_dir("sva_bench", NULL);
	debugfs_create_file("run", 0600, bench_dir, NULL, &bench_fops);
	/* No id_table export: bound by hand, never autoloaded */
	ret = pci_register_driver(&bench_driver);
	if (ret) {
		debugfs_remove_recursive(bench_dir);
		__free_pages(bench_pages, BENCH_BUF_ORDER);
	}
	return ret;
}

static void __exit bench_exit(void)
{
	pci_unregister_driver(&bench_driver);
	debugfs_remove_recursive(bench_dir);
	rcu_barrier();	/* the kfree_rcu() of the xarray tests */
	__free_pages(bench_pages, BENCH_BUF_ORDER);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("IOMMU and PASID micro-benchmarks for scripts/bench.sh");
MODULE_LICENSE("GPL");
