// Settings: erasebox.conf as a form (organisation, defaults, printer, technicians, customers).
// Problems of the file as loaded, or of the last save attempt, are listed in red with their lines.
import { esc, fit } from '../format';
import { getValue, rowsOf, type Row } from '../settings';
import type { ViewState } from '../state';
import { paint, type Theme } from '../theme';

const LABEL = 11;

function rowText(s: ViewState, r: Row, active: boolean, w: number): string {
  const st = s.settings!;
  if (r.kind === 'heading') return `{bold}${esc(fit(r.label, w))}{/bold}`;
  let body: string;
  if (r.kind === 'choice') {
    const v = getValue(st.draft, r.ref);
    body = `< ${r.names[Math.max(0, r.choices.indexOf(v))]} >`;
  } else {
    const v = r.kind === 'add' ? st.newName[r.list] : getValue(st.draft, r.ref);
    const suffix = r.kind === 'add' ? ` new ${r.list === 'technicians' ? 'technician' : 'customer'}, Enter` : r.hint ? ` ${r.hint}` : '';
    // "  Label       [field]suffix": the field takes what the label and the suffix leave.
    const room = Math.max(8, Math.min(60, w - 4 - LABEL - 2 - suffix.length));
    const shown = v.length + 1 > room ? `~${v.slice(v.length - room + 2)}` : v;
    body = `[${fit(shown + (active ? '_' : ''), room)}]${suffix}`;
  }
  const text = esc(fit(`  ${r.label.padEnd(LABEL)} ${body}`, w));
  return active ? `{inverse}${text}{/inverse}` : text;
}

export function renderSettings(s: ViewState, t: Theme, width: number, height: number): string[] {
  const st = s.settings;
  if (!st) return ['No configuration loaded.'];
  const w = width - 1;
  const problems = st.errors.length ? st.errors : s.configErrors;
  const foot = problems.slice(0, 3).map((p) => paint(t.bad, esc(fit(p, w))));
  if (problems.length > 3) foot.push(paint(t.bad, esc(fit(`... and ${problems.length - 3} more (see the log)`, w))));
  if (foot.length) foot.unshift(paint(t.bad, st.errors.length ? 'Not saved, the file is unchanged:' : 'Problems in the file as read (these lines are not used):'));
  const rows = rowsOf(s);
  const room = Math.max(3, height - foot.length);
  // Keep the cursor row in view, with its heading when there is room.
  const first = Math.max(0, Math.min(st.cursor - Math.floor(room / 2), rows.length - room));
  const body = rows.slice(first, first + room).map((r, i) => rowText(s, r, first + i === st.cursor, w));
  return [...body, ...foot];
}
