# SPDX-License-Identifier: GPL-2.0
# title: SVA job, 4 KiB copy, resident pages (PCI engine)
# ref: 40-engine-copy-4k
# kernels: series
svab pci resident 4096
