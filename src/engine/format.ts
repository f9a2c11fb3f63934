// Human formatting of engine numbers (CLI progress lines; the TUI may reuse it).
import type { EngineEvent } from './events';

export function bytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : n < 10 ? 2 : 1)} ${units[i]}`;
}

export function duration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '--:--';
  s = Math.round(s);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** One compact line for a progress event: "sdb  pass 1/2 write  45.0%  1.20 GB/s  ETA 00:12" */
export function progressLine(e: Extract<EngineEvent, { kind: 'progress' }>): string {
  const pct = e.bytesTotal > 0 ? ((100 * e.bytesDone) / e.bytesTotal).toFixed(1) : '0.0';
  return `${e.disk}  pass ${e.pass}/${e.passes} ${e.passKind}  ${pct.padStart(5)}%  ${bytes(e.rateBytesPerSec)}/s  ETA ${duration(e.etaSeconds)}`;
}
