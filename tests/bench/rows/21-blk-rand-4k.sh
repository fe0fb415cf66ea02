# SPDX-License-Identifier: GPL-2.0
# title: virtio-blk O_DIRECT 4 KiB read, random
# ref: base
blkread rand 256
