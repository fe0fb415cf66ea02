# SPDX-License-Identifier: GPL-2.0
# title: iommu_map+unmap 4 KiB, aux domain of the engine (at its PASID)
# ref: 13-dma-map-4k
# kernels: series
kmod aux 4096 200
