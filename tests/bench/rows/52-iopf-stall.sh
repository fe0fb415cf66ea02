# SPDX-License-Identifier: GPL-2.0
# title: SVA job on a never-touched page: I/O page fault by stall + DMA (platform engine)
# ref: 50-cpu-minor-fault
# kernels: series
svab platform iopf 4096
