# SPDX-License-Identifier: GPL-2.0
# title: SVA job, 1 MiB copy, resident pages (PCI engine)
# ref: 41-engine-copy-1m
# kernels: series
svab pci resident 1048576
