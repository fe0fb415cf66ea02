# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2034  # sets $dev, $np, $grp... for the caller
# The platform flavour of the PASID test DMA engine, for the boot checks
# that look at it on each machine (sourced after tap.sh).
#   pe_find                  $dev: its platform device (sysfs path, or
#                            empty), $np: its DT node
#   pe_check_exists          one check: the device exists
#   pe_check_bound           two checks: pasid-dma-platform drives it and
#                            one /dev/pasid-dmaN is its own
#   pe_group                 $grp: its IOMMU group (sysfs path, or empty),
#                            $grp_id: the group's number, $grp_type: its
#                            default domain type
#   pe_check_iommu NAME PFX  one check: the device is translated by an
#                            IOMMU whose sysfs name starts with PFX
PE_COMPAT=qemu,pasid-dma-platform

pe_find() {
	dev=
	for d in /sys/bus/platform/devices/*; do
		[ -f "$d/of_node/compatible" ] || continue
		if tr '\0' '\n' <"$d/of_node/compatible" | grep -qx "$PE_COMPAT"; then
			dev=$d
			break
		fi
	done
	np=$dev/of_node
}

pe_check_exists() {
	check "platform engine: a $PE_COMPAT device exists (${dev##*/})" test -n "$dev"
}

pe_check_bound() {
	drv=
	[ -n "$dev" ] && [ -e "$dev/driver" ] && drv=$(basename "$(readlink "$dev/driver")")
	check "platform engine: bound to the pasid-dma-platform driver (${drv:-none})" \
		test "$drv" = pasid-dma-platform
	misc=
	for m in /sys/class/misc/pasid-dma*; do
		[ -n "$dev" ] && [ -e "$m/device" ] || continue
		[ "$(readlink -f "$m/device")" = "$(readlink -f "$dev")" ] && misc=${m##*/}
	done
	check "platform engine: /dev/${misc:-?} belongs to it" test -n "$misc" -a -c "/dev/$misc"
}

pe_group() {
	grp=; grp_id=; grp_type=
	if [ -n "$dev" ] && [ -e "$dev/iommu_group" ]; then
		grp=$(readlink -f "$dev/iommu_group")
		grp_id=${grp##*/}
		grp_type=$(cat "$grp/type" 2>/dev/null)
	fi
}

pe_check_iommu() {
	iommu=
	[ -n "$dev" ] && [ -e "$dev/iommu" ] && iommu=$(basename "$(readlink "$dev/iommu")")
	check "platform engine: translated by the $1 (${iommu:-none})" \
		test -n "$iommu" -a "${iommu#"$2"}" != "$iommu"
}
