# SPDX-License-Identifier: GPL-2.0
# title: ioasid_find, 1 CPU
# ref: 32-xa-find
# kernels: series
kmod ioasid_find 1 2000
