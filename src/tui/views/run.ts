// Run view: the overall gauge, one line per disk (bar, pass k/n, MB/s, ETA, errors, state), a
// failed disk in red while the others go on. The throughput chart is a blessed-contrib widget
// placed below these lines by the app (views/chart.ts).
import { bar, duration, esc, fit, mbps, percent } from '../format';
import type { RunDisk, RunState, ViewState } from '../state';
import { paint, type Theme } from '../theme';

/** Fraction of the whole disk job done, counting every pass alike. */
export function diskFraction(d: RunDisk): number {
  if (d.state === 'erased') return 1;
  if (!d.passes || !d.bytesTotal) return 0;
  return Math.min(1, (Math.max(0, d.pass - 1) + d.bytesDone / d.bytesTotal) / d.passes);
}

export function overall(r: RunState): { fraction: number; eta: number | null; rate: number } {
  const ds = r.order.map((k) => r.disks[k]);
  const weight = (d: RunDisk): number => Math.max(1, d.sizeBytes) * Math.max(1, d.passes);
  const total = ds.reduce((s, d) => s + weight(d), 0);
  const done = ds.reduce((s, d) => s + weight(d) * (d.state === 'failed' || d.state === 'aborted' ? 1 : diskFraction(d)), 0);
  const running = ds.filter((d) => d.state === 'running');
  const etas = running.map((d) => d.eta).filter((e): e is number => e !== null);
  return { fraction: total ? done / total : 0, eta: etas.length ? Math.max(...etas) : null, rate: running.reduce((s, d) => s + d.rate, 0) };
}

const STATE_TEXT: Record<RunDisk['state'], string> = { waiting: 'waiting', running: 'running', erased: 'ERASED', failed: 'FAILED', aborted: 'aborted' };

function diskLine(d: RunDisk, width: number, t: Theme, cursor: boolean): string {
  const name = fit(d.key.replace(/^\/dev\//, ''), 9);
  const tailText = ` ${fit(percent(diskFraction(d)), 4, 'right')} p${fit(`${d.pass}/${d.passes}`, 5)} ${fit(d.passKind === 'verify' ? 'vrfy' : d.passKind === 'write' ? 'wr' : '', 4)} ${fit(d.state === 'running' ? mbps(d.rate) : '', 10, 'right')} ${fit(d.state === 'running' ? duration(d.eta) : '', 8, 'right')} ${fit(`err ${d.ioErrors + d.mismatches}`, 7)} ${fit(STATE_TEXT[d.state], 7)}`;
  const barWidth = Math.max(8, width - 1 - name.length - 1 - tailText.length);
  const text = esc(`${name} ${bar(diskFraction(d), barWidth)}${tailText}`);
  if (cursor) return `{inverse}${text}{/inverse}`;
  if (d.state === 'failed') return paint(t.bad, text);
  if (d.state === 'aborted' || d.ioErrors + d.mismatches > 0) return paint(t.warn, text);
  if (d.state === 'erased') return paint(t.ok, text);
  return text;
}

/** Lines above the chart; `height` is the room for them. */
export function renderRun(s: ViewState, t: Theme, width: number, height: number): string[] {
  const r = s.run;
  if (!r) return [s.starting ? 'Starting the run...' : 'No run.'];
  const o = overall(r);
  const count = (st: RunDisk['state']): number => r.order.filter((k) => r.disks[k].state === st).length;
  const status = r.ended ? 'finished' : r.abortRequested ? 'aborting' : 'running';
  const summary = `${status}: ${count('running')} running, ${count('erased')} erased, ${count('failed')} failed  ${mbps(o.rate)}  ETA ${duration(o.eta)}`;
  const gaugeWidth = Math.max(10, width - 1 - 13);
  const lines = [
    esc(fit(`Run ${r.runId}  method ${r.methodId}`, width - 1)),
    `${paint(t.accent, 'Overall')} ${esc(bar(o.fraction, gaugeWidth))} ${fit(percent(o.fraction), 4, 'right')}`,
    paint(count('failed') ? t.bad : '', esc(fit(summary, width - 1))),
  ];
  const room = Math.max(1, height - lines.length);
  const first = Math.max(0, Math.min(s.runCursor - Math.floor(room / 2), r.order.length - room));
  for (const [i, k] of r.order.slice(first, first + room).entries()) lines.push(diskLine(r.disks[k], width, t, first + i === s.runCursor && r.order.length > room));
  return lines;
}
