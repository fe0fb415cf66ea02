# SPDX-License-Identifier: GPL-2.0
# title: SIGKILL to exit of a bound, sleeping process (PCI engine)
# kernels: series
svab pci kill 0
