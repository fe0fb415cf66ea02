# SPDX-License-Identifier: GPL-2.0
# title: engine job faulting once, PRI answered Invalid (PCI engine)
# ref: 40-engine-copy-4k
# kernels: series
pdma pci fault 4096
