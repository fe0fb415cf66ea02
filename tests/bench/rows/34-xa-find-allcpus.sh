# SPDX-License-Identifier: GPL-2.0
# title: bare xarray lookup, all CPUs at once (per-CPU time)
# ref: base
kmod xa_find 0 2000
