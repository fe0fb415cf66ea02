# SPDX-License-Identifier: GPL-2.0
# title: munmap of 1 GiB, one page per 2 MiB touched by the engine, process bound (PCI engine)
# ref: 56-munmap-1g
# kernels: series
svab pci munmap 1
