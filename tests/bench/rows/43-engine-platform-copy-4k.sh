# SPDX-License-Identifier: GPL-2.0
# title: engine job, 4 KiB copy, DMA API (platform engine)
# kernels: series
pdma platform copy 4096
