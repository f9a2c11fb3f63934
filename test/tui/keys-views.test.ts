// The key map and the text views, without a terminal: what each key does per screen, and that
// every screen fits 80x24 with a help line.
import t from 'tap';
import type { Action } from '../../src/tui/actions';
import { keyToIntent, type Key } from '../../src/tui/keys';
import { initialState, type ScreenId, type ViewState } from '../../src/tui/state';
import { reduce } from '../../src/tui/store';
import { themeFor } from '../../src/tui/theme';
import { helpLine, titleLine, tooSmallLines } from '../../src/tui/views/chrome';
import { renderConfirm } from '../../src/tui/views/confirm';
import { capsLabel, chainLabel } from '../../src/tui/views/disk-text';
import { renderDisks } from '../../src/tui/views/disks';
import { renderJob } from '../../src/tui/views/job';
import { renderMethod } from '../../src/tui/views/method';
import { renderCert, renderInfo, renderLog } from '../../src/tui/views/pages';
import { renderResults } from '../../src/tui/views/results';
import { renderRun } from '../../src/tui/views/run';
import { renderSettings } from '../../src/tui/views/settings';
import { emptyConfig } from '../../src/cert/config';
import { disk, METHODS, mounted, result } from './fixtures';

const all = (s: ViewState, actions: Action[]): ViewState => actions.reduce(reduce, s);
const plain = (line: string): string =>
  line
    .replace(/\{open\}/g, '\0o')
    .replace(/\{close\}/g, '\0c')
    .replace(/\{\/?[a-z-]*\}/g, '')
    .replace(/\0o/g, '{')
    .replace(/\0c/g, '}');
const key = (k: Key): Key => k;

const base = (): ViewState =>
  all(initialState(), [
    { kind: 'disks-listed', disks: [disk('sda', { model: { value: 'A {very} long model name that does not fit anywhere', source: 'smartctl' } }), mounted('sdb'), disk('nvme0n1', { transport: 'nvme' })] },
    { kind: 'methods-loaded', methods: METHODS },
  ]);

function withRun(): ViewState {
  const at = '2026-01-02T03:04:05.000Z';
  return all(base(), [
    { kind: 'select-all' },
    { kind: 'run-start', runId: 'r', at, disks: ['/dev/sda', '/dev/nvme0n1'], methodId: 'zero' },
    { kind: 'disk-start', disk: '/dev/sda', at, sizeBytes: 1e9, passes: 2 },
    { kind: 'progress', disk: '/dev/sda', at, pass: 1, passes: 2, passKind: 'write', bytesDone: 5e8, bytesTotal: 1e9, rateBytesPerSec: 1.5e8, etaSeconds: 10 },
    { kind: 'disk-end', disk: '/dev/nvme0n1', at, result: result('/dev/nvme0n1', 'failed', 'EIO at 4096') },
  ]);
}

t.test('keys: disks screen', async (t) => {
  const s = base();
  t.same(keyToIntent(s, key({ name: 'space', ch: ' ' })), { action: { kind: 'toggle' } });
  t.same(keyToIntent(s, key({ name: 'a', ch: 'a' })), { action: { kind: 'select-all' } });
  t.same(keyToIntent(s, key({ name: 'enter' })), { action: { kind: 'next' } });
  t.equal(keyToIntent(s, key({ name: 'return', ch: '\r' })), null, 'blessed also sends "enter" for the same key');
  t.same(keyToIntent(s, key({ name: 'q', ch: 'q' })), { command: { cmd: 'quit' } });
  t.same(keyToIntent(s, key({ name: 'l', ch: 'l' })), { action: { kind: 'goto', screen: 'log' } });
});

t.test('keys: text fields take letters, so q and l type text there', async (t) => {
  const job = all(base(), [{ kind: 'toggle' }, { kind: 'next' }, { kind: 'next' }]);
  t.equal(job.screen, 'job');
  t.same(keyToIntent(job, key({ name: 'q', ch: 'q' })), { action: { kind: 'type', ch: 'q' } });
  t.same(keyToIntent(job, key({ name: 'tab' })), { action: { kind: 'move', delta: 1 } });
  t.same(keyToIntent(job, key({ name: 'backspace' })), { action: { kind: 'erase-char' } });
  t.same(keyToIntent(job, key({ name: 'escape' })), { action: { kind: 'back' } });
});

t.test('keys: Enter on the confirmation starts only with the right answer', async (t) => {
  const c = all(base(), [{ kind: 'select-all' }, { kind: 'next' }, { kind: 'next' }, { kind: 'next' }]);
  t.equal(c.screen, 'confirm');
  const wrong = keyToIntent(reduce(c, { kind: 'type', ch: '1' }), key({ name: 'enter' }));
  t.match(wrong, { action: { kind: 'message', level: 'error', text: /Type 2/ } });
  t.same(keyToIntent(reduce(c, { kind: 'type', ch: '2' }), key({ name: 'enter' })), { command: { cmd: 'start' } });
  t.same(keyToIntent(all(c, [...'ERASE'].map((ch): Action => ({ kind: 'type', ch }))), key({ name: 'enter' })), { command: { cmd: 'start' } });
});

t.test('keys: during a run, abort asks first; C-c asks too', async (t) => {
  const r = withRun();
  t.same(keyToIntent(r, key({ name: 'a', ch: 'a' })), { action: { kind: 'abort-request' } });
  t.same(keyToIntent(r, key({ full: 'C-c', name: 'c', ch: '\x03' })), { action: { kind: 'abort-request' } });
  const asked = reduce(r, { kind: 'abort-request' });
  t.same(keyToIntent(asked, key({ name: 'y', ch: 'y' })), { command: { cmd: 'abort' } });
  t.same(keyToIntent(asked, key({ name: 'n', ch: 'n' })), { action: { kind: 'abort-cancel' } });
  t.equal(keyToIntent(asked, key({ name: 'enter' })), null, 'Enter does not answer the abort question');
});

/** The Settings screen over a configuration with long values and a save error. */
function withSettings(s: ViewState): ViewState {
  const c = emptyConfig();
  c.organisation.name = 'N'.repeat(150);
  c.organisation.logo = '/very/long/path/'.repeat(8);
  for (let i = 0; i < 6; i++) c.customers.push({ name: `Customer {${i}}`, address: 'A'.repeat(90), contact: null, phone: null });
  const open = all(s, [{ kind: 'config-loaded', load: { path: '/certs/erasebox.conf', config: c, errors: [] } }, { kind: 'goto', screen: 'settings' }]);
  return reduce(open, { kind: 'config-save-failed', errors: ['erasebox.conf:40: ' + 'x'.repeat(100), 'b', 'c', 'd'] });
}

t.test('keys: settings (a form: letters type, Ctrl-S saves, Esc asks when there are changes)', async (t) => {
  const s = withSettings(base());
  t.equal(s.screen, 'settings');
  t.same(keyToIntent(s, key({ name: 'q', ch: 'q' })), { action: { kind: 'type', ch: 'q' } });
  t.same(keyToIntent(s, key({ name: 's', ch: 's' })), { action: { kind: 'type', ch: 's' } });
  t.same(keyToIntent(s, key({ name: 'u', ch: '\u00fc' })), { action: { kind: 'type', ch: '\u00fc' } });
  t.same(keyToIntent(s, key({ full: 'C-s', name: 's', ch: '\x13' })), { command: { cmd: 'save-settings', leave: false } });
  t.same(keyToIntent(s, key({ name: 'left' })), { action: { kind: 'adjust', delta: -1 } });
  t.same(keyToIntent(s, key({ name: 'down' })), { action: { kind: 'move', delta: 1 } });
  t.same(keyToIntent(s, key({ name: 'enter' })), { action: { kind: 'next' } });
  t.same(keyToIntent(s, key({ name: 'escape' })), { action: { kind: 'back' } });
  const asked = { ...s, settings: { ...s.settings!, leavePrompt: true } };
  t.same(keyToIntent(asked, key({ name: 's', ch: 's' })), { command: { cmd: 'save-settings', leave: true } });
  t.same(keyToIntent(asked, key({ name: 'd', ch: 'd' })), { action: { kind: 'discard-settings' } });
  t.equal(keyToIntent(asked, key({ name: 'x', ch: 'x' })), null);
  t.same(keyToIntent(base(), key({ name: 's', ch: 's' })), { action: { kind: 'goto', screen: 'settings' } }, 's on the disks screen opens Settings');
  const lines = renderSettings(s, themeFor({ colors: 8, term: 'linux', unicode: false }), 80, 21).map(plain);
  t.match(lines.join('\n'), /Not saved, the file is unchanged:\nerasebox\.conf:40: x+/, 'the save error with its line');
  t.match(lines.join('\n'), /and 1 more/);
});

t.test('keys: p prints the cursor disk, P the whole run (results screen)', async (t) => {
  const r = { ...withRun(), screen: 'results' as const };
  t.same(keyToIntent(r, key({ name: 'p', ch: 'p' })), { command: { cmd: 'print', all: false } });
  t.same(keyToIntent(r, key({ name: 'p', ch: 'P', full: 'S-p' })), { command: { cmd: 'print', all: true } });
});

const SCREENS: ScreenId[] = ['disks', 'info', 'method', 'job', 'confirm', 'run', 'results', 'cert', 'log', 'settings'];

t.test('every screen has a help line that fits 80 columns', async (t) => {
  for (const screen of SCREENS) {
    const h = helpLine({ ...withRun(), screen });
    t.ok(h.length > 10 && h.length <= 78, `${screen}: "${h}"`);
  }
});

t.test('every screen body fits 80x24 (21 body rows), tags balanced, braces escaped', async (t) => {
  const theme = themeFor({ colors: 8, term: 'linux', unicode: false });
  let s = withRun();
  s = all(s, [{ kind: 'job-loaded', job: { operator: 'O {x}', customer: 'C', assetTag: 'T' } }, { kind: 'log', at: '2026-01-02T03:04:05Z', line: 'x'.repeat(200) }]);
  const bodies: Record<string, string[]> = {
    disks: renderDisks(s, theme, 80, 21),
    info: renderInfo(s, theme, 80, 21),
    method: renderMethod(s, theme, 80, 21),
    job: renderJob(s, theme, 80),
    confirm: renderConfirm(s, theme, 80, 21),
    run: renderRun(s, theme, 80, 12),
    results: renderResults(s, theme, 80, 21),
    cert: renderCert({ ...s, certLines: ['a'.repeat(120)] }, theme, 80, 21),
    log: renderLog(s, theme, 80, 21),
    settings: renderSettings(withSettings(s), theme, 80, 21),
  };
  for (const [name, lines] of Object.entries(bodies)) {
    t.ok(lines.length <= 21, `${name}: ${lines.length} rows`);
    for (const l of lines) t.ok(plain(l).length <= 80, `${name}: ${plain(l).length} cols: ${plain(l)}`);
  }
  t.match(bodies.disks.map(plain).join('\n'), /A \{very/, 'braces from disk data are shown, not parsed as tags');
  t.match(bodies.disks.map(plain).join('\n'), /sdb .*MOUNTED/);
  t.match(bodies.run.map(plain).join('\n'), /nvme0n1 .*FAILED/);
  t.match(bodies.run.map(plain).join('\n'), /sda .*25% p1\/2 .*150 MB\/s/);
  t.ok(bodies.run.some((l) => l.startsWith('{red-fg}') && l.includes('nvme0n1')), 'the failed disk is red');
  t.ok(plain(titleLine(s, 'SIMULATED', 80)).length <= 80);
});

t.test('protected disks: grey where the terminal has 16+ colours, never colour 8 on the Linux console', async (t) => {
  const linux = themeFor({ colors: 8, term: 'linux', unicode: true });
  const xterm = themeFor({ colors: 256, term: 'xterm-256color', unicode: true });
  const s = base(); // cursor on nvme0n1, not on sdb
  const row = (th: typeof linux): string => renderDisks(s, th, 80, 21).find((l) => l.includes('sdb'))!;
  t.notMatch(row(linux), /gray|grey|black/, 'no dark grey on black on the console');
  t.match(row(xterm), /^\{gray-fg\}/);
  t.equal(linux.unicode, false, 'no braille chart on the Linux console');
  t.equal(xterm.unicode, true);
});

t.test('too small: a clear message that fits', async (t) => {
  const s = reduce(base(), { kind: 'resize', cols: 40, rows: 10 });
  const lines = tooSmallLines(s);
  t.match(lines.join(' '), /Terminal too small.*at least 80x24.*40x10/);
  for (const l of lines) t.ok(l.length <= 39);
});

t.test('labels: bay from the transport chain, purge commands grouped by protocol', async (t) => {
  const usb = disk('sdx', { transport: 'usb-uas', chain: [{ kind: 'usb-bridge', label: 'JMS583', usbId: '152d:0583:0204' }], caps: null });
  t.equal(chainLabel(usb), 'usb-uas 152d:0583');
  t.equal(chainLabel(disk('sda')), 'ata ahci ata2');
  t.equal(capsLabel(usb), 'probing');
  t.equal(capsLabel(disk('sda')), 'ata se,san');
  const plainDisk = disk('sdy', { caps: { ataSecurity: 'frozen', ataSanitize: [], scsiSanitize: [], scsiFormatUnit: true, nvmeSanitize: [], nvmeFormat: [], hpa: 'present', dco: 'absent' } });
  t.equal(capsLabel(plainDisk), 'ata se! scsi fmt');
  t.equal(capsLabel(disk('sdz', { caps: { ataSecurity: 'unsupported', ataSanitize: [], scsiSanitize: [], scsiFormatUnit: false, nvmeSanitize: [], nvmeFormat: [], hpa: 'n/a', dco: 'n/a' } })), 'overwrite');
});
