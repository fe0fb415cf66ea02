# SPDX-License-Identifier: GPL-2.0
# title: iommu_map+unmap 4 KiB, unmanaged domain
# ref: base
kmod map 4096 200
