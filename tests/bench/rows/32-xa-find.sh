# SPDX-License-Identifier: GPL-2.0
# title: bare xarray lookup (xa_load + refcount check), 1 CPU
# ref: base
kmod xa_find 1 2000
