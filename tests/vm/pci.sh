# SPDX-License-Identifier: GPL-2.0
# PCI helpers for the boot checks (sourced).

# ext_cap DEV ID: offset of PCI extended capability ID in DEV's config
# space (DEV is a /sys/bus/pci/devices/ path), or nothing
ext_cap() {
	off=256
	while [ "$off" -ne 0 ] && [ "$off" -lt 4096 ]; do
		hdr=$(od -An -tu4 -j "$off" -N4 "$1/config" 2>/dev/null | tr -d ' ')
		[ -n "$hdr" ] && [ "$hdr" -ne 0 ] || return 1
		[ $((hdr & 0xffff)) -eq "$2" ] && { echo "$off"; return 0; }
		off=$(((hdr >> 20) & 0xffc))
	done
	return 1
}

# cfg_u16 DEV OFFSET: a 16-bit config space register
cfg_u16() { od -An -tu2 -j "$2" -N2 "$1/config" | tr -d ' '; }

# find_pci VENDOR DEVICE: sysfs path of the first such function, or nothing
find_pci() {
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor"):$(cat "$d/device")" = "$1:$2" ] && { echo "$d"; return 0; }
	done
	return 1
}

PCI_EXT_CAP_ATS=15
PCI_EXT_CAP_PRI=19
PCI_EXT_CAP_PASID=27
# The PASID test DMA engine of our QEMU
ENGINE_VENDOR=0x1234
ENGINE_DEVICE=0x11e9
