#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the host packages the scripts need, from the system's own Debian
# sources (nothing else is touched).  A no-op when all are there.
#
#   scripts/deps.sh [PACKAGE...]     # more packages a script needs (bench.sh)
. "$(dirname "$0")/lib.sh"

PKGS=(make gcc libc6-dev perl patch bc bison flex cpio gzip xz-utils git ccache
	sparse kmod libssl-dev
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross
	python3 python3-venv python3-setuptools ninja-build pkg-config
	libglib2.0-dev zlib1g-dev libfdt-dev dpkg-dev "$@")
missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	phase deps "host packages present"
	exit 0
fi
[ "$(id -u)" -eq 0 ] || die "missing packages (${missing[*]}) and not root: install them with apt-get"
phase deps "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >"$BUILD/apt-update.log" 2>&1 || die "apt-get update failed; log: $BUILD/apt-update.log"
apt-get install -y -q --no-install-recommends "${missing[@]}" >"$BUILD/apt-install.log" 2>&1 ||
	die "apt-get install failed; log: $BUILD/apt-install.log"
phase deps "installed ${#missing[@]} packages"
