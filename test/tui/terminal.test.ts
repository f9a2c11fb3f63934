// The built CLI in tmux against loop devices this test attaches (`erasebox --all` lists them):
// select two disks, pick "zero", confirm, watch progress, reach results; then the devices' bytes
// and the certificates are checked. A mounted loop device is shown protected and cannot be
// selected. Both TERM=linux and TERM=xterm-256color render.
import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { attachLoop, backingBytes, canUseLoop, ownLoop, type TestLoop } from '../helpers/loop';
import { BIN, ensureBuilt, Term } from './tmux';

if (!canUseLoop()) {
  t.plan(0, 'needs root and loop devices');
  process.exit(0);
}
ensureBuilt();

type T = typeof t;
const MiB = 1 << 20;

function tmpDir(t: T): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-tui-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A loop device with a mounted file system: discovery must mark it protected. */
function mountedLoop(t: T): TestLoop {
  const loop = attachLoop(t, 32 * MiB);
  const dev = ownLoop(loop.dev);
  const mnt = tmpDir(t);
  // vfat first, as on a USB stick; this kernel may lack it, then ext2 (any mounted fs will do).
  let mounted = false;
  for (const [mkfs, args] of [['mkfs.vfat', [dev]], ['mkfs.ext2', ['-q', '-F', dev]]] as const) {
    if (spawnSync(mkfs, [...args], { stdio: 'ignore' }).status !== 0) continue;
    if (spawnSync('mount', [dev, mnt], { stdio: 'ignore' }).status === 0) {
      mounted = true;
      break;
    }
  }
  if (!mounted) throw new Error(`could not mount a file system on ${dev}`);
  // Registered after attachLoop's teardown, so it runs first (tap runs teardowns in reverse).
  t.teardown(() => {
    spawnSync('umount', [mnt], { stdio: 'ignore' });
  });
  return loop;
}

function env(t: T, term: string): { env: Record<string, string>; certDir: string } {
  const dir = tmpDir(t);
  const certDir = path.join(dir, 'certs');
  return { certDir, env: { TERM: term, LANG: 'C.UTF-8', ERASEBOX_CERT_DIR: certDir, ERASEBOX_TUI_JOB_FILE: path.join(dir, 'job.json'), HOME: dir } };
}

t.test('loop devices: select two, erase with zero, verify, certificates; the mounted one cannot be selected', async (t) => {
  const a = attachLoop(t, 24 * MiB, { fill: 0xa5 });
  const b = attachLoop(t, 16 * MiB, { fill: 0x5a });
  const m = mountedLoop(t);
  execFileSync('sync'); // mount-time superblock writes reach the backing file before the snapshot
  const mountedBefore = backingBytes(m);
  const { env: e, certDir } = env(t, 'xterm-256color');
  const term = new Term(t, { cols: 100, rows: 30, env: e, args: ['--all'] });
  const name = (l: TestLoop): string => path.basename(l.dev);

  let s = await term.waitFor(new RegExp(`${name(m)} .*MOUNTED`));
  t.match(s, new RegExp(`^ -  ${name(m)} `, 'm'), 'the mounted disk has no selection box');
  await term.seekDisk(m.dev);
  await term.keys('Space');
  s = await term.waitFor(/cannot be selected/);
  t.match(s, new RegExp(`${m.dev} cannot be selected: .*mounted`));

  await term.seekDisk(a.dev);
  await term.keys('Space');
  await term.seekDisk(b.dev);
  await term.keys('Space');
  s = await term.waitFor(/2 selected/);
  t.match(s, new RegExp(`\\[x\\] ${name(a)} `));
  t.match(s, new RegExp(`\\[x\\] ${name(b)} `));

  await term.keys('Enter');
  s = await term.waitFor(/Erase method for 2 disk/);
  // The method table comes from the engine: walk the cursor to "Zero fill" and choose it.
  const rows = s.split('\n').filter((l) => /^\([ *]\) /.test(l));
  const from = rows.findIndex((l) => l.startsWith('(*)'));
  const to = rows.findIndex((l) => /^\([ *]\) Zero fill /.test(l));
  t.ok(from >= 0 && to >= 0, 'method table shown with a chosen method and Zero fill');
  for (let i = from; i < to; i++) await term.keys('Down');
  await term.keys('Space');
  s = await term.waitFor(/\(\*\) Zero fill/);
  await term.keys('Enter');
  await term.waitFor(/Job details/);
  await term.type('Terminal Test');
  await term.keys('Tab');
  await term.type('Customer T');
  await term.keys('Tab');
  await term.type('ASSET-42');
  await term.keys('Enter');
  s = await term.waitFor(/ALL DATA on these 2 disk/);
  t.notMatch(s, new RegExp(m.dev), 'the mounted disk is not in the confirmation');
  await term.type('ERASE');
  await term.keys('Enter');

  s = await term.waitFor(/\| Erasing \||\| Results \|/);
  t.match(s, /Overall|Finished/i);
  s = await term.waitFor(/\| Results \|/, 180_000);
  t.match(s, /2 erased, 0 failed, 0 aborted/);
  t.match(s, new RegExp(`${name(a)} +ERASED +verify passed`));
  t.match(s, new RegExp(`${name(b)} +ERASED +verify passed`));
  await term.waitFor(new RegExp(`${name(b)} +ERASED +verify passed +\\S*\\.json`));
  await term.waitFor(new RegExp(`${name(a)} +ERASED +verify passed +\\S*\\.json`));

  // The bytes: every byte of both disks is zero; the mounted one is untouched.
  for (const l of [a, b]) {
    const bytes = backingBytes(l);
    t.equal(bytes.length > 0 && bytes.every((x) => x === 0), true, `${l.dev} holds only zeros`);
  }
  t.equal(Buffer.compare(backingBytes(m), mountedBefore), 0, 'the mounted disk was not written');

  // The certificates: one per disk, signed, saying erased, with the job details typed above.
  const jsons = fs.readdirSync(certDir).filter((f) => f.endsWith('.json'));
  const certs = jsons.map((f) => ({ file: path.join(certDir, f), c: JSON.parse(fs.readFileSync(path.join(certDir, f), 'utf8')) })).filter((x) => x.c.kind === 'erasebox.certificate');
  t.same(certs.map((x) => x.c.device.path).sort(), [a.dev, b.dev].sort());
  for (const { file, c } of certs) {
    t.equal(c.result, 'erased');
    t.equal(c.method.id, 'zero');
    t.equal(c.verification.result, 'passed');
    t.equal(c.operator, 'Terminal Test');
    t.equal(c.customer, 'Customer T');
    t.equal(c.assetTag, 'ASSET-42');
    const v = spawnSync(BIN, ['verify-cert', file], { encoding: 'utf8' });
    t.equal(v.status, 0, `verify-cert ${path.basename(file)}: ${v.stdout}${v.stderr}`);
  }

  await term.keys('Enter');
  s = await term.waitFor(/\| Certificate \|/);
  t.match(s, /Signature +VALID/);
  t.match(s, /Job +operator Terminal Test, customer Customer T, asset tag ASSET-42/);
  await term.keys('Escape');
  await term.waitFor(/\| Results \|/);
  await term.keys('q');
  t.match(await term.waitFor(/EXIT=\d+/), /EXIT=0/);
  const job = JSON.parse(fs.readFileSync(e.ERASEBOX_TUI_JOB_FILE, 'utf8'));
  t.same(job, { operator: 'Terminal Test', customer: 'Customer T', assetTag: 'ASSET-42' }, 'job details remembered');
});

for (const termName of ['linux', 'xterm-256color']) {
  t.test(`TERM=${termName}: the disk table renders at 80x24 with loop devices`, async (t) => {
    const a = attachLoop(t, 8 * MiB);
    const term = new Term(t, { cols: 80, rows: 24, env: env(t, termName).env, args: ['--all'] });
    const s = await term.waitFor(new RegExp(`${path.basename(a.dev)} `));
    const lines = s.split('\n');
    t.match(lines[0], /^erasebox .* \| Disks \|/);
    t.match(lines[1], /^Sel Device +Bay +Model +Serial +Size SMART +Erase/);
    t.match(s, /^ Up\/Dn move .*q quit/m, 'help line on the last row');
    t.match(s, new RegExp(`\\[ \\] ${path.basename(a.dev)} +loop`));
    for (const l of lines) t.ok(l.length <= 80, `fits 80 columns: ${l}`);
    await term.keys('q');
    t.match(await term.waitFor(/EXIT=\d+/), /EXIT=0/);
  });
}

t.test('a protected disk is refused even if it became protected after the screen showed it', async (t) => {
  // The watcher may not see a mount that happens later; the backend checks again before opening.
  const a = attachLoop(t, 8 * MiB, { fill: 0x11 });
  const { env: e } = env(t, 'xterm-256color');
  const term = new Term(t, { cols: 100, rows: 30, env: e, args: ['--all'] });
  await term.waitFor(new RegExp(`${path.basename(a.dev)} `));
  await term.seekDisk(a.dev);
  await term.keys('Space', 'Enter');
  await term.waitFor(/Erase method/);
  await term.keys('Enter');
  await term.waitFor(/Job details/);
  await term.keys('Enter');
  await term.waitFor(/ALL DATA on these 1 disk/);
  const mnt = tmpDir(t);
  execFileSync('mkfs.ext2', ['-q', '-F', ownLoop(a.dev)]);
  execFileSync('mount', [a.dev, mnt]);
  t.teardown(() => {
    spawnSync('umount', [mnt], { stdio: 'ignore' });
  });
  execFileSync('sync');
  const formatted = backingBytes(a);
  await term.type('1');
  await term.keys('Enter');
  const s = await term.waitFor(/Could not start/);
  t.match(s, /Could not start: .*mounted.*nothing was written/);
  t.equal(Buffer.compare(backingBytes(a), formatted), 0, 'not a byte written');
  await term.keys('Escape');
  await term.keys('Escape');
  await term.keys('Escape');
  await term.waitFor(/\| Disks \|/);
  await term.keys('q');
  t.match(await term.waitFor(/EXIT=\d+/), /EXIT=0/);
});
