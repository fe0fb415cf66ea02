# SPDX-License-Identifier: GPL-2.0
# title: munmap of 1 GiB, one page per 2 MiB touched by the CPU, process not bound
svab pci munmap 0
