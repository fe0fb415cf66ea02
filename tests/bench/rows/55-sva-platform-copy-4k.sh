# SPDX-License-Identifier: GPL-2.0
# title: SVA job, 4 KiB copy, resident pages (platform engine)
# ref: 43-engine-platform-copy-4k
# kernels: series
svab platform resident 4096
