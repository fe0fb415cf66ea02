# SPDX-License-Identifier: GPL-2.0
# title: engine job, 4 KiB copy, DMA API (PCI engine)
# kernels: series
pdma pci copy 4096
