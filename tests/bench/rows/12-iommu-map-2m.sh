# SPDX-License-Identifier: GPL-2.0
# title: iommu_map+unmap 2 MiB (one block), unmanaged domain
# ref: base
kmod map 2097152 100
