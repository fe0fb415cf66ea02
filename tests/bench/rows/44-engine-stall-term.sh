# SPDX-License-Identifier: GPL-2.0
# title: engine job faulting once, stall terminated (platform engine)
# ref: 43-engine-platform-copy-4k
# kernels: series
pdma platform fault 4096
