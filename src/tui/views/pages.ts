// Simple full-body pages: the certificate summary, the log, all details of one disk.
import { esc, fit } from '../format';
import type { ViewState } from '../state';
import { paint, type Theme } from '../theme';
import { detailLines } from './detail';

export function renderCert(s: ViewState, t: Theme, width: number, height: number): string[] {
  const lines = s.certLines.map((l) => esc(fit(l, width - 1)));
  return [paint(t.accent, 'Certificate'), ...lines].slice(0, height);
}

export function renderLog(s: ViewState, t: Theme, width: number, height: number): string[] {
  const room = Math.max(1, height - 1);
  const end = Math.max(0, s.log.length - s.logScroll);
  const start = Math.max(0, end - room);
  const head = paint(t.accent, esc(fit(`Log: ${s.log.length} lines${s.logScroll ? `, ${s.logScroll} newer below` : ''}`, width - 1)));
  return [head, ...s.log.slice(start, end).map((l) => esc(fit(l, width - 1)))];
}

export function renderInfo(s: ViewState, t: Theme, width: number, height: number): string[] {
  const d = s.disks[s.cursor];
  if (!d) return ['No disk.'];
  return [paint(t.accent, esc(fit(`${d.path} (Up/Down: other disks)`, width - 1))), ...detailLines(d, t, width)].slice(0, height);
}
