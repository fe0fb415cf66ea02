# SPDX-License-Identifier: GPL-2.0
# title: CPU minor fault: first touch of a never-touched anonymous page
svab pci cpufault 65536
