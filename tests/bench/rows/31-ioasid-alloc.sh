# SPDX-License-Identifier: GPL-2.0
# title: ioasid_alloc+ioasid_free
# ref: 30-xa-alloc
# The base configuration has no CONFIG_IOASID (only the series' options
# select it), so the IOASID rows run on the series kernel only.
# kernels: series
kmod ioasid_alloc 0 500
