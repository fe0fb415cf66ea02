# SPDX-License-Identifier: GPL-2.0
# title: dma_map_single+unmap 2 MiB, engine's default domain
# ref: base
kmod dma 2097152 50
