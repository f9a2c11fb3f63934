// The disk table: one row per disk, protected disks greyed with their reason, the cursor row in
// inverse video. Columns grow with the terminal; at 80 columns every column still fits.
import type { Disk } from '../../hw/types';
import { bytes, esc, fit } from '../format';
import { isEligible, type ViewState } from '../state';
import { paint, type Theme } from '../theme';
import { capsLabel, chainLabel, modelOf, PROTECTION_LABEL, smartLabel } from './disk-text';
import { renderDetail } from './detail';

interface Cols {
  dev: number;
  bay: number;
  model: number;
  serial: number;
  size: number;
  smart: number;
  caps: number;
}

function columns(width: number): Cols {
  // Fixed: mark 3, dev 9, size 5, smart 7 and 7 separating spaces; the rest is shared by
  // bay/model/serial/caps. One column is left free so no line touches the right margin.
  const fixed = { dev: 9, size: 5, smart: 7 };
  const spare = width - 1 - 3 - 7 - fixed.dev - fixed.size - fixed.smart;
  const bay = Math.max(13, Math.floor(spare * 0.27));
  const model = Math.max(13, Math.floor(spare * 0.3));
  const serial = Math.max(10, Math.floor(spare * 0.2));
  const caps = Math.max(12, spare - bay - model - serial);
  return { ...fixed, bay, model, serial, caps };
}

function row(d: Disk, c: Cols, mark: string): string {
  const cells = [
    mark,
    fit(d.name, c.dev),
    fit(chainLabel(d), c.bay),
    fit(modelOf(d), c.model),
    fit(d.serial.value ?? '-', c.serial),
    fit(bytes(d.sizeBytes), c.size, 'right'),
    fit(smartLabel(d), c.smart),
    fit(isEligible(d) ? capsLabel(d) : PROTECTION_LABEL[d.protections[0].code], c.caps),
  ];
  return cells.join(' ');
}

function colour(d: Disk, line: string, t: Theme): string {
  if (!isEligible(d)) return paint(t.muted, line);
  if (d.smart?.verdict === 'destroy') return paint(t.bad, line);
  if (d.smart?.verdict === 'reuse-with-caution') return paint(t.warn, line);
  return paint(t.normal, line);
}

export function renderDiskTable(s: ViewState, t: Theme, width: number, height: number): string[] {
  const c = columns(width);
  const header = ['Sel', fit('Device', c.dev), fit('Bay', c.bay), fit('Model', c.model), fit('Serial', c.serial), fit('Size', c.size, 'right'), fit('SMART', c.smart), fit('Erase', c.caps)].join(' ');
  const lines = [paint(t.accent, esc(header))];
  const room = Math.max(1, height - 1);
  if (s.disks.length === 0) {
    lines.push(s.discovering ? 'Looking for disks...' : 'No disks found. Plug a disk in: it appears here by itself.');
    return lines;
  }
  const first = Math.max(0, Math.min(s.cursor - Math.floor(room / 2), s.disks.length - room));
  for (const [i, d] of s.disks.slice(first, first + room).entries()) {
    const idx = first + i;
    const mark = !isEligible(d) ? ' - ' : s.selected.includes(d.path) ? '[x]' : '[ ]';
    const text = esc(row(d, c, mark));
    lines.push(idx === s.cursor ? `{inverse}${text}{/inverse}` : colour(d, text, t));
  }
  return lines;
}

/** Disks screen: the table on top, the detail pane of the cursor disk below. */
export function renderDisks(s: ViewState, t: Theme, width: number, height: number): string[] {
  const detailHeight = Math.min(12, Math.max(6, Math.floor(height * 0.45)));
  const tableHeight = height - detailHeight - 1;
  const table = renderDiskTable(s, t, width, tableHeight);
  while (table.length < tableHeight) table.push('');
  const d = s.disks[s.cursor];
  const head = `-- ${d ? d.path : 'details'} `;
  const rule = paint(t.accent, esc(fit(head + '-'.repeat(Math.max(0, width - 1 - head.length)), width - 1)));
  return [...table, rule, ...renderDetail(d ?? null, t, width, detailHeight)];
}
