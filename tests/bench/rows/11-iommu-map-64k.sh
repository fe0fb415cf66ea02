# SPDX-License-Identifier: GPL-2.0
# title: iommu_map+unmap 64 KiB, unmanaged domain
# ref: base
kmod map 65536 100
