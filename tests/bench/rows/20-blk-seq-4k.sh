# SPDX-License-Identifier: GPL-2.0
# title: virtio-blk O_DIRECT 4 KiB read, sequential
# ref: base
blkread seq 256
