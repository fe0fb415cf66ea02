# SPDX-License-Identifier: GPL-2.0
# title: mdev job, 1 MiB copy, mmap'ed job page, user space polls STATUS (PCI engine, aux domain)
# ref: 41-engine-copy-1m
# kernels: series
mdevb poll 1048576
