// Numbers for people: byte counts in decimal units (as drive vendors label capacity) and
// durations. One place, so the CLI, the TUI and the PDFs say the same size the same way.

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** "8.39 MB", "45.2 GB", "500 GB", "512 B"; "-" when unknown. */
export function decimalBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '-';
  let v = n;
  let i = 0;
  while (v >= 1000 && i < DECIMAL.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${DECIMAL[i]}`;
}

/** "mm:ss" or "h:mm:ss"; "--:--" when unknown. */
export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
