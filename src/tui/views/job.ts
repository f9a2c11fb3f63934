// Job details: operator, customer, asset tag. They go into every certificate of the run and are
// remembered for the next run (the Backend stores them).
import { esc, fit } from '../format';
import { JOB_FIELDS, type ViewState } from '../state';
import { paint, type Theme } from '../theme';

const LABELS: Record<(typeof JOB_FIELDS)[number], string> = { operator: 'Operator', customer: 'Customer', assetTag: 'Asset tag' };

export function renderJob(s: ViewState, t: Theme, width: number): string[] {
  const w = width - 1;
  const lines = [paint(t.accent, 'Job details (written into every certificate of this run; remembered)'), ''];
  for (const [i, f] of JOB_FIELDS.entries()) {
    const active = i === s.jobCursor;
    const value = s.job[f] + (active ? '_' : '');
    const list = f === 'operator' ? s.config?.technicians : f === 'customer' ? s.config?.customers : undefined;
    const hint = list?.length ? ` Lt/Rt: ${list.length} ${f === 'operator' ? 'technician' : 'customer'}(s)` : '';
    const text = esc(fit(`${LABELS[f].padEnd(10)} [${fit(value, Math.min(66, w - 14 - hint.length))}]${hint}`, w));
    lines.push(active ? `{inverse}${text}{/inverse}` : text, '');
  }
  lines.push(fit('Fields may stay empty. Tab/Up/Down move between fields, Backspace deletes.', w));
  lines.push(fit('Left/Right pick the operator from the technicians and the customer from the', w));
  lines.push(fit('customers of the configuration (Settings: s on the Disks screen), or type.', w));
  return lines;
}
