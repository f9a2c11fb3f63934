// Identity of a disk with the source of every field, because sysfs lies differently per
// transport: AHCI cuts the model to INQUIRY's 16 bytes, a USB BOT disk's serial exists only as the
// bridge's iSerial, virtio-blk has only a serial, and WWIDs can collide (scsi_debug).
import * as path from 'node:path';
import type { SmartSummary } from '../smart/types';
import type { Disk, Sourced } from '../types';
import type { Classified } from './classify';
import { readAttr, readBin } from './fsread';

export type Identity = Pick<Disk, 'vendor' | 'model' | 'serial' | 'wwn' | 'firmware' | 'sizeBytes' | 'logicalSectorSize' | 'physicalSectorSize' | 'rotational'>;

const none: Sourced<null> = { value: null, source: 'none' };
const clean = (s: string | null): string | null => {
  const t = s?.replace(/\0/g, '').trim();
  return t ? t : null;
};
const sourced = <T>(value: T | null, source: Sourced<T>['source']): Sourced<T | null> => (value === null ? none : { value, source });

/** VPD page 0x80 (Unit Serial Number): 4-byte header, then the serial in ASCII. */
export function vpd80Serial(buf: Buffer | null): string | null {
  if (!buf || buf.length < 5 || buf[1] !== 0x80) return null;
  const len = buf.readUInt16BE(2);
  return clean(buf.subarray(4, 4 + len).toString('latin1'));
}

/**
 * ATA strings from libata's ata_device/.../id (IDENTIFY DEVICE as 256 hex words, 8 per line):
 * serial words 10-19, firmware 23-26, model 27-46, two characters per word, high byte first.
 */
export function ataIdStrings(text: string | null): { serial: string | null; firmware: string | null; model: string | null } | null {
  const w = (text ?? '').split(/\s+/).filter((x) => /^[0-9a-f]{4}$/i.test(x)).map((x) => parseInt(x, 16));
  if (w.length < 256) return null;
  const str = (from: number, to: number): string | null => clean(w.slice(from, to + 1).map((x) => String.fromCharCode(x >> 8, x & 0xff)).join(''));
  return { serial: str(10, 19), firmware: str(23, 26), model: str(27, 46) };
}

export function sysfsIdentity(c: Classified): Identity {
  const q = (a: string): string | null => readAttr(path.join(c.devDir, 'queue', a));
  const sectors = Number(readAttr(path.join(c.devDir, 'size')) ?? '0');
  const rot = q('rotational');
  const id: Identity = {
    vendor: none,
    model: none,
    serial: none,
    wwn: none,
    firmware: none,
    sizeBytes: sectors * 512, // sysfs `size` is always in 512-byte units
    logicalSectorSize: Number(q('logical_block_size') ?? '512'),
    physicalSectorSize: Number(q('physical_block_size') ?? q('logical_block_size') ?? '512'),
    rotational: rot === null ? null : rot === '1',
  };
  if (c.scsiDir) {
    const a = (n: string): string | null => clean(readAttr(path.join(c.scsiDir!, n)));
    id.vendor = sourced(a('vendor'), 'inquiry');
    id.model = sourced(a('model'), 'inquiry');
    id.firmware = sourced(a('rev'), 'inquiry');
    id.serial = sourced(vpd80Serial(readBin(path.join(c.scsiDir, 'vpd_pg80'))), 'vpd80');
    id.wwn = sourced(a('wwid'), 'vpd83');
  }
  if (c.ataDevDir) {
    // libata keeps the whole IDENTIFY: the 40-character model and 8-character firmware that
    // INQUIRY cuts to 16 and 4 ("WDC WD20EFRX-68E", rev "0A82" of "82.00A82").
    const ata = ataIdStrings(readAttr(path.join(c.ataDevDir, 'id')));
    if (ata?.model) id.model = { value: ata.model, source: 'sysfs' };
    if (ata?.firmware) id.firmware = { value: ata.firmware, source: 'sysfs' };
    if (ata?.serial && !id.serial.value) id.serial = { value: ata.serial, source: 'sysfs' };
  }
  if (c.usbDir && id.serial.value === null) {
    // Only the bridge's iSerial: it names the enclosure, which may differ from the drive inside.
    id.serial = sourced(clean(readAttr(path.join(c.usbDir, 'serial'))), 'usb');
  }
  if (c.nvmeCtrlDir) {
    const a = (n: string): string | null => clean(readAttr(path.join(c.nvmeCtrlDir!, n)));
    id.model = sourced(a('model'), 'sysfs');
    id.serial = sourced(a('serial'), 'sysfs');
    id.firmware = sourced(a('firmware_rev'), 'sysfs');
    id.wwn = sourced(clean(readAttr(path.join(c.devDir, 'wwid'))), 'sysfs');
  }
  if (c.transport === 'virtio-blk') id.serial = sourced(clean(readAttr(path.join(c.devDir, 'serial'))), 'sysfs');
  if (c.transport === 'loop') id.model = sourced('Loop device', 'sysfs');
  return id;
}

/**
 * Prefer what the drive says through smartctl (ATA IDENTIFY via SAT, full SCSI INQUIRY, NVMe
 * Identify) over sysfs, except where sysfs is already the drive's own answer.
 */
export function mergeSmartIdentity(id: Identity, s: SmartSummary | undefined): Identity {
  if (!s || s.unavailableReason) return id;
  const out = { ...id };
  const better = (cur: Sourced<string | null>, v: string | null): Sourced<string | null> => {
    if (!v) return cur;
    // AHCI: INQUIRY model is the first 16 characters of IDENTIFY's 40; USB: iSerial is the bridge's.
    // ATA: smartctl read IDENTIFY just now, through the same path the purge commands would take.
    if (s.protocol === 'ATA' || cur.value === null || cur.source === 'usb' || cur.source === 'inquiry' || v.length > (cur.value?.length ?? 0)) return { value: v, source: 'smartctl' };
    return cur;
  };
  if (s.protocol === 'ATA') {
    out.model = better(id.model, s.model);
    out.serial = better(id.serial, s.serial);
    out.firmware = better(id.firmware, s.firmware);
    if (s.wwn) out.wwn = { value: `naa.${s.wwn}`, source: 'smartctl' };
    if (id.vendor.value === 'ATA') out.vendor = none; // SAT's placeholder, not a vendor
  } else {
    if (!id.model.value && s.model) out.model = { value: s.model, source: 'smartctl' };
    if ((!id.serial.value || id.serial.source === 'usb') && s.serial) out.serial = { value: s.serial, source: 'smartctl' };
    if (!id.firmware.value && s.firmware) out.firmware = { value: s.firmware, source: 'smartctl' };
  }
  return out;
}
