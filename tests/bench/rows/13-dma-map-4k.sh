# SPDX-License-Identifier: GPL-2.0
# title: dma_map_single+unmap 4 KiB, engine's default domain
# ref: base
kmod dma 4096 200
