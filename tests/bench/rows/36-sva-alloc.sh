# SPDX-License-Identifier: GPL-2.0
# title: iommu_sva_alloc_pasid+iommu_sva_free_pasid (frees wait for RCU)
# ref: 31-ioasid-alloc
# kernels: series
kmod sva_alloc 0 10
