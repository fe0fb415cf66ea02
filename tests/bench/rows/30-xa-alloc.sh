# SPDX-License-Identifier: GPL-2.0
# title: bare xarray alloc+free (kzalloc, xa_alloc, xa_erase, kfree_rcu)
# ref: base
kmod xa_alloc 0 500
