#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# machines: smmuv3 smmuv2
# Ordinary DMA through the SMMU (v3 or v2): a virtio-blk disk with a known pattern is
# read back and rewritten with O_DIRECT, and virtio-rng delivers entropy, both
# from devices whose IOMMU group has a translating (DMA) default domain.
. /tests/tap.sh
plan 7

pci_of() { # sysfs path of the PCI function under a device
	p=$(readlink -f "$1")
	while [ "$p" != / ]; do
		[ -e "$p/iommu_group" ] && [ -e "$p/vendor" ] && { echo "$p"; return 0; }
		p=${p%/*}
	done
	return 1
}

blk=$(pci_of /sys/block/vda/device)
if [ -n "$blk" ]; then
	grp=$(readlink -f "$blk/iommu_group")
	ok "virtio-blk: ${blk##*/} in IOMMU group ${grp##*/}"
	t=$(cat "$grp/type" 2>/dev/null)
	if [ "$t" = DMA ]; then ok "virtio-blk: group default domain is DMA (translated)"
	else fail "virtio-blk: group default domain is DMA (translated)" "type is '$t'"; fi
else
	fail "virtio-blk: in an IOMMU group" "no /dev/vda or no group"
	fail "virtio-blk: group default domain is DMA (translated)" "no group"
fi

got=$(dd if=/dev/vda bs=1M iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ -n "$SVA_DISK_SHA" ] && [ "$got" = "$SVA_DISK_SHA" ]; then
	ok "virtio-blk: pattern disk reads back (sha256 ${got%${got#????????????}})"
else
	fail "virtio-blk: pattern disk reads back" "sha256 $got, host wrote ${SVA_DISK_SHA:-?}"
fi

# Write 1 MiB of fresh bytes at 4 MiB with O_DIRECT, read it back the same way.
dd if=/dev/urandom of=/tmp/w bs=1M count=1 2>/dev/null
dd if=/tmp/w of=/dev/vda bs=1M seek=4 oflag=direct conv=notrunc 2>/dev/null
dd if=/dev/vda of=/tmp/r bs=1M skip=4 count=1 iflag=direct 2>/dev/null
check "virtio-blk: O_DIRECT write then read back is identical" cmp -s /tmp/w /tmp/r

cur=$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)
case $cur in
virtio_rng*) ok "virtio-rng: current hwrng is $cur" ;;
*) fail "virtio-rng: current hwrng is virtio" "rng_current='$cur'" ;;
esac
n=$(dd if=/dev/hwrng bs=64 count=1 2>/dev/null | wc -c)
check "virtio-rng: 64 bytes of entropy by DMA" test "$n" -eq 64
rng=$(for d in /sys/bus/virtio/drivers/virtio_rng/virtio*; do pci_of "$d"; done | head -n1)
check "virtio-rng: ${rng##*/} in an IOMMU group" test -n "$rng"
done_testing
