# SPDX-License-Identifier: GPL-2.0
# title: SIGKILL to exit of a process running faulting 1 MiB SVA jobs (PCI engine)
# ref: 58-kill-idle
# kernels: series
svab pci kill 1
