#!/bin/sh
# /init of the throwaway capture initramfs built by scripts/capture-fixtures.sh (runs INSIDE the
# qemu guest, never on the host). Loads the storage drivers, coldplugs, waits for the disks, then for
# every disk copies the sysfs attributes discovery reads (block dir and every ancestor up to the
# PCI function), records the symlinks, runs the identity/SMART/capability commands, and streams
# the whole result as a base64 tar on the second serial port (/dev/ttyS1), read by the host.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
echo 1 > /proc/sys/kernel/printk
OUT=/tmp/out
mkdir -p $OUT/list $OUT/cmd
log() { echo "capture: $*"; }

for m in $(cat /etc/modules); do modprobe "$m" 2>/dev/null || log "modprobe $m failed"; done
# Coldplug: every modalias, repeated (PCI first, then the virtio/USB children they create).
for pass in 1 2 3 4; do
  find /sys/devices -name modalias -exec cat {} + 2>/dev/null | sort -u | xargs modprobe -qab 2>/dev/null
  sleep 2
done
want=$(cat /etc/expect-disks)
i=0
while :; do
  n=$(ls /sys/block | grep -Ec '^(sd[a-z]+|vd[a-z]+|nvme[0-9]+n[0-9]+)$')
  [ "$n" -ge "$want" ] && break
  i=$((i + 1))
  [ $i -ge 90 ] && { log "only $n of $want disks after 90 s"; break; }
  sleep 1
done
sleep 2
# Virtual devices for the hidden-unless---all fixture: a loop device over a file, an empty zram.
dd if=/dev/zero of=/tmp/disk.img bs=1M count=1 2>/dev/null
losetup /dev/loop0 /tmp/disk.img
modprobe zram num_devices=1

# Copy one sysfs attribute (regular file) into $OUT, note it in the disk's list.
rec() {
  [ -f "$1" ] && [ -r "$1" ] || return 0
  mkdir -p "$OUT${1%/*}"
  if cat "$1" > "$OUT$1" 2>/dev/null; then echo "F $1" >> "$OUT/list/$D"; else rm -f "$OUT$1"; echo "E $1" >> "$OUT/list/$D"; fi
}
lnk() { [ -L "$1" ] && echo "L $1 $(readlink "$1")" >> "$OUT/list/$D"; }
# Every regular attribute of a directory (for the class subdirs: scsi_host, sas_device, ata_*...).
recdir() { for f in "$1"/*; do [ -L "$f" ] || rec "$f"; done; }

BLOCK="dev size ro removable serial wwid nsid eui uuid nguid ext_range capability alignment_offset discard_alignment hidden events"
QUEUE="logical_block_size physical_block_size hw_sector_size rotational minimum_io_size optimal_io_size max_sectors_kb max_hw_sectors_kb discard_granularity discard_max_bytes discard_max_hw_bytes write_same_max_bytes write_zeroes_max_bytes zoned nr_requests"
UP="vendor device subsystem_vendor subsystem_device class revision model rev wwid serial vpd_pg80 vpd_pg83 vpd_pg00 vpd_pg89 vpd_pgb0 vpd_pgb1 vpd_pgb2 inquiry type scsi_level state queue_depth timeout eh_timeout device_blocked firmware_rev transport address cntlid subsysnqn numa_node cntrltype dctype kato queue_count sqsize idVendor idProduct bcdDevice bcdUSB manufacturer product speed version busnum devnum bDeviceClass bNumInterfaces bMaxPower maxchild removable authorized bInterfaceClass bInterfaceSubClass bInterfaceProtocol bInterfaceNumber sas_address unique_id proc_name"

for D in $(ls /sys/block | grep -E '^(sd[a-z]+|vd[a-z]+|nvme[0-9]+n[0-9]+|loop0|zram0)$'); do
  lnk /sys/block/$D
  real=$(readlink -f /sys/block/$D)
  for a in $BLOCK; do rec "$real/$a"; done
  for a in $QUEUE; do rec "$real/queue/$a"; done
  for a in backing_file offset sizelimit autoclear partscan dio; do rec "$real/loop/$a"; done
  [ "$D" = zram0 ] && for a in disksize comp_algorithm; do rec "$real/$a"; done
  lnk "$real/device"
  p=${real%/*}
  while [ "$p" != /sys/devices ] && [ -n "$p" ]; do
    for a in $UP; do rec "$p/$a"; done
    lnk "$p/driver"
    for s in "$p"/scsi_host/* "$p"/scsi_device/* "$p"/scsi_disk/* "$p"/sas_host/* "$p"/sas_device/* "$p"/sas_end_device/* "$p"/sas_port/* "$p"/sas_phy/* "$p"/ata_port/* "$p"/spi_transport/* "$p"/spi_host/*; do
      [ -d "$s" ] && recdir "$s"
    done
    # libata: the port's links and devices (IDENTIFY words in ata_device/devX.Y/id).
    case "${p##*/}" in ata[0-9]*)
      for s in "$p"/link*/ata_link/* "$p"/link*/dev*/ata_device/*; do [ -d "$s" ] && recdir "$s"; done ;;
    esac
    # SAS end devices are listed in /sys/class/sas_device too (the classifier reads it there).
    case "${p##*/}" in end_device-*) lnk "/sys/class/sas_device/${p##*/}" ;; esac
    p=${p%/*}
  done
done

# Commands: NAME CMD ARGS...; output in cmd/$D/NAME.out/.err, exit code and argv in index.tsv.
run() {
  name=$1; shift
  mkdir -p "$OUT/cmd/$D"
  timeout 60 "$@" > "$OUT/cmd/$D/$name.out" 2> "$OUT/cmd/$D/$name.err"
  printf '%s\t%s\t%s\n' "$name" "$?" "$*" >> "$OUT/cmd/$D/index.tsv"
}
for D in $(ls /sys/block | grep -E '^(sd[a-z]+|vd[a-z]+|nvme[0-9]+n[0-9]+)$'); do
  dev=/dev/$D
  drv=$(readlink -f /sys/block/$D | tr / '\n' | grep -E '^[0-9]+-[0-9.]+:[0-9]+\.[0-9]+$' | head -1)
  usb=; [ -n "$drv" ] && usb=1
  run smartctl-x smartctl --json -x $dev
  # The bridge fallbacks src/hw/smart/live.ts tries, in its order, so tests can replay them.
  [ -n "$usb" ] && for ty in sat sntjmicron sntasmedia sntrealtek; do run smartctl-x-d-$ty smartctl --json -x -d $ty $dev; done
  case $D in
    nvme*)
      ctrl=/dev/${D%n*}
      run nvme-id-ctrl nvme id-ctrl -o json $ctrl
      run nvme-id-ns nvme id-ns -o json $dev
      run nvme-smart-log nvme smart-log -o json $ctrl ;;
    vd*)
      run sg_inq sg_inq $dev
      run hdparm-I hdparm -I $dev ;;
    sd*)
      run smartctl-x-T-permissive smartctl --json -x -T permissive $dev
      run sg_inq sg_inq $dev
      run sg_vpd-sn sg_vpd -p sn $dev
      run sg_vpd-di sg_vpd -p di $dev
      run sg_readcap-l sg_readcap -l $dev
      run sg_opcodes-hex sg_opcodes --no-inquiry --hex $dev
      run sg_sat_identify-hex sg_sat_identify --hex --readonly $dev
      run hdparm-I hdparm -I $dev
      run hdparm-N hdparm -N $dev
      run hdparm-dco-identify hdparm --dco-identify $dev ;;
  esac
done
uname -r > $OUT/uname
cat /proc/version > $OUT/version
smartctl --version | head -1 > $OUT/tools; sg_inq --version >> $OUT/tools 2>&1; hdparm -V >> $OUT/tools; nvme version >> $OUT/tools
log "dump done"
{ echo "=====BEGIN CAPTURE====="; tar -C $OUT -cf - . | gzip | base64; echo "=====END CAPTURE====="; } > /dev/ttyS1
sync
log "sent"
poweroff -f
