# SPDX-License-Identifier: GPL-2.0
# title: mdev job, 4 KiB copy, mmap'ed job page, user space polls STATUS (PCI engine, aux domain)
# ref: 40-engine-copy-4k
# kernels: series
mdevb poll 4096
