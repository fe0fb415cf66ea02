#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What the demo command shows: the SMMUv3, the IOMMU groups and their
# devices, DMA through them, a process bound to the engine (SVA), and an
# mdev of the engine doing DMA through its auxiliary domain (VFIO).
echo "== kernel: $(uname -r)"
echo "== SMMU:"
dmesg | grep -E 'arm-smmu-v3' | sed 's/^/   /'
echo "== IOMMU groups:"
for g in /sys/kernel/iommu_groups/*; do
	for d in "$g"/devices/*; do
		id=""
		[ -e "$d/vendor" ] && id=" $(cat "$d/vendor"):$(cat "$d/device")"
		echo "   group ${g##*/} ($(cat "$g/type")): ${d##*/}$id driver=$(basename "$(readlink "$d/driver")")"
	done
done
echo "== SMMU interrupts:"
grep arm-smmu /proc/interrupts | sed 's/^/   /'
echo "== DMA through the SMMU:"
sh /tests/boot/20-virtio-dma.sh | sed 's/^/   /'
echo "== The PASID test engine: PASID, ATS and PRI capabilities:"
sh /tests/boot/30-pasid-engine.sh | grep -E '^(ok|not ok)' | sed 's/^/   /'
sh /tests/boot/31-ats.sh | grep -E '^(ok|not ok|#)' | sed 's/^/   /'
sh /tests/boot/32-pri.sh | grep -E '^(ok|not ok|#)' | sed 's/^/   /'
echo "== The platform flavour of the engine (stall-capable master):"
sh /tests/boot/33-platform-engine.sh | grep -E '^(ok|not ok|#)' | sed 's/^/   /'
echo "== The PASID test engine (pasid-dma), DMA-API mode (ATS and PRI on the PCIe engine), both flavours:"
if [ -x /tests/kselftest/iommu/pasid_dma ]; then
	(cd /tests/kselftest/iommu && ./pasid_dma 2>&1) | grep -E '^(ok|not ok|# Totals)' | sed 's/^/   /'
else
	echo "   (no pasid_dma kselftest in this initramfs)"
fi
echo "== Shared Virtual Addressing: this process bound to the engine, its pages faulted in:"
rc=0
if [ -x /bin/sva-demo ]; then
	/bin/sva-demo || rc=1
else
	echo "   (no sva-demo in this initramfs)"
fi
echo "== A VFIO mediated device: one engine channel, DMA through its container's aux domain:"
if [ -x /bin/mdev-demo ]; then
	/bin/mdev-demo || rc=1
else
	echo "   (no mdev-demo in this initramfs)"
fi
exit $rc
