// `erasebox wipe`, `methods` and `reverify` end to end through ./dist/erasebox (npm test builds it)
// on loop devices this test attaches: refusals leave every disk byte-identical.
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { attachLoop, canUseLoop, backingBytes, type TestLoop } from '../helpers/loop';

const BIN = path.resolve(__dirname, '../../dist/erasebox');
if (!canUseLoop()) {
  t.plan(0, 'needs root and loop devices');
  process.exit(0);
}
if (!fs.existsSync(BIN)) throw new Error('dist/erasebox missing: run npm run build first');

const MiB = 1 << 20;
const sha = (l: TestLoop): string => createHash('sha256').update(backingBytes(l)).digest('hex');
const tmpdir = (t: { teardown(fn: () => void): void }): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-cli-'));
  t.teardown(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
// Disk certificates only: the run's manifest (run-<id>.json) sits beside them.
const certs = (dir: string): Record<string, any>[] => fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('run-')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));

t.test('methods lists the table, as text and JSON', async (t) => {
  const r = cli(['methods', '--json']);
  t.equal(r.status, 0);
  const list = JSON.parse(r.stdout);
  t.ok(list.some((m: { id: string; passCount: number }) => m.id === 'gutmann' && m.passCount === 35));
  t.match(cli(['methods']).stdout, /^nist-clear\s+NIST SP 800-88 Clear/m);
});

t.test('wipe two disks: exit 0, JSON events, a certificate each, reverify matches', async (t) => {
  const a = attachLoop(t, 8 * MiB, { fill: 0x33 });
  const b = attachLoop(t, 8 * MiB, { fill: 0x33 });
  const dir = tmpdir(t);
  const r = cli(['wipe', '--method', 'nist-clear', '--yes', '--json', '--cert-dir', dir, '--operator', 'op', a.dev, b.dev]);
  t.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  t.equal(events[0].kind, 'run-start');
  t.same(events[events.length - 1], { ...events[events.length - 1], kind: 'run-end', erased: 2, failed: 0, aborted: 0 });
  const cs = certs(dir);
  t.equal(cs.length, 2);
  t.ok(cs.every((c) => c.result === 'erased' && c.verification.result === 'passed' && /^[0-9a-f]{32}$/.test(c.verification.seed)));
  const certA = cs.find((c) => c.device.path === a.dev)!;
  const file = path.join(dir, `${certA.id}.json`);
  t.equal(cli(['reverify', file, a.dev]).status, 0, 'full reverify matches');
  t.equal(cli(['reverify', file, a.dev, '--sample', '1']).status, 0, 'sampled reverify matches');
  t.equal(cli(['reverify', file, b.dev]).status, 1, 'the other disk has another seed: mismatch');
  t.equal(cli(['reverify', '/nonexistent.json', a.dev]).status, 2);
});

t.test('verify-zero on a disk with a planted byte: exit 1, certificate failed', async (t) => {
  const a = attachLoop(t, 4 * MiB, { fill: 0 });
  const fd = fs.openSync(a.file, 'r+');
  fs.writeSync(fd, Buffer.of(9), 0, 1, 123456);
  fs.closeSync(fd);
  const dir = tmpdir(t);
  const r = cli(['wipe', '--method', 'verify-zero', '--yes', '--cert-dir', dir, a.dev]);
  t.equal(r.status, 1);
  t.match(r.stderr, /FAILED/);
  t.equal(certs(dir)[0].result, 'failed');
});

t.test('refusals: exit 2 and every disk byte-identical', async (t) => {
  const clean = attachLoop(t, 8 * MiB, { fill: 0x44 });
  const fsLoop = attachLoop(t, 32 * MiB);
  execFileSync('mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', fsLoop.dev], { stdio: 'ignore' });
  const mnt = tmpdir(t);
  execFileSync('mount', [fsLoop.dev, mnt]);
  t.teardown(() => execFileSync('umount', [mnt]));
  const before = [sha(clean), sha(fsLoop)];
  const dir = tmpdir(t);

  let r = cli(['wipe', '--method', 'zero', '--yes', '--cert-dir', dir, clean.dev, fsLoop.dev]);
  t.equal(r.status, 2, 'mounted disk refused');
  t.match(r.stderr, /mounted/);
  t.equal(r.stderr.trim().split('\n').length, 1, 'one line');

  r = cli(['wipe', '--method', 'zero', '--cert-dir', dir, clean.dev]);
  t.equal(r.status, 2, 'no --yes');
  t.match(r.stderr, /--yes/);

  const link = path.join(dir, 'alias');
  fs.symlinkSync(clean.dev, link);
  r = cli(['wipe', '--method', 'zero', '--yes', '--cert-dir', dir, clean.dev, link]);
  t.equal(r.status, 2, 'same device twice');
  t.match(r.stderr, /same device/);

  const ghost = `/dev/erasebox-test-nothing-${process.pid}`;
  r = cli(['wipe', '--method', 'zero', '--yes', '--cert-dir', dir, clean.dev, ghost]);
  t.equal(r.status, 2, 'missing path');
  t.notOk(fs.existsSync(ghost), 'no file created');
  r = cli(['wipe', '--method', 'zero', '--yes', '--cert-dir', dir, clean.file]);
  t.equal(r.status, 2, 'plain file refused');
  t.match(r.stderr, /not a block device/);

  t.equal(cli(['wipe', '--method', 'nope', '--yes', clean.dev]).status, 2, 'unknown method');
  t.equal(cli(['wipe', '--method', 'zero', '--verify', 'sample:0', '--yes', clean.dev]).status, 2, 'bad verify');
  t.same([sha(clean), sha(fsLoop)], before, 'both disks byte-identical');
  t.same(certs(dir), [], 'no certificate for a refused run');
});

t.test('SIGINT: the disk ends aborted, exit 1, certificate says aborted', async (t) => {
  const a = attachLoop(t, 256 * MiB, { fill: 0x21 });
  const dir = tmpdir(t);
  const child = spawn(BIN, ['wipe', '--method', 'gutmann', '--yes', '--json', '--cert-dir', dir, a.dev], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let sent = false;
  child.stdout.on('data', (d) => {
    out += d;
    if (!sent && out.includes('"kind":"progress"')) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.ok(sent, 'interrupted while running');
  t.equal(code, 1);
  const cs = certs(dir);
  t.equal(cs.length, 1);
  t.equal(cs[0].result, 'aborted');
  t.match(out, /"kind":"run-end".*"aborted":1/);
});
