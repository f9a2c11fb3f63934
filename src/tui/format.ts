// Pure text helpers shared by the reducer's log lines and the views. ASCII only, so the serial
// console and the Linux console font render every character.

export function bytes(n: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  // Decimal units, like drive labels: a "500G" disk is 500e9 bytes.
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${v.toFixed(digits)}${units[i]}`;
}

export const mbps = (bytesPerSec: number): string => `${(bytesPerSec / 1e6).toFixed(bytesPerSec >= 1e8 ? 0 : 1)} MB/s`;

export { duration } from '../units';

/** "12:34:56" from an ISO time, for log lines. */
export const clock = (iso: string): string => (iso.length >= 19 ? iso.slice(11, 19) : iso);

/** Fit text into exactly `width` columns: cut with "~" or pad with spaces. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const t = text.replace(/[\r\n\t]/g, ' ');
  if (t.length > width) return width === 1 ? t[0] : `${t.slice(0, width - 1)}~`;
  return align === 'left' ? t.padEnd(width) : t.padStart(width);
}

/** Keep the end of a long path visible: "~/certs/abc.json". */
export function fitTail(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  return `~${text.slice(text.length - width + 1)}`;
}

/** An ASCII bar: "[#####.....]" with `width` columns in all. */
export function bar(fraction: number, width: number): string {
  const inner = Math.max(0, width - 2);
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * inner);
  return `[${'#'.repeat(full)}${'.'.repeat(inner - full)}]`;
}

export const percent = (fraction: number): string => `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;

/** Escape blessed tags in text that comes from disks or files (a model name may contain braces). */
export const esc = (text: string): string => text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
