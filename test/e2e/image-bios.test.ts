// End to end under SeaBIOS: the real USB image boots in qemu (TCG) from a USB stick and erases
// seven disks on seven transports unattended, while an eighth disk, mounted in the guest by the
// image's test hook, is skipped and left byte-identical (details and checks: wipe-run.ts).
import t from 'tap';
import { e2eSetup, wipeRun } from './wipe-run';

const e2e = e2eSetup(t);
if (e2e) {
  t.test('BIOS (SeaBIOS): AHCI, SAS1068, MegaRAID, virtio-scsi, NVMe, USB BOT and UAS wiped unattended, certificates on CERTS; a mounted eighth disk skipped and untouched', (t) =>
    wipeRun(t, e2e.work, e2e.info(), e2e.kills, 'bios', ['ahci', 'sas1068', 'megasas', 'virtio-scsi', 'nvme', 'usb-bot', 'usb-uas'], /booted via BIOS/, 'virtio-scsi'));
}
