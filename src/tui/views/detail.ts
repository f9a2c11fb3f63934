// Detail pane of one disk: identity with the source of each field, the transport chain, SMART
// reasons, purge capabilities and HPA/DCO, and why a disk is protected.
import type { Disk, Sourced } from '../../hw/types';
import { bytes, esc, fit } from '../format';
import { paint, type Theme } from '../theme';
import { purgeList, SMART_LABEL } from './disk-text';

const src = (f: Sourced<string | null>): string => (f.value ? `${f.value} (${f.source})` : '-');

/** Two columns of "label: value" when there is room, one otherwise. */
function pairs(items: [string, string][], width: number): string[] {
  const cell = (k: string, v: string, w: number): string => fit(`${k.padEnd(9)} ${v}`, w);
  if (width < 100) return items.map(([k, v]) => cell(k, v, width - 1));
  const half = Math.floor((width - 1) / 2);
  const out: string[] = [];
  for (let i = 0; i < items.length; i += 2) {
    const b = items[i + 1];
    out.push(cell(items[i][0], items[i][1], half - 1) + ' ' + (b ? cell(b[0], b[1], half) : ''));
  }
  return out;
}

export function detailLines(d: Disk, t: Theme, width: number): string[] {
  const out: string[] = [];
  for (const p of d.protections) out.push(paint(t.bad, esc(fit(`PROTECTED: ${p.reason}`, width - 1))));
  const smart = d.smart;
  const verdict = smart ? `${SMART_LABEL[smart.verdict]}` + (smart.powerOnHours !== null ? `, ${smart.powerOnHours} h on` : '') + (smart.temperatureC !== null ? `, ${smart.temperatureC} C` : '') : 'not read yet';
  const caps = d.caps;
  const purge = caps ? purgeList(caps) : [];
  const items: [string, string][] = [
    ['Model', src(d.model)],
    ['Serial', src(d.serial)],
    ['Size', `${bytes(d.sizeBytes)} (${d.sizeBytes} B), ${d.logicalSectorSize}/${d.physicalSectorSize} B sectors` + (d.rotational === null ? '' : d.rotational ? ', HDD' : ', SSD')],
    ['Path', d.chain.map((h) => h.label + (h.driver ? ` [${h.driver}]` : '') + (h.usbId ? ` ${h.usbId}` : '')).join(' > ') || d.transport],
    ['SMART', verdict],
    ['Erase', caps ? (purge.length ? `overwrite, ${purge.join(', ')}` : 'overwrite only') : 'capabilities not probed yet'],
    ['HPA/DCO', caps ? `HPA ${caps.hpa}, DCO ${caps.dco}` : 'unknown'],
    ['Vendor', src(d.vendor)],
    ['WWN', src(d.wwn)],
    ['Firmware', src(d.firmware)],
  ];
  const body = pairs(items, width).map((l) => esc(l));
  const verdictLine = body.findIndex((l) => l.startsWith('SMART'));
  if (smart && verdictLine >= 0 && width < 100) {
    const colour = smart.verdict === 'destroy' ? t.bad : smart.verdict === 'reuse-with-caution' ? t.warn : '';
    body[verdictLine] = paint(colour, body[verdictLine]);
  }
  out.push(...body);
  for (const r of smart?.reasons ?? []) out.push(esc(fit(`  SMART: ${r}`, width - 1)));
  return out;
}

export function renderDetail(d: Disk | null, t: Theme, width: number, height: number): string[] {
  if (!d) return [''];
  const lines = detailLines(d, t, width);
  if (lines.length <= height) return lines;
  return [...lines.slice(0, height - 1), paint(t.accent, '  (more: press i for all details)')];
}
