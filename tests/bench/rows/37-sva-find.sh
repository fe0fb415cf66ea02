# SPDX-License-Identifier: GPL-2.0
# title: iommu_sva_find+mmput
# ref: 33-ioasid-find
# kernels: series
kmod sva_find 0 2000
