// Reducer unit tests: one case per action kind (engine events, discovery events, run notices, UI
// actions). CASES is a mapped type over every kind, so a new kind fails to type-check here, and
// the first test fails at run time until it has a case.
import t from 'tap';
import type { Action, ActionKind } from '../../src/tui/actions';
import { confirmAccepts, initialState, targets, type ViewState } from '../../src/tui/state';
import { handlers, reduce } from '../../src/tui/store';
import { emptyConfig, type StoreConfig } from '../../src/cert/config';
import { cleanDraft, settingsRows } from '../../src/tui/settings';
import { disk, METHODS, mounted, result } from './fixtures';

type Test = typeof t;
const at = (sec: number): string => new Date(Date.UTC(2026, 0, 2, 3, 4, sec)).toISOString();
const all = (s: ViewState, actions: Action[]): ViewState => actions.reduce(reduce, s);

/** Three disks (sdb protected), the method table loaded, on the disks screen. */
const ready = (): ViewState =>
  all(initialState(), [
    { kind: 'disks-listed', disks: [disk('sdc'), mounted('sdb'), disk('sda')] },
    { kind: 'methods-loaded', methods: METHODS },
  ]);

/** sda and sdc selected, on the confirmation screen with the right answer typed. */
function confirmed(): ViewState {
  const s = all(ready(), [{ kind: 'select-all' }, { kind: 'next' }, { kind: 'next' }, { kind: 'next' }, { kind: 'type', ch: '2' }]);
  return s;
}

const running = (): ViewState => all(confirmed(), [{ kind: 'start-sent' }, { kind: 'run-start', runId: 'r1', at: at(0), disks: ['/dev/sda', '/dev/sdc'], methodId: 'zero' }]);

const started = (): ViewState =>
  all(running(), [
    { kind: 'disk-start', disk: '/dev/sda', at: at(0), sizeBytes: 1e9, passes: 2 },
    { kind: 'disk-start', disk: '/dev/sdc', at: at(0), sizeBytes: 1e9, passes: 2 },
    { kind: 'pass-start', disk: '/dev/sda', at: at(0), pass: 1, passes: 2, passKind: 'write', pattern: '0x00' },
  ]);

function conf(over: (c: StoreConfig) => void = () => undefined): StoreConfig {
  const c = emptyConfig();
  c.organisation.name = 'Old GmbH';
  c.technicians.push({ name: 'Jürgen Weiß', title: null, phone: null }, { name: 'Ann', title: null, phone: null });
  c.customers.push({ name: 'ACME', address: null, contact: null, phone: null });
  over(c);
  return c;
}
const loaded = (c = conf(), errors: string[] = []): ViewState => reduce(ready(), { kind: 'config-loaded', load: { path: '/s/erasebox.conf', config: c, errors } });
/** On the Settings screen with the cursor on the row labelled `label` (the first such row after `after`). */
function settingsAt(label: string, s = reduce(loaded(), { kind: 'goto', screen: 'settings' }), after = ''): ViewState {
  const rows = settingsRows(s.settings!.draft, s.methods);
  const from = after ? rows.findIndex((r) => r.label.startsWith(after)) : 0;
  const i = rows.findIndex((r, k) => k >= from && r.label === label);
  if (i < 0) throw new Error(`no row ${label}`);
  return { ...s, settings: { ...s.settings!, cursor: i } };
}
const typeAll = (s: ViewState, text: string): ViewState => all(s, [...text].map((ch): Action => ({ kind: 'type', ch })));
const ended = (): ViewState =>
  all(started(), [
    { kind: 'certificate', at: at(8), disk: '/dev/sda', id: 'c1', jsonPath: '/store/c1.json', pdfPath: '/store/c1.pdf' },
    { kind: 'run-report', at: at(9), manifestPath: '/store/run.json', pdfPath: '/store/run.pdf' },
    { kind: 'run-end', at: at(9), erased: 2, failed: 0, aborted: 0 },
  ]);

const CASES: { [K in ActionKind]: (t: Test) => void } = {
  'run-start': (t) => {
    const s = running();
    t.equal(s.screen, 'run');
    t.equal(s.starting, false);
    t.same(s.run?.order, ['/dev/sda', '/dev/sdc']);
    t.equal(s.run?.disks['/dev/sdc'].state, 'waiting');
    t.match(s.log.at(-1), /run r1 started: zero/);
  },
  'disk-start': (t) => {
    const d = started().run!.disks['/dev/sdc'];
    t.equal(d.state, 'running');
    t.equal(d.passes, 2);
    t.equal(d.sizeBytes, 1e9);
  },
  'pass-start': (t) => {
    const d = started().run!.disks['/dev/sda'];
    t.equal(d.pass, 1);
    t.equal(d.passKind, 'write');
    t.equal(d.pattern, '0x00');
    t.equal(d.bytesDone, 0);
  },
  progress: (t) => {
    const p = (sec: number, done: number): Action => ({ kind: 'progress', disk: '/dev/sda', at: at(sec), pass: 1, passes: 2, passKind: 'write', bytesDone: done, bytesTotal: 1e9, rateBytesPerSec: 200e6, etaSeconds: 7 });
    const s = all(started(), [p(1, 100e6), p(1, 150e6), p(2, 300e6)]);
    const d = s.run!.disks['/dev/sda'];
    t.equal(d.bytesDone, 300e6);
    t.equal(d.rate, 200e6);
    t.equal(d.eta, 7);
    t.same(s.run!.history, [200, 200], 'one throughput sample per second of event time, in MB/s');
  },
  'pass-end': (t) => {
    const s = all(started(), [{ kind: 'pass-end', disk: '/dev/sda', at: at(3), pass: 1, passKind: 'verify', ok: false, digest: 'cd'.repeat(32), mismatchedBlocks: 4 }]);
    t.equal(s.run!.disks['/dev/sda'].mismatches, 4);
    t.match(s.log.at(-1), /pass 1 verify FAILED, 4 mismatched blocks, blake3 cdcd/);
  },
  'io-error': (t) => {
    const s = all(started(), [{ kind: 'io-error', disk: '/dev/sdc', at: at(3), op: 'write', offset: 4096, length: 512, code: 'EIO', retry: 1 }]);
    t.equal(s.run!.disks['/dev/sdc'].ioErrors, 1);
    t.match(s.log.at(-1), /sdc: write error EIO at byte 4096/);
  },
  'disk-end': (t) => {
    const s = all(started(), [{ kind: 'disk-end', disk: '/dev/sdc', at: at(4), result: result('/dev/sdc', 'failed', 'verify mismatch') }]);
    const d = s.run!.disks['/dev/sdc'];
    t.equal(d.state, 'failed');
    t.equal(d.reason, 'verify mismatch');
    t.equal(s.run!.disks['/dev/sda'].state, 'running', 'the other disk goes on');
  },
  'run-end': (t) => {
    const s = all(started(), [{ kind: 'run-end', at: at(9), erased: 1, failed: 1, aborted: 0 }]);
    t.equal(s.screen, 'results');
    t.same(s.run!.summary, { erased: 1, failed: 1, aborted: 0 });
    t.equal(s.run!.ended, true);
    const onLog = all(started(), [{ kind: 'goto', screen: 'log' }, { kind: 'run-end', at: at(9), erased: 2, failed: 0, aborted: 0 }]);
    t.equal(onLog.screen, 'log', 'the log view is not yanked away');
    t.equal(reduce(onLog, { kind: 'back' }).screen, 'results');
  },
  certificate: (t) => {
    const s = reduce(started(), { kind: 'certificate', at: at(9), disk: '/dev/sda', id: 'c1', jsonPath: '/store/c1.json', pdfPath: '/store/c1.pdf' });
    t.same(s.run!.disks['/dev/sda'].cert, { id: 'c1', jsonPath: '/store/c1.json', pdfPath: '/store/c1.pdf' });
  },
  'certificate-failed': (t) => {
    const s = reduce(started(), { kind: 'certificate-failed', at: at(9), disk: '/dev/sda', reason: 'ENOSPC' });
    t.equal(s.run!.disks['/dev/sda'].certError, 'ENOSPC');
    t.match(s.log.at(-1), /certificate FAILED: ENOSPC/);
  },
  'run-report': (t) => {
    const s = ended();
    t.equal(s.run!.reportPdf, '/store/run.pdf');
    t.ok(s.log.some((l) => /run manifest \/store\/run\.json, system report \/store\/run\.pdf/.test(l)));
  },
  'config-loaded': (t) => {
    const s = loaded(conf((c) => ((c.defaults.method = 'dod-3'), (c.defaults.verify = 'sample:10'))));
    t.equal(s.configPath, '/s/erasebox.conf');
    t.same([s.options.methodId, s.options.verify], ['dod-3', 'sample:10'], 'defaults for method and verification from the configuration');
    const early = all(initialState(), [{ kind: 'config-loaded', load: { path: 'p', config: conf((c) => (c.defaults.method = 'dod-3')), errors: [] } }, { kind: 'methods-loaded', methods: METHODS }]);
    t.same([early.options.methodId, early.options.verify], ['dod-3', 'all'], "either order; verify follows the method's default when the file sets none");
    const none = loaded(conf((c) => (c.defaults.method = 'no-such-method')));
    t.equal(none.options.methodId, 'zero', 'an unknown method id keeps the first method');
    const bad = loaded(conf(), ['erasebox.conf:5: language must be one of en, de']);
    t.match(bad.message, { level: 'error', text: /erasebox\.conf:5: language must be one of en, de/ });
    t.match(bad.log.at(-1), /configuration: erasebox\.conf:5/);
  },
  'save-sent': (t) => {
    const s = reduce(settingsAt('Name'), { kind: 'save-sent', leave: false });
    t.equal(s.settings!.saving, true);
    t.match(s.message?.text, /Saving/);
  },
  'config-saved': (t) => {
    const edited = typeAll(settingsAt('Name'), ' AG');
    t.equal(edited.settings!.draft.organisation.name, 'Old GmbH AG');
    t.equal(edited.settings!.dirty, true);
    const c = conf((x) => ((x.organisation.name = 'Old GmbH AG'), (x.defaults.method = 'dod-3')));
    const s = all(edited, [{ kind: 'save-sent', leave: false }, { kind: 'config-saved', path: '/s/erasebox.conf', config: c }]);
    t.equal(s.screen, 'settings', 'Ctrl-S stays on the screen');
    t.equal(s.settings!.dirty, false);
    t.equal(s.config!.organisation.name, 'Old GmbH AG');
    t.equal(s.options.methodId, 'dod-3', 'new defaults apply at once');
    t.match(s.message, { level: 'info', text: 'Saved /s/erasebox.conf' });
    const left = all(edited, [{ kind: 'back' }, { kind: 'save-sent', leave: true }, { kind: 'config-saved', path: 'p', config: c }]);
    t.equal(left.screen, 'disks', 's on the leave question saves, then leaves');
    t.equal(left.settings, null);
  },
  'config-save-failed': (t) => {
    const s = all(settingsAt('Device'), [{ kind: 'type', ch: 'l' }, { kind: 'save-sent', leave: true }, { kind: 'config-save-failed', errors: ['erasebox.conf:9: printer device must be an absolute path such as /dev/usb/lp0'] }]);
    t.equal(s.screen, 'settings', 'a failed save never leaves the screen');
    t.equal(s.settings!.saving, false);
    t.equal(s.settings!.dirty, true, 'the edits are still there');
    t.same(s.settings!.errors, ['erasebox.conf:9: printer device must be an absolute path such as /dev/usb/lp0']);
    t.match(s.message, { level: 'error', text: /^Not saved: erasebox\.conf:9: printer device/ });
  },
  'discard-settings': (t) => {
    const asked = reduce(typeAll(settingsAt('Name'), 'x'), { kind: 'back' });
    t.equal(asked.settings!.leavePrompt, true, 'Esc with changes asks first');
    t.equal(asked.screen, 'settings');
    t.equal(reduce(asked, { kind: 'back' }).settings!.leavePrompt, false, 'Esc again keeps editing');
    const s = reduce(asked, { kind: 'discard-settings' });
    t.equal(s.screen, 'disks');
    t.equal(s.config!.organisation.name, 'Old GmbH', 'nothing changed');
    t.equal(reduce(settingsAt('Name'), { kind: 'back' }).screen, 'disks', 'no changes: Esc leaves at once');
  },
  'print-report': (t) => {
    const ok = reduce(ended(), { kind: 'print-report', report: { device: '/dev/usb/lp0', results: [{ file: '/store/c1.pdf', ok: true, detail: '1234 bytes, pdf' }] } });
    t.match(ok.message, { level: 'info', text: 'Printed 1 PDF(s) on /dev/usb/lp0' });
    t.match(ok.log.at(-1), /printed on \/dev\/usb\/lp0: \/store\/c1\.pdf \(1234 bytes, pdf\)/);
    const bad = reduce(ended(), {
      kind: 'print-report',
      report: { device: '/dev/usb/lp0', results: [{ file: 'a.pdf', ok: false, detail: 'printer /dev/usb/lp0 not found' }, { file: 'b.pdf', ok: false, detail: 'not sent: printer /dev/usb/lp0 not found' }] },
    });
    t.match(bad.message, { level: 'error', text: /^Not printed: printer \/dev\/usb\/lp0 not found; the PDFs stay in the store$/ });
    const some = reduce(ended(), { kind: 'print-report', report: { device: 'd', results: [{ file: 'a', ok: true, detail: '1 bytes' }, { file: 'b', ok: false, detail: 'EIO' }] } });
    t.match(some.message?.text, /^Not printed \(1 of 2\): EIO; the PDFs stay in the store$/);
    t.match(bad.log.slice(-2).join('\n'), /NOT printed on \/dev\/usb\/lp0: printer \/dev\/usb\/lp0 not found: a\.pdf[\s\S]*NOT printed on \/dev\/usb\/lp0: not sent: .*: b\.pdf/);
  },
  'print-failed': (t) => {
    const s = reduce(ended(), { kind: 'print-failed', reason: 'no printer set' });
    t.match(s.message, { level: 'error', text: 'Not printed: no printer set' });
    t.match(s.log.at(-1), /print failed: no printer set/);
  },
  log: (t) => {
    const s = reduce(ready(), { kind: 'log', at: at(5), line: 'hello' });
    t.equal(s.log.at(-1), '03:04:05 hello');
  },
  'disk-added': (t) => {
    const s = reduce(ready(), { kind: 'disk-added', disk: disk('sdaa') });
    t.same(s.disks.map((d) => d.name), ['sda', 'sdaa', 'sdb', 'sdc'], 'sorted by path');
    t.match(s.log.at(-1), /sdaa appeared/);
  },
  'disk-updated': (t) => {
    const s = all(ready(), [{ kind: 'select-all' }, { kind: 'disk-updated', disk: mounted('sda') }]);
    t.same(s.selected, ['/dev/sdc'], 'a disk that became protected leaves the selection');
    t.equal(s.message?.level, 'error');
  },
  'disk-removed': (t) => {
    const s = all(ready(), [{ kind: 'select-all' }, { kind: 'move', delta: 9 }, { kind: 'disk-removed', path: '/dev/sdc' }]);
    t.same(s.selected, ['/dev/sda']);
    t.equal(s.cursor, 1, 'cursor stays on a disk');
    t.match(s.log.at(-1), /sdc vanished/);
  },
  resize: (t) => {
    const s = reduce(ready(), { kind: 'resize', cols: 132, rows: 43 });
    t.same([s.cols, s.rows], [132, 43]);
  },
  'disks-listed': (t) => {
    const s = ready();
    t.equal(s.discovering, false);
    t.same(s.disks.map((d) => d.name), ['sda', 'sdb', 'sdc']);
    const rich = disk('sdd', { smart: { verdict: 'destroy', reasons: ['r'], powerOnHours: 1, temperatureC: 1 } });
    const late = all(initialState(), [{ kind: 'disk-updated', disk: rich }, { kind: 'disks-listed', disks: [disk('sdd', { smart: null }), disk('sde')] }]);
    t.equal(late.disks.find((d) => d.name === 'sdd')?.smart?.verdict, 'destroy', "a late quick list does not overwrite the watcher's richer data");
    t.same(late.disks.map((d) => d.name), ['sdd', 'sde']);
  },
  'discovery-failed': (t) => {
    const s = reduce(initialState(), { kind: 'discovery-failed', reason: 'no sysfs' });
    t.equal(s.discovering, false);
    t.match(s.message?.text, /no sysfs/);
  },
  'methods-loaded': (t) => {
    const s = ready();
    t.equal(s.options.methodId, 'zero', 'first method preselected');
    t.equal(s.options.verify, 'last');
  },
  'job-loaded': (t) => {
    const s = reduce(ready(), { kind: 'job-loaded', job: { operator: 'Ann', customer: 'ACME', assetTag: 'A1' } });
    t.equal(s.job.operator, 'Ann');
  },
  move: (t) => {
    t.equal(reduce(ready(), { kind: 'move', delta: 1 }).cursor, 1);
    t.equal(reduce(ready(), { kind: 'move', delta: -5 }).cursor, 0, 'clamped');
    t.equal(reduce(ready(), { kind: 'move', delta: 1e9 }).cursor, 2, 'clamped at the end');
  },
  toggle: (t) => {
    const s = reduce(ready(), { kind: 'toggle' });
    t.same(s.selected, ['/dev/sda']);
    t.same(reduce(s, { kind: 'toggle' }).selected, [], 'toggles off');
    const prot = all(ready(), [{ kind: 'move', delta: 1 }, { kind: 'toggle' }]);
    t.same(prot.selected, [], 'a protected disk is never selected');
    t.match(prot.message?.text, /sdb cannot be selected: sdb1 is mounted/);
  },
  'select-all': (t) => t.same(reduce(ready(), { kind: 'select-all' }).selected, ['/dev/sda', '/dev/sdc'], 'all eligible, protected left out'),
  'select-none': (t) => t.same(all(ready(), [{ kind: 'select-all' }, { kind: 'select-none' }]).selected, []),
  adjust: (t) => {
    const opt = all(ready(), [{ kind: 'select-all' }, { kind: 'next' }, { kind: 'move', delta: 2 }]);
    t.equal(opt.optCursor, 2, 'first option row (verify) after two methods');
    t.equal(reduce(opt, { kind: 'adjust', delta: 1 }).options.verify, 'all');
    t.equal(reduce(opt, { kind: 'adjust', delta: -1 }).options.verify, 'none');
    const rounds = reduce(opt, { kind: 'move', delta: 1 });
    t.equal(all(rounds, [{ kind: 'adjust', delta: 1 }, { kind: 'adjust', delta: 1 }]).options.rounds, 3);
    t.equal(reduce(rounds, { kind: 'adjust', delta: -1 }).options.rounds, 1, 'at least one round');
    t.equal(all(rounds, [{ kind: 'move', delta: 1 }, { kind: 'adjust', delta: 1 }]).options.blank, true);
    const r = ready();
    t.equal(reduce(r, { kind: 'adjust', delta: 1 }), r, 'no-op on other screens');
  },
  next: (t) => {
    const none = reduce(ready(), { kind: 'next' });
    t.equal(none.screen, 'disks', 'nothing selected: stays');
    t.match(none.message?.text, /Select at least one disk/);
    const m = all(ready(), [{ kind: 'toggle' }, { kind: 'next' }]);
    t.equal(m.screen, 'method');
    const chosen = all(m, [{ kind: 'move', delta: 1 }, { kind: 'next' }]);
    t.equal(chosen.options.methodId, 'dod-3', 'Enter on a method row chooses it');
    t.equal(chosen.options.verify, 'all', "the method's default verification");
    t.equal(chosen.screen, 'job');
    t.equal(reduce(chosen, { kind: 'next' }).screen, 'confirm');
  },
  back: (t) => {
    const s = confirmed();
    t.equal(reduce(s, { kind: 'back' }).screen, 'job');
    t.equal(all(s, [{ kind: 'back' }, { kind: 'back' }, { kind: 'back' }]).screen, 'disks');
  },
  goto: (t) => {
    const s = reduce(confirmed(), { kind: 'goto', screen: 'log' });
    t.equal(s.screen, 'log');
    t.equal(reduce(s, { kind: 'back' }).screen, 'confirm');
  },
  type: (t) => {
    const job = all(ready(), [{ kind: 'toggle' }, { kind: 'next' }, { kind: 'next' }, { kind: 'type', ch: 'A' }, { kind: 'move', delta: 1 }, { kind: 'type', ch: 'B' }, { kind: 'type', ch: '\u00e9' }]);
    t.same(job.job, { operator: 'A', customer: 'B\u00e9', assetTag: '' }, 'printable Latin-1 (umlauts in names)');
    t.equal(reduce(job, { kind: 'type', ch: '\u4e2d' }), job, 'nothing beyond Latin-1');
    t.equal(confirmed().confirmText, '2');
    const r = ready();
    t.equal(reduce(r, { kind: 'type', ch: 'x' }), r, 'no text field on the disks screen');
  },
  'erase-char': (t) => t.equal(reduce(confirmed(), { kind: 'erase-char' }).confirmText, ''),
  'start-sent': (t) => {
    t.equal(reduce(confirmed(), { kind: 'start-sent' }).starting, true);
    const wrong = all(confirmed(), [{ kind: 'erase-char' }, { kind: 'type', ch: '3' }, { kind: 'start-sent' }]);
    t.equal(wrong.starting, false, 'a wrong answer never starts');
  },
  'start-failed': (t) => {
    const s = all(confirmed(), [{ kind: 'start-sent' }, { kind: 'start-failed', reason: 'EBUSY' }]);
    t.equal(s.starting, false);
    t.match(s.message?.text, /Could not start: EBUSY/);
  },
  'abort-request': (t) => {
    t.equal(reduce(started(), { kind: 'abort-request' }).abortPrompt, true);
    t.equal(reduce(ready(), { kind: 'abort-request' }).abortPrompt, false, 'nothing to abort');
  },
  'abort-cancel': (t) => t.equal(all(started(), [{ kind: 'abort-request' }, { kind: 'abort-cancel' }]).abortPrompt, false),
  'abort-sent': (t) => {
    const s = all(started(), [{ kind: 'abort-request' }, { kind: 'abort-sent' }]);
    t.equal(s.abortPrompt, false);
    t.equal(s.run!.abortRequested, true);
  },
  'cert-summary': (t) => {
    const s = reduce(all(started(), [{ kind: 'run-end', at: at(9), erased: 2, failed: 0, aborted: 0 }]), { kind: 'cert-summary', lines: ['Certificate x'] });
    t.equal(s.screen, 'cert');
    t.equal(reduce(s, { kind: 'back' }).screen, 'results');
  },
  message: (t) => t.same(reduce(ready(), { kind: 'message', text: 'hi', level: 'info' }).message, { text: 'hi', level: 'info' }),
  'new-job': (t) => {
    t.equal(reduce(started(), { kind: 'new-job' }).screen, 'run', 'not while running');
    const s = reduce(all(started(), [{ kind: 'run-end', at: at(9), erased: 2, failed: 0, aborted: 0 }]), { kind: 'new-job' });
    t.equal(s.screen, 'disks');
    t.same(s.selected, []);
    t.equal(s.run, null);
  },
  quit: (t) => {
    t.equal(reduce(ready(), { kind: 'quit' }).quit, true);
    const busy = reduce(started(), { kind: 'quit' });
    t.equal(busy.quit, false, 'no quitting in the middle of a run');
    t.match(busy.message?.text, /abort it first/);
  },
};

t.test('every action kind has a reducer handler and a test case', async (t) => {
  t.same(Object.keys(CASES).sort(), Object.keys(handlers).sort());
});

for (const [kind, fn] of Object.entries(CASES)) t.test(kind, async (t) => fn(t));

t.test('confirmation accepts only the number of eligible selected disks or ERASE', async (t) => {
  const s = all(ready(), [{ kind: 'select-all' }]);
  t.equal(targets(s).length, 2);
  t.ok(confirmAccepts(s, '2'));
  t.ok(confirmAccepts(s, 'ERASE'));
  t.notOk(confirmAccepts(s, 'erase'));
  t.notOk(confirmAccepts(s, '3'));
  t.notOk(confirmAccepts(s, ''));
  const gone = reduce(s, { kind: 'disk-updated', disk: mounted('sdc') });
  t.notOk(confirmAccepts(gone, '2'), 'the count follows disks that became protected');
  t.notOk(confirmAccepts(reduce(gone, { kind: 'disk-removed', path: '/dev/sda' }), 'ERASE'), 'nothing left: even ERASE is refused');
});

t.test('settings: edit text, cycle choices, add and remove list entries', async (t) => {
  let s = settingsAt('Language');
  s = reduce(s, { kind: 'adjust', delta: 1 });
  t.equal(s.settings!.draft.defaults.language, 'en');
  s = all(s, [{ kind: 'adjust', delta: 1 }, { kind: 'adjust', delta: 1 }]);
  t.equal(s.settings!.draft.defaults.language, null, 'wraps round to "not set"');
  s = reduce(settingsAt('Method', s), { kind: 'type', ch: ' ' });
  t.equal(s.settings!.draft.defaults.method, 'zero', 'Space on a choice row cycles, from the method table');
  // Add a customer: type on the customers' add row, Enter.
  s = settingsAt('Add', s, 'Customers');
  s = all(typeAll(s, 'Stadtwerke Süd'), [{ kind: 'next' }]);
  t.same(s.settings!.draft.customers.map((c) => c.name), ['ACME', 'Stadtwerke Süd']);
  const rows = settingsRows(s.settings!.draft, s.methods);
  t.match(rows[s.settings!.cursor], { kind: 'text', ref: { list: 'customers', index: 1, prop: 'name' } }, 'the cursor is on the new entry');
  s = typeAll(reduce(s, { kind: 'move', delta: 1 }), 'Markt 1');
  t.equal(s.settings!.draft.customers[1].address, 'Markt 1');
  const dup = all(settingsAt('Add', s, 'Customers'), [...[...'ACME'].map((ch): Action => ({ kind: 'type', ch })), { kind: 'next' }]);
  t.match(dup.message?.text, /"ACME" is already in the list/);
  t.equal(dup.settings!.draft.customers.length, 2);
  // Clearing a technician's name removes the entry when saved.
  let tech = settingsAt('Name', s, 'Technicians');
  tech = all(tech, Array.from({ length: 12 }, (): Action => ({ kind: 'erase-char' })));
  t.equal(tech.settings!.draft.technicians[0].name, '');
  t.same(cleanDraft(tech.settings!.draft).technicians.map((x) => x.name), ['Ann']);
  // Headings are never the cursor row.
  const top = reduce(settingsAt('Logo'), { kind: 'move', delta: 1 });
  t.equal(settingsRows(top.settings!.draft, top.methods)[top.settings!.cursor].label, 'Language');
});

t.test('settings: not before the configuration is read, not during a run', async (t) => {
  t.match(reduce(ready(), { kind: 'goto', screen: 'settings' }).message?.text, /still being read/);
  const run = reduce(reduce(started(), { kind: 'config-loaded', load: { path: 'p', config: conf(), errors: [] } }), { kind: 'goto', screen: 'settings' });
  t.equal(run.screen, 'run');
  const broken = reduce(loaded(conf(), ['erasebox.conf:3: unknown key "x"']), { kind: 'goto', screen: 'settings' });
  t.equal(broken.screen, 'settings');
  t.match(broken.message?.text, /1 problem\(s\) .*saving rewrites it without those lines/);
});

t.test('job details: Left/Right pick the operator from the technicians and the customer from the customers', async (t) => {
  let s = all(loaded(), [{ kind: 'toggle' }, { kind: 'next' }, { kind: 'next' }]);
  t.equal(s.screen, 'job');
  s = reduce(s, { kind: 'adjust', delta: 1 });
  t.equal(s.job.operator, 'Jürgen Weiß');
  s = all(s, [{ kind: 'adjust', delta: 1 }, { kind: 'adjust', delta: 1 }]);
  t.equal(s.job.operator, 'Jürgen Weiß', 'wraps round');
  s = reduce(s, { kind: 'adjust', delta: -1 });
  t.equal(s.job.operator, 'Ann');
  s = all(s, [{ kind: 'type', ch: 'a' }, { kind: 'move', delta: 1 }, { kind: 'adjust', delta: -1 }]);
  t.same([s.job.operator, s.job.customer], ['Anna', 'ACME'], 'typed text stays possible');
  const empty = all(ready(), [{ kind: 'config-loaded', load: { path: 'p', config: emptyConfig(), errors: [] } }, { kind: 'toggle' }, { kind: 'next' }, { kind: 'next' }, { kind: 'adjust', delta: 1 }]);
  t.match(empty.message?.text, /No technicians in the configuration yet/);
});

t.test('the reducer does not mutate its input', async (t) => {
  const s = started();
  const copy = JSON.parse(JSON.stringify(s));
  reduce(s, { kind: 'progress', disk: '/dev/sda', at: at(5), pass: 1, passes: 2, passKind: 'write', bytesDone: 5, bytesTotal: 10, rateBytesPerSec: 1, etaSeconds: 1 });
  reduce(s, { kind: 'disk-removed', path: '/dev/sda' });
  t.same(s, copy);
});
