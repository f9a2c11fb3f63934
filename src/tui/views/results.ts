// Results: per-disk outcome, verification verdict and certificate path; details of the cursor disk.
import { bytes, duration, esc, fit, fitTail } from '../format';
import type { RunDisk, ViewState } from '../state';
import { paint, type Theme } from '../theme';

function verdictOf(d: RunDisk): string {
  if (!d.result) return d.state === 'running' || d.state === 'waiting' ? 'unfinished' : d.state.toUpperCase();
  return d.result.outcome === 'erased' ? 'ERASED' : d.result.outcome === 'failed' ? 'FAILED' : 'ABORTED';
}

function certText(d: RunDisk): string {
  if (d.cert) return d.cert.jsonPath;
  if (d.certError) return `certificate failed: ${d.certError}`;
  return 'certificate pending';
}

function detail(d: RunDisk, width: number): string[] {
  const w = width - 1;
  const r = d.result;
  const out = [esc(fit(`${d.key}: ${verdictOf(d)}${d.reason ? ` - ${d.reason}` : ''}`, w))];
  if (r) {
    const secs = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
    out.push(esc(fit(`${bytes(r.sizeBytes)}, method ${r.methodId}, rounds ${r.rounds}, blank ${r.blank ? 'yes' : 'no'}, took ${duration(secs)}`, w)));
    out.push(esc(fit(`verification ${r.verification.mode}: ${r.verification.result}, ${r.verification.mismatchedBlocks} mismatched blocks` + (r.verification.digest ? `, blake3 ${r.verification.digest.slice(0, 16)}...` : ''), w)));
    out.push(esc(fit(`passes: ${r.passes.map((p) => `${p.index}:${p.kind === 'verify' ? 'v' : 'w'}(${p.pattern})${p.ok ? '' : '!'}`).join(' ')}`, w)));
    if (r.errors.length || r.ioRetries) out.push(esc(fit(`I/O errors: ${r.errors.length} ranges, ${r.ioRetries} retries`, w)));
  }
  if (d.cert) {
    out.push(esc(fitTail(`JSON ${d.cert.jsonPath}`, w)));
    if (d.cert.pdfPath) out.push(esc(fitTail(`PDF  ${d.cert.pdfPath}`, w)));
  } else out.push(esc(fit(certText(d), w)));
  return out;
}

export function renderResults(s: ViewState, t: Theme, width: number, height: number): string[] {
  const r = s.run;
  if (!r) return ['No results yet.'];
  const w = width - 1;
  const sum = r.summary;
  const head = [
    paint(sum && (sum.failed || sum.aborted) ? t.bad : t.ok, esc(fit(sum ? `Finished: ${sum.erased} erased, ${sum.failed} failed, ${sum.aborted} aborted (run ${r.runId})` : `Run ${r.runId}`, w))),
    '',
  ];
  const cursorDisk = r.disks[r.order[s.resultCursor]];
  const below = cursorDisk ? ['', ...detail(cursorDisk, width)] : [];
  const room = Math.max(1, height - head.length - below.length);
  const first = Math.max(0, Math.min(s.resultCursor - Math.floor(room / 2), r.order.length - room));
  const rows = r.order.slice(first, first + room).map((k, i) => {
    const d = r.disks[k];
    const verify = d.result ? d.result.verification.result : '-';
    const left = `${fit(k.replace(/^\/dev\//, ''), 9)} ${fit(verdictOf(d), 9)} ${fit(`verify ${verify}`, 16)} `;
    const text = esc(left + fitTail(certText(d), Math.max(0, w - left.length)));
    if (first + i === s.resultCursor) return `{inverse}${text}{/inverse}`;
    return paint(d.result?.outcome === 'erased' && d.cert ? t.ok : t.bad, text);
  });
  return [...head, ...rows, ...below];
}
