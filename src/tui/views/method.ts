// Method picker: the engine's method table (NIST category, passes, one line each), then the
// options of the run: verification, rounds, blanking pass.
import { esc, fit } from '../format';
import { selectedMethod, targets, type ViewState } from '../state';
import { OPTION_ROWS } from '../store';
import { paint, type Theme } from '../theme';

const VERIFY_TEXT: Record<string, string> = {
  none: 'none (no read-back: not NIST-verified)',
  last: 'last pass read back',
  all: 'every pass read back',
};

export const verifyText = (v: string): string => VERIFY_TEXT[v] ?? (v.startsWith('sample:') ? `sample ${v.slice(7)}% of blocks` : v);

export function renderMethod(s: ViewState, t: Theme, width: number, height: number): string[] {
  const w = width - 1;
  const lines: string[] = [paint(t.accent, esc(fit(`Erase method for ${targets(s).length} disk(s)`, w)))];
  if (!s.methods.length) return [...lines, 'Loading the method table...'];
  const optionsHeight = OPTION_ROWS.length + 4;
  const room = Math.max(3, height - optionsHeight - 1);
  const first = Math.max(0, Math.min(s.optCursor - Math.floor(room / 2), s.methods.length - room));
  for (const [i, m] of s.methods.slice(first, first + room).entries()) {
    const idx = first + i;
    const on = m.id === s.options.methodId ? '(*)' : '( )';
    const head = `${on} ${fit(m.label, 22)} ${fit(m.nistCategory, 5)} ${fit(`${m.passCount}p`, 4, 'right')}  `;
    const text = esc(head + fit(m.description, Math.max(0, w - head.length)));
    lines.push(idx === s.optCursor ? `{inverse}${text}{/inverse}` : text);
  }
  lines.push('');
  const o = s.options;
  const values: Record<(typeof OPTION_ROWS)[number], string> = {
    verify: `Verification   < ${verifyText(o.verify)} >`,
    rounds: `Rounds         < ${o.rounds} >`,
    blank: `Blanking pass  < ${o.blank ? 'yes: a final pass of zeros' : 'no'} >`,
  };
  for (const [i, r] of OPTION_ROWS.entries()) {
    const text = esc(fit(values[r], w));
    lines.push(s.optCursor === s.methods.length + i ? `{inverse}${text}{/inverse}` : text);
  }
  const m = selectedMethod(s);
  if (m) {
    const writes = m.passCount * o.rounds + (o.blank ? 1 : 0);
    lines.push('');
    lines.push(esc(fit(`${m.label}: ${writes} write pass(es) per disk, NIST ${m.nistCategory}, verification ${o.verify}`, w)));
    if (o.verify === 'none') lines.push(paint(t.warn, fit('Without verification the certificate cannot say the erase was checked.', w)));
  }
  return lines;
}
