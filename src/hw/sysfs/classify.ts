// Transport chain of a block device from its sysfs path: a pure function over a sysfs root, so
// tests run it on fixture trees. Walks the resolved /sys/devices path from the PCI function down.
import * as path from 'node:path';
import type { ChainHop, TransportKind } from '../types';
import { linkName, listDir, readAttr, realpath } from './fsread';

/** HBA drivers whose disks appear as SAS end devices (scsi_transport_sas). */
export const SAS_HBA_DRIVERS = ['mpt3sas', 'mpt2sas', 'mptsas', 'pm80xx', 'isci', 'mvsas', 'hisi_sas_v3_hw', 'aic94xx'];
/** Hardware RAID controllers: disks behind them are logical volumes unless in HBA/JBOD mode. */
export const RAID_HBA_DRIVERS = ['megaraid_sas', 'smartpqi', 'hpsa', 'aacraid', 'mpi3mr', '3w-sas', 'arcmsr'];
/** Drivers for parallel SCSI hosts. */
export const SPI_DRIVERS = ['sym53c8xx', 'mptspi', 'aic7xxx', 'aic79xx', 'qla1280', 'megaraid'];

export interface Classified {
  name: string;
  transport: TransportKind;
  chain: ChainHop[];
  /** Resolved /sys/devices/... directory of the disk (inside the given root). */
  devDir: string;
  /** Directory with INQUIRY attributes (vendor, model, rev, wwid, vpd_pg80) for SCSI-family disks. */
  scsiDir: string | null;
  /** USB device directory (idVendor, idProduct, bcdDevice, serial) for USB disks. */
  usbDir: string | null;
  /** libata device directory (ata_device/devX.Y with `id`, the full IDENTIFY words) for ATA disks. */
  ataDevDir: string | null;
  /** NVMe controller directory (model, serial, firmware_rev). */
  nvmeCtrlDir: string | null;
  hbaDriver: string | null;
  /** loop, ram, zram and other virtual devices: hidden from `list` unless --all. */
  virtual: boolean;
}

const PCI_FN = /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
const USB_DEV = /^\d+-[\d.]+$/;
const USB_IF = /^\d+-[\d.]+:\d+\.\d+$/;
const hex = (s: string | null): string => (s ?? '????').toLowerCase().padStart(4, '0');

export function chainLabel(chain: ChainHop[]): string {
  return chain.map((h) => h.label).join(' > ');
}

export function classify(sysRoot: string, name: string): Classified | null {
  const devDir = realpath(path.join(sysRoot, 'block', name));
  if (!devDir) return null;
  const rel = path.relative(path.join(sysRoot, 'devices'), devDir);
  const parts = rel.split(path.sep);
  const out: Classified = { name, transport: 'other', chain: [], devDir, scsiDir: null, usbDir: null, ataDevDir: null, nvmeCtrlDir: null, hbaDriver: null, virtual: false };

  if (parts[0] === 'virtual') {
    if (parts[1] === 'nvme-subsystem') return nvmeSubsystem(sysRoot, out, parts);
    out.virtual = true;
    if (name.startsWith('loop')) {
      out.transport = 'loop';
      out.chain.push({ kind: 'loop', label: `loop ${readAttr(path.join(devDir, 'loop/backing_file')) ?? '(no backing file)'}` });
    } else out.chain.push({ kind: 'virtio', label: `virtual ${name.replace(/\d+$/, '')}` });
    return out;
  }

  let cur = path.join(sysRoot, 'devices');
  let sawEndDevice = false;
  let usbIface: string | null = null;
  let ataPort: { dir: string; n: string } | null = null;
  for (const p of parts.slice(0, -1)) {
    cur = path.join(cur, p);
    const driver = linkName(path.join(cur, 'driver'));
    let m: RegExpMatchArray | null;
    if (PCI_FN.test(p)) {
      // Keep only the last PCI function: bridges above it are not part of the storage path.
      out.chain = out.chain.filter((h) => h.kind !== 'pci');
      out.chain.push({ kind: 'pci', label: `pci ${p}${driver ? ` ${driver}` : ''}`, driver: driver ?? undefined });
      out.hbaDriver = driver;
    } else if ((m = p.match(/^ata(\d+)$/))) {
      out.chain.push({ kind: 'ata-port', label: `ata port ${m[1]}` });
      out.transport = 'ata';
      ataPort = { dir: cur, n: m[1] };
    } else if ((m = p.match(/^port-(\d+:\d+(?::\d+)*)$/))) {
      out.chain.push({ kind: 'sas-port', label: `port ${m[1]}` });
    } else if ((m = p.match(/^expander-(\d+:\d+)$/))) {
      out.chain.push({ kind: 'sas-port', label: `expander ${m[1]}` });
    } else if ((m = p.match(/^end_device-(\d+:\d+(?::\d+)*)$/))) {
      const addr = readAttr(path.join(sysRoot, 'class/sas_device', p, 'sas_address')) ?? readAttr(path.join(cur, 'sas_device', p, 'sas_address'));
      out.chain.push({ kind: 'sas-end-device', label: `SAS end device ${m[1]}${addr ? ` ${addr}` : ''}` });
      sawEndDevice = true;
    } else if (/^virtio\d+$/.test(p)) {
      out.chain.push({ kind: 'virtio', label: `${p} ${driver ?? ''}`.trim(), driver: driver ?? undefined });
      out.transport = driver === 'virtio_blk' ? 'virtio-blk' : driver === 'virtio_scsi' ? 'virtio-scsi' : out.transport;
    } else if (USB_DEV.test(p)) {
      out.usbDir = cur;
      const id = `${hex(readAttr(path.join(cur, 'idVendor')))}:${hex(readAttr(path.join(cur, 'idProduct')))}:${hex(readAttr(path.join(cur, 'bcdDevice')))}`;
      const product = [readAttr(path.join(cur, 'manufacturer')), readAttr(path.join(cur, 'product'))].filter(Boolean).join(' ');
      out.chain = out.chain.filter((h) => h.kind !== 'usb-bridge');
      out.chain.push({ kind: 'usb-bridge', label: `usb ${p} ${id}${product ? ` ${product}` : ''}`, usbId: id });
    } else if (USB_IF.test(p)) {
      usbIface = driver;
    } else if ((m = p.match(/^target(\d+:(\d+):\d+)$/))) {
      // megaraid_sas puts physical (JBOD) disks on channels 0-1 and virtual drives on 2-3
      // (MEGASAS_MAX_PD_CHANNELS); QEMU's megasas-gen2 disk is a virtual drive, target 7:2:0.
      const ld = out.hbaDriver === 'megaraid_sas' && Number(m[2]) >= 2;
      out.chain.push({ kind: 'scsi-target', label: `target ${m[1]}${ld ? ' (virtual drive)' : ''}` });
    } else if ((m = p.match(/^\d+:\d+:(\d+):\d+$/))) {
      out.scsiDir = cur;
      if (ataPort) out.ataDevDir = ataDevice(ataPort.dir, ataPort.n, m[1]);
    } else if (/^nvme\d+$/.test(p)) {
      out.nvmeCtrlDir = cur;
      out.chain.push({ kind: 'nvme-ctrl', label: `nvme controller ${p}` });
      out.transport = 'nvme';
    }
  }

  if (out.usbDir) {
    out.transport = usbIface === 'uas' ? 'usb-uas' : 'usb-bot';
    const hop = out.chain.find((h) => h.kind === 'usb-bridge');
    if (hop) hop.label += usbIface === 'uas' ? ' (UAS)' : ' (BOT)';
  } else if (sawEndDevice) out.transport = 'sas';
  else if (out.transport === 'other' && out.scsiDir) {
    const d = out.hbaDriver ?? '';
    out.transport = RAID_HBA_DRIVERS.includes(d) ? 'megaraid' : SAS_HBA_DRIVERS.includes(d) ? 'sas' : 'scsi';
  }
  return out;
}

/**
 * libata names its devices after the port and link: ataN/linkN/devN.D (D = SCSI target id, 0 or 1
 * on PATA) or, behind a port multiplier, ataN/linkN.P/devN.P.0 (P = SCSI target id). Captured layout:
 * ata1/link1/dev1.0/ata_device/dev1.0/id (test/fixtures/sysfs/ahci.json).
 */
function ataDevice(ataDir: string, n: string, id: string): string | null {
  for (const rel of [`link${n}.${id}/dev${n}.${id}.0/ata_device/dev${n}.${id}.0`, `link${n}/dev${n}.${id}/ata_device/dev${n}.${id}`]) {
    const dir = path.join(ataDir, rel);
    if (readAttr(path.join(dir, 'id')) !== null) return dir;
  }
  return null;
}

/** Native NVMe multipath: the namespace hangs off nvme-subsystem; the controller is listed inside. */
function nvmeSubsystem(sysRoot: string, out: Classified, parts: string[]): Classified {
  const subsys = path.join(sysRoot, 'devices', ...parts.slice(0, 3));
  const ctrl = listDir(subsys)
    .filter((c) => /^nvme\d+$/.test(c))
    .map((c) => realpath(path.join(subsys, c)))
    .find((p): p is string => p !== null);
  out.transport = 'nvme';
  if (ctrl) {
    const pci = path.basename(path.dirname(path.dirname(ctrl)));
    const driver = linkName(path.join(path.dirname(path.dirname(ctrl)), 'driver'));
    out.chain.push({ kind: 'pci', label: `pci ${pci}${driver ? ` ${driver}` : ''}`, driver: driver ?? undefined });
    out.hbaDriver = driver;
    out.nvmeCtrlDir = ctrl;
    out.chain.push({ kind: 'nvme-ctrl', label: `nvme controller ${path.basename(ctrl)} (${parts[2]})` });
  } else out.chain.push({ kind: 'nvme-ctrl', label: `nvme ${parts[2]}` });
  return out;
}
