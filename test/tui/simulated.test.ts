// The built CLI in tmux with the simulated backend (ERASEBOX_TUI_SIMULATED_BACKEND=1: made-up
// disks and progress, nothing written): the UI flow on a real terminal at 80x24 on TERM=linux,
// and the too-small message. The same flow against real loop devices is in terminal.test.ts.
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt, Term } from './tmux';

ensureBuilt();

function simEnv(t: { teardown(fn: () => unknown): void }, term: string): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-tui-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { TERM: term, LANG: 'C.UTF-8', ERASEBOX_TUI_SIMULATED_BACKEND: '1', ERASEBOX_TUI_JOB_FILE: path.join(dir, 'job.json') };
}

t.test('simulated backend: select, protect, method, job, confirm, progress, results at 80x24 on TERM=linux', async (t) => {
  const term = new Term(t, { cols: 80, rows: 24, env: simEnv(t, 'linux'), args: ['--all'] });
  let s = await term.waitFor(/sim-sdd/); // appears by hot-plug one second after start
  t.match(s, /erasebox .* \| Disks \| SIMULATED/);
  t.match(s, /Up\/Dn move .*q quit/, 'help line');
  s = await term.waitFor(/^(?![\s\S]*sim-sdz)/); // and sim-sdz vanishes
  t.notMatch(s, /sim-sdz/);
  t.match(s, /sim-sdb .*BOOT MEDIUM/, 'protected disk greyed with its reason');

  await term.seekDisk('/dev/sim-sdb');
  await term.keys('Space');
  s = await term.waitFor(/cannot be selected/);
  t.match(s, /\/dev\/sim-sdb cannot be selected: sim-sdb is the medium erasebox runs from/);
  t.match(s, /0 selected/, 'the protected disk was not selected');
  await term.keys('a');
  s = await term.waitFor(/4 selected/);
  t.match(s, /-  sim-sdb/, 'select-all leaves the protected disk out');
  await term.keys('n');
  await term.waitFor(/0 selected/);

  await term.seekDisk('/dev/sim-sda');
  await term.keys('Space');
  await term.seekDisk('/dev/sim-sdc');
  await term.keys('Space');
  s = await term.waitFor(/2 selected/);
  t.match(s, /\[x\] sim-sda/);
  t.match(s, /\[x\] sim-sdc .*FAILING/);

  await term.keys('Enter');
  s = await term.waitFor(/Erase method for 2 disk/);
  t.match(s, /\(\*\) Zero fill +clear/);
  await term.keys('Enter');
  await term.waitFor(/Job details/);
  await term.type('Jane Q');
  await term.keys('Tab');
  await term.type('ACME');
  await term.keys('Tab');
  await term.type('AT-1');
  await term.keys('Enter');
  s = await term.waitFor(/ALL DATA on these 2 disk/);
  t.match(s, /\/dev\/sim-sda/);
  t.match(s, /\/dev\/sim-sdc .*SMART FAILING/);
  t.notMatch(s, /sim-sdb/, 'the protected disk is not in the confirmation');
  t.match(s, /Operator Jane Q, customer ACME, asset tag AT-1/);
  await term.type('3');
  await term.keys('Enter');
  s = await term.waitFor(/Type 2 \(the number of disks\) or ERASE, then Enter/);
  t.match(s, /\| Confirm \|/, 'a wrong count does not start');
  await term.keys('BSpace');
  await term.type('2');
  await term.keys('Enter');

  s = await term.waitFor(/Overall \[.*\d+%/);
  t.match(s, /\| Erasing \|/);
  t.match(s, /sim-sda +\[[#.]+\] +\d+% p\d\/2 /, 'per-disk bar with pass k/n');
  t.match(s, /MB\/s per disk/, 'bar chart on the Linux console (no braille)');
  t.match(s, /a abort/);
  s = await term.waitFor(/sim-sdc .*FAILED/);
  t.match(s, /sim-sda .*running|sim-sda .*ERASED/, 'the other disk goes on');
  const red = term.screenEscaped().split('\n').find((l) => l.includes('sim-sdc'));
  t.match(red, /\x1b\[(?:[0-9;]*;)?31m|\x1b\[31m/, 'the failed disk is red');

  s = await term.waitFor(/\| Results \|/);
  t.match(s, /1 erased, 1 failed, 0 aborted/);
  t.match(s, /sim-sda +ERASED +verify passed/);
  t.match(s, /sim-sdc +FAILED +verify failed/);
  await term.waitFor(/sim-sdc +FAILED +verify failed +\S*\.json/);
  await term.keys('Enter');
  s = await term.waitFor(/\| Certificate \|/);
  t.match(s, /Operator Jane Q/);
  await term.keys('Escape');
  await term.keys('l');
  s = await term.waitFor(/\| Log \|/);
  t.match(s, /sim-sdc: FAILED/);
  await term.keys('Escape');
  await term.waitFor(/\| Results \|/);
  await term.keys('q');
  s = await term.waitFor(/EXIT=\d+/);
  t.match(s, /EXIT=1/, 'exit 1: the last run had a failed disk');
});

t.test('simulated backend: job details are remembered for the next run', async (t) => {
  const env = simEnv(t, 'xterm-256color');
  fs.writeFileSync(env.ERASEBOX_TUI_JOB_FILE, JSON.stringify({ operator: 'Remembered Op', customer: 'Cust', assetTag: 'T9' }));
  const term = new Term(t, { cols: 100, rows: 30, env, args: ['--all'] });
  await term.waitFor(/sim-sda/);
  await term.seekDisk('/dev/sim-sda');
  await term.keys('Space', 'Enter');
  await term.waitFor(/Erase method/);
  await term.keys('Enter');
  const s = await term.waitFor(/Job details/);
  t.match(s, /Operator +\[Remembered Op/);
  t.match(s, /Asset tag +\[T9/);
  await term.keys('Escape');
  await term.keys('Escape');
  await term.waitFor(/\| Disks \|/);
  await term.keys('q');
  t.match(await term.waitFor(/EXIT=\d+/), /EXIT=0/);
});

t.test('simulated backend: a too-small terminal gets a clear message, and recovers when enlarged', async (t) => {
  const term = new Term(t, { cols: 60, rows: 18, env: simEnv(t, 'linux'), args: [] });
  let s = await term.waitFor(/Terminal too small/);
  t.match(s, /erasebox needs at least 80x24; this one is 60x18\./);
  t.notMatch(s, /Sel Device/, 'no broken table');
  term.resize(80, 24);
  s = await term.waitFor(/Sel Device/);
  t.match(s, /Up\/Dn move/);
  term.resize(70, 24);
  await term.waitFor(/this one is 70x24/);
  await term.keys('q');
  t.match(await term.waitFor(/EXIT=\d+/), /EXIT=0/);
});

t.test('simulated backend: Settings edits erasebox.conf through the config module; a bad value is refused with its line', async (t) => {
  const env = simEnv(t, 'linux');
  const certDir = path.join(path.dirname(env.ERASEBOX_TUI_JOB_FILE), 'certs');
  fs.mkdirSync(certDir);
  const file = path.join(certDir, 'erasebox.conf');
  fs.writeFileSync(file, '# kept by the editor\n[organisation]\nname = Old GmbH\n\n[technician "Ann Tech"]\n\n[defaults]\nmethod = dodshort\n');
  const term = new Term(t, { cols: 80, rows: 24, env: { ...env, ERASEBOX_CERT_DIR: certDir }, args: ['--all'] });
  let s = await term.waitFor(/sim-sda/);
  t.match(s, /s settings/, 'the help line names the key');
  await term.keys('s');
  s = await term.waitFor(/\| Settings \|/);
  t.match(s, /Name +\[Old GmbH_/, 'the cursor starts on the organisation name');
  t.match(s, /Method +< dodshort: DoD 5220\.22-M short \(clear\) >/);
  for (let i = 0; i < 'Old GmbH'.length; i++) await term.keys('BSpace');
  await term.type('Neue Firma GmbH');
  await term.keys('End'); // the customers' add row
  await term.type('Stadtwerke Musterstadt');
  await term.keys('Enter');
  s = await term.waitFor(/Customers \(1;/);
  t.match(s, /Name +\[Stadtwerke Musterstadt_/, 'the cursor is on the new customer');
  await term.keys('Down');
  await term.type('Am Markt 1');
  await term.keys('C-s');
  s = await term.waitFor(/Saved \S*erasebox\.conf/);

  const { loadConfig } = await import('../../src/cert/config');
  const c = await loadConfig(certDir);
  t.equal(c.organisation.name, 'Neue Firma GmbH');
  t.same(c.customers, [{ name: 'Stadtwerke Musterstadt', address: 'Am Markt 1', contact: null, phone: null }]);
  t.same(c.technicians.map((x) => x.name), ['Ann Tech']);
  t.equal(c.defaults.method, 'dodshort');
  const saved = fs.readFileSync(file, 'utf8');
  t.match(saved, /^# kept by the editor\n/, "the admin's comment survives");

  // A bad value: the printer device must be an absolute path.
  await term.keys('Home');
  for (let i = 0; i < 10; i++) await term.keys('Down');
  await term.type('lp0');
  s = await term.waitFor(/Device +\[lp0_/);
  await term.keys('C-s');
  s = await term.waitFor(/Not saved: erasebox\.conf:\d+: printer device must be an absolute path/);
  t.match(s, /Not saved, the file is unchanged:\n *erasebox\.conf:\d+: printer device must be an absolute path such as \/dev\/usb\/lp0/, 'listed on the screen with its line');
  t.match(s, /\| Settings \| SIMULATED +modified /);
  t.equal(fs.readFileSync(file, 'utf8'), saved, 'nothing was written');
  await term.keys('Escape');
  s = await term.waitFor(/Unsaved changes: s save, d discard, Esc keep editing/);
  await term.keys('d');
  s = await term.waitFor(/\| Disks \|/);
  t.match(s, /Changes discarded/);

  // Job details: the operator is picked from the technicians; the method default from the file.
  await term.seekDisk('/dev/sim-sda');
  await term.keys('Space', 'Enter');
  s = await term.waitFor(/Erase method/);
  t.match(s, /\(\*\) DoD 5220\.22-M short/, 'the default method from erasebox.conf');
  await term.keys('Enter');
  s = await term.waitFor(/Job details/);
  t.match(s, /Lt\/Rt: 1 technician\(s\)/);
  await term.keys('Right', 'Down', 'Right');
  s = await term.waitFor(/Customer +\[Stadtwerke Musterstadt/);
  t.match(s, /Operator +\[Ann Tech/);
  await term.keys('Escape');
  await term.keys('Escape');
  await term.waitFor(/\| Disks \|/);
  await term.keys('q');
  t.match(await term.waitFor(/EXIT=\d+/), /EXIT=0/);
});
