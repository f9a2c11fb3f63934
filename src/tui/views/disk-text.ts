// Short labels for one disk, shared by the table, the detail pane and the confirmation screen.
import type { Disk, PurgeCaps, SmartVerdict } from '../../hw/types';
import type { ProtectionCode } from '../../hw/protect';

/** The bay: transport plus the nearest controller hops, e.g. "usb-uas 152d:0583" or "sas mpt3sas". */
export function chainLabel(d: Disk): string {
  const hops = d.chain;
  const bridge = hops.find((h) => h.kind === 'usb-bridge' && h.usbId);
  if (bridge?.usbId) return `${d.transport} ${bridge.usbId.split(':').slice(0, 2).join(':')}`;
  const driver = [...hops].reverse().find((h) => h.driver)?.driver;
  const port = [...hops].reverse().find((h) => h.kind === 'ata-port' || h.kind === 'sas-port' || h.kind === 'scsi-target')?.label;
  return [d.transport, driver, port].filter(Boolean).join(' ');
}

export const SMART_LABEL: Record<SmartVerdict, string> = {
  reuse: 'good',
  'reuse-with-caution': 'caution',
  destroy: 'FAILING',
  unavailable: 'n/a',
};

export const smartLabel = (d: Disk): string => (d.smart ? SMART_LABEL[d.smart.verdict] : '...');

/** The firmware erase commands this disk's path carries, or "overwrite only". */
export function purgeList(c: PurgeCaps): string[] {
  const out: string[] = [];
  if (c.ataSecurity === 'supported') out.push('ata-secure-erase');
  if (c.ataSecurity === 'frozen') out.push('ata-secure-erase(frozen)');
  for (const m of c.ataSanitize) out.push(`ata-sanitize-${m}`);
  for (const m of c.scsiSanitize) out.push(`scsi-sanitize-${m}`);
  if (c.scsiFormatUnit) out.push('scsi-format-unit');
  for (const m of c.nvmeSanitize) out.push(`nvme-sanitize-${m}`);
  for (const m of c.nvmeFormat) out.push(`nvme-format-${m}`);
  return out;
}

export function capsLabel(d: Disk): string {
  if (!d.caps) return 'probing';
  const p = purgeList(d.caps);
  if (!p.length) return 'overwrite'; // the table's short form of "overwrite only"
  // Short form for the table, grouped by protocol: "ata se,san", "nvme san,fmt" ("!" = frozen).
  const groups = new Map<string, Set<string>>();
  for (const x of p) {
    const [proto, ...rest] = x.split('-');
    const cmd = rest
      .join('-')
      .replace(/-(block|crypto|overwrite|user-data)$/, '')
      .replace('secure-erase', 'se')
      .replace('sanitize', 'san')
      .replace(/format(-unit)?/, 'fmt')
      .replace('(frozen)', '!');
    groups.set(proto, (groups.get(proto) ?? new Set()).add(cmd));
  }
  return [...groups].map(([proto, cmds]) => `${proto} ${[...cmds].join(',')}`).join(' ');
}

export const modelOf = (d: Disk): string => [d.vendor.value, d.model.value].filter((x) => x && x.trim()).join(' ') || '(unknown model)';

/** Why a disk is protected, in at most 12 columns for the table (the detail pane has the sentence). */
export const PROTECTION_LABEL: Record<ProtectionCode, string> = {
  'not-found': 'GONE',
  'not-block-device': 'NOT A DISK',
  partition: 'PARTITION',
  'no-media': 'NO MEDIUM',
  'read-only': 'READ-ONLY',
  mounted: 'MOUNTED',
  swap: 'SWAP',
  holders: 'RAID/LVM',
  'boot-medium': 'BOOT MEDIUM',
  busy: 'IN USE',
};
