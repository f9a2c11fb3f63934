// The disk model that discovery produces and the TUI, `list` and certificates consume.
import type { Protection } from './protect';
import type { SmartSummary } from './smart/types';

/** Where a field's value came from, because sysfs lies differently per transport. */
export type FieldSource = 'sysfs' | 'vpd80' | 'vpd83' | 'inquiry' | 'usb' | 'smartctl' | 'nvme-id' | 'ioctl' | 'none';

export interface Sourced<T> {
  value: T;
  source: FieldSource;
}

export type TransportKind = 'ata' | 'sas' | 'megaraid' | 'scsi' | 'usb-bot' | 'usb-uas' | 'nvme' | 'virtio-blk' | 'virtio-scsi' | 'loop' | 'other';

/** One hop of the path from the PCI function to the disk, e.g. "pci 0000:00:05.0 mpt3sas". */
export interface ChainHop {
  kind: 'pci' | 'ata-port' | 'sas-port' | 'sas-end-device' | 'scsi-target' | 'usb-port' | 'usb-bridge' | 'nvme-ctrl' | 'virtio' | 'loop';
  label: string;
  driver?: string;
  /** USB bridge ids, hex: idVendor:idProduct:bcdDevice */
  usbId?: string;
}

export type SmartVerdict = 'reuse' | 'reuse-with-caution' | 'destroy' | 'unavailable';

export interface SmartBrief {
  verdict: SmartVerdict;
  reasons: string[];
  powerOnHours: number | null;
  temperatureC: number | null;
  /** smartctl's device.protocol: ATA, SCSI, NVMe (absent on older records). */
  protocol?: string;
  /** smartctl -d value that worked (device.type), e.g. sat, nvme, usbjmicron. */
  deviceType?: string | null;
  /** The full typed summary (src/hw/smart/types.ts) for certificates and `smart --json`. */
  summary?: SmartSummary;
}

export interface PurgeCaps {
  ataSecurity: 'supported' | 'frozen' | 'locked' | 'unsupported' | 'unknown';
  ataSanitize: string[]; // e.g. ["block", "crypto", "overwrite"]
  scsiSanitize: string[];
  scsiFormatUnit: boolean | null;
  nvmeSanitize: string[];
  nvmeFormat: string[]; // e.g. ["user-data", "crypto"]
  hpa: 'present' | 'absent' | 'unknown' | 'n/a';
  dco: 'present' | 'absent' | 'unknown' | 'n/a';
}

export interface Disk {
  path: string; // /dev/sda
  name: string; // sda
  transport: TransportKind;
  chain: ChainHop[];
  vendor: Sourced<string | null>;
  model: Sourced<string | null>;
  serial: Sourced<string | null>;
  wwn: Sourced<string | null>;
  firmware: Sourced<string | null>;
  sizeBytes: number;
  logicalSectorSize: number;
  physicalSectorSize: number;
  rotational: boolean | null;
  protections: Protection[]; // empty: may be erased
  smart: SmartBrief | null; // null until SMART was read
  caps: PurgeCaps | null; // null until probed
  /** The chain as one line, e.g. "pci 0000:00:05.0 mptsas > port 9:0 > SAS end device 9:0". */
  chainLabel?: string;
  /** Warnings about identity, e.g. a WWN shared with another disk. */
  notes?: string[];
}

export type DiscoveryEvent = { kind: 'disk-added'; disk: Disk } | { kind: 'disk-removed'; path: string } | { kind: 'disk-updated'; disk: Disk };
