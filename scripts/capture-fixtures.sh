#!/bin/sh
# Capture the discovery fixtures from a real qemu guest, end to end (see test/fixtures/README.md):
# builds a throwaway initramfs in $WORK (Debian kernel + storage modules + busybox + smartctl,
# sg3_utils, hdparm, nvme-cli), boots it under TCG with one 8 MiB disk on each of the 9 emulated
# transports, receives the guest's dump (scripts/capture-guest.sh) on the second serial port and
# turns it into test/fixtures/sysfs/<transport>.json and test/fixtures/cmd/<transport>/.
#   scripts/capture-fixtures.sh [DEBS_DIR]     DEBS_DIR defaults to image/cache/debs; debs missing
#                                               there are fetched with `apt-get download` into $WORK.
# Never touches a host disk: the guest sees only the raw image files in $WORK. Kills qemu on exit.
#   scripts/capture-fixtures.sh NAME OUT.json "desc"   one disk of THIS machine (sysfs only):
#                                               same as scripts/capture-sysfs-host.sh.
set -eu
[ $# -ge 2 ] && exec sh "$(dirname "$0")/capture-sysfs-host.sh" "$@"
repo=$(cd "$(dirname "$0")/.." && pwd)
debs=${1:-$repo/image/cache/debs}
WORK=${WORK:-/tmp/capture}
K=6.1.0-56-amd64
PKGS="linux-image-$K busybox-static smartmontools sg3-utils hdparm nvme-cli libc6 libgcc-s1 libstdc++6
 libselinux1 libpcre2-8-0 libsgutils2-1.46-2 libjson-c5 libnvme1 zlib1g libssl3 libdbus-1-3 libsystemd0
 libcap2 libgcrypt20 liblz4-1 liblzma5 libzstd1 libgpg-error0"
MODULES="ahci sd_mod sg crct10dif_generic crct10dif-pclmul crc64_rocksoft_generic mptsas megaraid_sas sym53c8xx
 virtio_pci virtio_scsi virtio_blk xhci_pci usb-storage uas nvme loop zram"

mkdir -p "$WORK/debs" "$WORK/disks"
# 1. Debian packages: reuse the image cache read-only, fetch what is missing.
for p in $PKGS; do
  if ls "$debs/${p}_"*.deb >/dev/null 2>&1; then cp -n "$debs/${p}_"*.deb "$WORK/debs/"
  elif ! ls "$WORK/debs/${p}_"*.deb >/dev/null 2>&1; then (cd "$WORK/debs" && apt-get download "$p"); fi
done
if [ ! -e "$WORK/x/.done" ]; then
  rm -rf "$WORK/x"; mkdir -p "$WORK/x"
  for d in "$WORK"/debs/*.deb; do dpkg-deb -x "$d" "$WORK/x"; done
  depmod -b "$WORK/x" $K   # the kernel .deb ships no modules.dep (its postinst makes it)
  touch "$WORK/x/.done"
fi

# 2. Initramfs: module closure, busybox, tools and every library of the extracted library debs.
S=$WORK/stage
rm -rf "$S"; mkdir -p "$S/bin" "$S/sbin" "$S/usr/bin" "$S/usr/sbin" "$S/etc" "$S/proc" "$S/sys" "$S/dev" "$S/tmp" "$S/lib" "$S/lib64"
for m in $MODULES; do
  modprobe -d "$WORK/x" -S $K --show-depends "$m" | awk '$1 == "insmod" { print $2 }'
done | sort -u | while read -r ko; do
  rel=${ko#"$WORK/x"}; mkdir -p "$S$(dirname "$rel")"; cp "$ko" "$S$rel"
done
cp "$WORK/x/lib/modules/$K/modules.order" "$WORK/x/lib/modules/$K/modules.builtin"* "$S/lib/modules/$K/"
depmod -b "$S" $K
cp "$WORK/x/bin/busybox" "$S/bin/"
for a in $("$S/bin/busybox" --list); do [ -e "$S/bin/$a" ] || ln -s busybox "$S/bin/$a"; done
cp "$WORK/x/usr/sbin/smartctl" "$WORK/x/sbin/hdparm" "$WORK/x/usr/sbin/nvme" "$S/usr/sbin/"
cp "$WORK"/x/usr/bin/sg_* "$S/usr/bin/"
cp -a "$WORK/x/lib/x86_64-linux-gnu" "$S/lib/"
mkdir -p "$S/usr/lib"; cp -a "$WORK/x/usr/lib/x86_64-linux-gnu" "$S/usr/lib/"
cp -a "$WORK/x/lib64/ld-linux-x86-64.so.2" "$S/lib64/"
rm -rf "$S/usr/lib/x86_64-linux-gnu/gconv" "$S/lib/x86_64-linux-gnu/security"
echo "$MODULES" | tr ' ' '\n' | grep -v '^$' > "$S/etc/modules"
echo 9 > "$S/etc/expect-disks"
cp "$repo/scripts/capture-guest.sh" "$S/init"; chmod 755 "$S/init"
(cd "$S" && find . | cpio -o -H newc --quiet | gzip -1) > "$WORK/initrd.gz"
cp "$WORK/x/boot/vmlinuz-$K" "$WORK/vmlinuz"

# 3. One 8 MiB raw image per transport. Identities are qemu properties (the serials and WWNs are
# ours, the same values the first hand-written fixtures used); megasas, virtio-scsi and UAS keep
# QEMU's default INQUIRY and no wwn= so the fixtures show what QEMU itself reports there.
D=$WORK/disks
for n in ahci sas megasas lsi vscsi vblk nvme bot uas; do rm -f "$D/$n.img"; truncate -s 8M "$D/$n.img"; done
drive() { echo "-drive if=none,id=$1,file=$D/$1.img,format=raw"; }
rm -f "$WORK/console.log" "$WORK/ttyS1.txt"
# shellcheck disable=SC2046
timeout 600 qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 -display none -vga none -nic none -monitor none \
  -kernel "$WORK/vmlinuz" -initrd "$WORK/initrd.gz" -append "console=ttyS0 loglevel=4 panic=-1" -no-reboot \
  -serial "file:$WORK/console.log" -serial "file:$WORK/ttyS1.txt" \
  $(drive ahci) -device ich9-ahci,id=ahci,addr=04 \
    -device ide-hd,bus=ahci.0,drive=ahci,serial=WD-WCC4M0000001,model=WDC\ WD20EFRX-68EUZN0,wwn=0x5000c500a1b2c3d4,rotation_rate=7200 \
  $(drive sas) -device mptsas1068,id=mpt,addr=05 \
    -device scsi-hd,bus=mpt.0,drive=sas,serial=ZA1ABCDE,vendor=SEAGATE,product=ST8000NM0075,ver=E004,wwn=0x5000c50099887766,rotation_rate=7200 \
  $(drive megasas) -device megasas-gen2,id=mega,addr=06 \
    -device scsi-hd,bus=mega.0,drive=megasas,serial=MEGA0001 \
  $(drive lsi) -device lsi53c895a,id=lsi,addr=07 \
    -device scsi-hd,bus=lsi.0,drive=lsi,serial=3HW0ABCD,vendor=SEAGATE,product=ST373453LC,ver=0006,wwn=0x5000c50011223344 \
  $(drive vscsi) -device virtio-scsi-pci,id=vs,addr=08 \
    -device scsi-hd,bus=vs.0,drive=vscsi,serial=VSCSI0001 \
  $(drive vblk) -device virtio-blk-pci,drive=vblk,serial=VBLK0001,addr=09 \
  $(drive nvme) -device nvme,drive=nvme,serial=NVME0001,addr=0a \
  -device qemu-xhci,id=xhci,addr=0b \
  $(drive bot) -device usb-storage,bus=xhci.0,port=1,drive=bot,serial=BOT-ISERIAL-42 \
  $(drive uas) -device usb-uas,bus=xhci.0,port=2,id=uas \
    -device scsi-hd,bus=uas.0,scsi-id=0,lun=0,drive=uas,serial=UAS0001 \
  </dev/null || { echo "qemu failed or timed out; console: $WORK/console.log" >&2; exit 1; }
grep -q '=====END CAPTURE=====' "$WORK/ttyS1.txt" || { echo "no capture on ttyS1; console: $WORK/console.log" >&2; tail -20 "$WORK/console.log" >&2; exit 1; }

# 4. Fixtures.
rm -rf "$WORK/raw"; mkdir -p "$WORK/raw"
sed -n '/=====BEGIN CAPTURE=====/,/=====END CAPTURE=====/p' "$WORK/ttyS1.txt" | sed '1d;$d' | tr -d '\r' | base64 -d | tar -xzf - -C "$WORK/raw"
qv=$(qemu-system-x86_64 --version | head -1)
python3 "$repo/scripts/capture-manifest.py" "$WORK/raw" "$repo/test/fixtures" "$qv"
echo "fixtures written from $(cat "$WORK/raw/uname"); raw dump in $WORK/raw"
