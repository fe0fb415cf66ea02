# SPDX-License-Identifier: GPL-2.0
# title: engine job, 1 MiB copy, DMA API (PCI engine)
# ref: 40-engine-copy-4k
# kernels: series
pdma pci copy 1048576
