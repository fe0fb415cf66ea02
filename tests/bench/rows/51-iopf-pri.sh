# SPDX-License-Identifier: GPL-2.0
# title: SVA job on a never-touched page: I/O page fault by PRI + DMA (PCI engine)
# ref: 50-cpu-minor-fault
# kernels: series
svab pci iopf 4096
