#!/usr/bin/env bash
# Installs everything erasebox needs to build, test and make its image on a fresh Debian 12
# machine: Debian packages (qemu, image tools, disk tools, nwipe for benchmarks) and npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
PKGS=(
  # image build and boot
  qemu-system-x86 qemu-utils ovmf xorriso mtools dosfstools fdisk zstd cpio kmod
  grub-common grub-pc-bin grub-efi-amd64-bin
  # disk tools erasebox drives, and test helpers
  smartmontools sg3-utils hdparm nvme-cli util-linux tmux poppler-utils busybox-static jq
  # benchmark baselines
  nwipe openssl b3sum
)
missing=()
for p in "${PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
