# SPDX-License-Identifier: GPL-2.0
# title: iommu_map+unmap 2 MiB (one block), aux domain of the engine (at its PASID)
# ref: 14-dma-map-2m
# kernels: series
kmod aux 2097152 50
