// The speed-profile chart of one pass: min..max band, mean line, median (dashed), slow-zone
// threshold and slow zones shaded. Vector drawing, so the chart stays sharp when printed.
import type { CertPass, SlowZone } from '../model';
import { COLORS, win, type Writer } from './writer';

export const CHART_HEIGHT = 120;

/** A round grid step so that four steps cover v (MB/s). */
function niceStep(v: number): number {
  const raw = Math.max(v, 0.4) / 4;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function drawSpeedChart(w: Writer, pass: CertPass, zones: SlowZone[], threshold: number, title: string): void {
  const d = w.doc;
  w.ensure(CHART_HEIGHT + 34);
  d.font('Helvetica-Bold').fontSize(9).fillColor(COLORS.ink).text(win(title), w.left, d.y, { width: w.width });
  d.y += 2;
  const axisW = 44;
  const x0 = w.left + axisW;
  const x1 = w.right - 4;
  const y0 = d.y + 4;
  const y1 = y0 + CHART_HEIGHT;
  const prof = pass.speedProfile;
  const measured = prof.filter((b) => b.mean > 0);
  const sorted = measured.map((b) => b.mean).sort((a, b) => a - b);
  const median = sorted.length ? (sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2) : 0;
  const step = niceStep(Math.max(0, ...measured.map((b) => b.max)) / 1e6);
  const top = step * 4;
  const X = (i: number): number => x0 + ((x1 - x0) * i) / 100;
  const Y = (bps: number): number => y1 - ((y1 - y0) * Math.min(bps / 1e6, top)) / top;

  d.rect(x0, y0, x1 - x0, y1 - y0).fill('#fbfcfd');
  for (const z of zones) d.rect(X(z.firstPercent), y0, X(z.lastPercent + 1) - X(z.firstPercent), y1 - y0).fill('#f6d3d0');
  // grid and y labels
  d.font('Helvetica').fontSize(6.5).fillColor(COLORS.muted);
  for (let k = 0; k <= 4; k++) {
    const v = step * k;
    const y = y1 - ((y1 - y0) * k) / 4;
    d.moveTo(x0, y).lineTo(x1, y).lineWidth(0.3).strokeColor(COLORS.rule).stroke();
    d.text(`${v.toFixed(v < 10 ? 1 : 0)} MB/s`, w.left, y - 3, { width: axisW - 4, align: 'right', lineBreak: false });
  }
  for (let p = 0; p <= 100; p += 10) {
    d.moveTo(X(p), y1).lineTo(X(p), y1 + 2).lineWidth(0.4).strokeColor(COLORS.muted).stroke();
    d.text(`${p}%`, X(p) - 10, y1 + 3, { width: 20, align: 'center', lineBreak: false });
  }
  if (measured.length === 0) {
    d.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(win(w.t.noProfile), x0 + 8, y0 + CHART_HEIGHT / 2 - 4, { width: x1 - x0 - 16, lineBreak: false });
  } else {
    // min..max band, drawn per run of measured buckets so unreached buckets stay empty
    const runs: number[][] = [];
    prof.forEach((b, i) => {
      if (b.mean > 0) {
        if (!runs.length || runs[runs.length - 1][runs[runs.length - 1].length - 1] !== i - 1) runs.push([]);
        runs[runs.length - 1].push(i);
      }
    });
    for (const run of runs) {
      d.moveTo(X(run[0]), Y(prof[run[0]].max));
      for (const i of run) d.lineTo(X(i), Y(prof[i].max)).lineTo(X(i + 1), Y(prof[i].max));
      for (const i of [...run].reverse()) d.lineTo(X(i + 1), Y(prof[i].min)).lineTo(X(i), Y(prof[i].min));
      d.closePath().fill('#c9dbef');
      d.moveTo(X(run[0]), Y(prof[run[0]].mean));
      for (const i of run) d.lineTo(X(i) + (X(i + 1) - X(i)) / 2, Y(prof[i].mean));
      d.lineTo(X(run[run.length - 1] + 1), Y(prof[run[run.length - 1]].mean));
      d.lineWidth(1.1).strokeColor(COLORS.accent).stroke();
    }
    d.moveTo(x0, Y(median)).lineTo(x1, Y(median)).lineWidth(0.7).dash(3, { space: 2 }).strokeColor(COLORS.ink).stroke().undash();
    d.moveTo(x0, Y(median * threshold)).lineTo(x1, Y(median * threshold)).lineWidth(0.6).dash(1, { space: 2 }).strokeColor(COLORS.bad).stroke().undash();
  }
  d.rect(x0, y0, x1 - x0, y1 - y0).lineWidth(0.5).strokeColor(COLORS.muted).stroke();
  d.fillColor(COLORS.ink);
  d.y = y1 + 14;
}
