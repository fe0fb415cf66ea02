# SPDX-License-Identifier: GPL-2.0
# title: ioasid_find, all CPUs at once (per-CPU time)
# ref: 34-xa-find-allcpus
# kernels: series
kmod ioasid_find 0 2000
