// Title bar, message line and help line, and the too-small message. Every screen has a help line.
import { VERSION } from '../../version';
import { esc, fit } from '../format';
import { MIN_COLS, MIN_ROWS, targets, type ScreenId, type ViewState } from '../state';
import { paint, type Theme } from '../theme';

const NAMES: Record<ScreenId, string> = {
  disks: 'Disks',
  info: 'Disk details',
  method: 'Method',
  job: 'Job details',
  confirm: 'Confirm',
  run: 'Erasing',
  results: 'Results',
  cert: 'Certificate',
  log: 'Log',
  settings: 'Settings',
};

export function helpLine(s: ViewState): string {
  switch (s.screen) {
    case 'disks':
      return 'Up/Dn move  Space select  a/n all/none  i info  s settings  Enter next  q quit';
    case 'info':
      return 'Up/Dn other disk  Esc back  l log  q back';
    case 'method':
      return 'Up/Dn move  Space choose  Lt/Rt change  Enter next  Esc back  l log  q quit';
    case 'job':
      return 'Type  Lt/Rt pick from list  Tab/Up/Dn field  Bksp delete  Enter next  Esc back';
    case 'confirm':
      return 'Type the number of disks or ERASE, then Enter  Esc back';
    case 'run':
      if (s.abortPrompt) return 'y abort all disks  n keep going';
      return s.run?.ended ? 'Enter results  l log  q quit' : 'a abort  Up/Dn scroll  l log';
    case 'results':
      return 'Up/Dn move  Enter certificate  p print  P print all  n new job  l log  q quit';
    case 'cert':
      return 'Esc back  l log';
    case 'log':
      return 'Up/Dn PgUp/PgDn scroll  Esc back';
    case 'settings':
      if (s.settings?.leavePrompt) return 's save and leave  d discard changes  Esc keep editing';
      return 'Type text  Up/Dn field  Lt/Rt choose  Enter add  Ctrl-S save  Esc leave';
  }
}

/** "modified <path>" with the end of the path kept when the bar is short. */
function settingsTitle(s: ViewState, room: number): string {
  const mark = s.settings?.dirty ? 'modified ' : '';
  const p = s.configPath ?? '';
  const left = room - mark.length;
  return mark + (p.length <= left ? p : left > 1 ? `~${p.slice(p.length - left + 1)}` : '');
}

export function titleLine(s: ViewState, label: string | null, width: number): string {
  const left = `erasebox ${VERSION} | ${NAMES[s.screen]}${label ? ` | ${label}` : ''}`;
  const right =
    s.screen === 'disks' || s.screen === 'info'
      ? `${s.disks.length} disks, ${targets(s).length} selected`
      : s.screen === 'settings'
        ? settingsTitle(s, Math.max(0, width - left.length - 1))
        : '';
  const gap = Math.max(1, width - left.length - right.length);
  return esc(fit(left + ' '.repeat(gap) + right, width));
}

export function messageLine(s: ViewState, t: Theme, width: number): string {
  if (s.screen === 'run' && s.abortPrompt) return paint(t.bad, esc(fit('Abort ALL running disks? Their certificates will say "aborted". y/n', width - 1)));
  if (!s.message) return '';
  return paint(s.message.level === 'error' ? t.bad : t.accent, esc(fit(s.message.text, width - 1)));
}

export function tooSmallLines(s: ViewState): string[] {
  const w = Math.max(1, s.cols - 1);
  const text = [
    'Terminal too small',
    `erasebox needs at least ${MIN_COLS}x${MIN_ROWS}; this one is ${s.cols}x${s.rows}.`,
    'Enlarge the window or use a bigger console font setting.',
    'q quits.',
  ];
  // Word-wrap by hand so even a tiny terminal shows whole words.
  const out: string[] = [];
  for (const para of text) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > w) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.map(esc);
}
