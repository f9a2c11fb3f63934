// runWipeJob with its real deps (protection checks, discovery, O_DIRECT devices, host identity,
// certificates, run report) on loop devices this test attaches; then `erasebox wipe --json` and
// `--print` through the built CLI. /dev/null and /dev/full stand in for a USB printer: they are real
// character devices, one accepting every byte, one failing every write with ENOSPC.
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { attachLoop, backingBytes, canUseLoop } from '../helpers/loop';
import { runWipeJob, jobSucceeded } from '../../src/app/wipe-job';
import { isJobEvent, type WipeJobEvent } from '../../src/app/events';
import { verifyFile } from '../../src/cert/verify';

if (!canUseLoop()) {
  t.plan(0, 'needs root and loop devices');
  process.exit(0);
}
const MiB = 1 << 20;
const BIN = path.resolve(__dirname, '../../dist/erasebox');
const tmpdir = (t: { teardown(fn: () => void): void }): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-app-loop-'));
  t.teardown(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};
const cli = (args: string[]) => spawnSync(BIN, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

t.test('two loop devices, real deps: erased, certified, run report, every check real', async (t) => {
  const a = attachLoop(t, 8 * MiB, { fill: 0x5a });
  const b = attachLoop(t, 8 * MiB, { fill: 0x5a });
  const certDir = tmpdir(t);
  const events: WipeJobEvent[] = [];
  const res = await runWipeJob(
    { devices: [a.dev, b.dev], methodId: 'nist-clear', verify: 'last', rounds: 1, blank: true, operator: 'loop-op', customer: null, assetTag: null, certDir },
    { emit: (e) => events.push(e), signal: new AbortController().signal, env: {} },
  );
  t.equal(res.refused, null);
  t.ok(jobSucceeded(res), 'all erased and certified');
  for (const l of [a, b]) t.ok(backingBytes(l).every((x) => x === 0), `${l.dev}: zeros after the blanking pass`);
  t.equal(res.certificates.length, 2);
  for (const c of res.certificates) {
    t.ok(c.ok);
    if (!c.ok) continue;
    const cert = JSON.parse(fs.readFileSync(c.certificate.jsonPath, 'utf8'));
    t.equal(cert.device.path, c.disk);
    t.equal(cert.device.sizeBytes, 8 * MiB, 'identity from discovery');
    t.equal(cert.host.hostname, os.hostname());
    t.equal(cert.tool.imageSha256, null, 'no ERASEBOX_IMAGE_SHA256: null');
    t.equal((await verifyFile(c.certificate.jsonPath, { fingerprints: [] })).status, 'valid');
  }
  t.ok(res.report?.pdfPath && fs.existsSync(res.report.pdfPath), 'system report written');
  t.same(events.filter(isJobEvent).map((e) => e.kind).sort(), ['certificate-written', 'certificate-written', 'run-report-written']);
});

t.test('real checks: a mounted loop among two refuses the job, the other stays byte-identical', async (t) => {
  const clean = attachLoop(t, 8 * MiB, { fill: 0x44 });
  const mounted = attachLoop(t, 32 * MiB);
  execFileSync('mkfs.ext2', ['-q', '-F', mounted.dev], { stdio: 'ignore' });
  const mnt = tmpdir(t);
  execFileSync('mount', [mounted.dev, mnt]);
  t.teardown(() => spawnSync('umount', [mnt]));
  const before = backingBytes(clean);
  const certDir = path.join(tmpdir(t), 'certs');
  const events: WipeJobEvent[] = [];
  const res = await runWipeJob(
    { devices: [clean.dev, mounted.dev], methodId: 'zero', verify: 'last', rounds: 1, blank: false, operator: null, customer: null, assetTag: null, certDir },
    { emit: (e) => events.push(e), signal: new AbortController().signal, env: {} },
  );
  t.equal(res.refused?.code, 'mounted');
  t.equal(res.refused?.device, mounted.dev);
  t.same(events, []);
  t.equal(Buffer.compare(backingBytes(clean), before), 0, 'clean disk byte-identical');
  t.notOk(fs.existsSync(certDir), 'no certificate directory');
});

t.test('CLI: --json carries job events with the certificate path; --print to /dev/null prints, to /dev/full fails per disk and keeps exit 0', async (t) => {
  if (!fs.existsSync(BIN)) throw new Error('dist/erasebox missing: run npm run build first');
  const a = attachLoop(t, 4 * MiB, { fill: 0x11 });
  const b = attachLoop(t, 4 * MiB, { fill: 0x11 });
  let dir = tmpdir(t);
  let r = cli(['wipe', '--method', 'zero', '--yes', '--json', '--cert-dir', dir, '--print', '/dev/null', a.dev, b.dev]);
  t.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const written = lines.filter((e) => e.kind === 'certificate-written');
  t.same(written.map((e) => e.disk).sort(), [a.dev, b.dev].sort());
  for (const w of written) {
    t.ok(fs.existsSync(w.jsonPath) && path.dirname(w.jsonPath) === dir, 'jsonPath is the file in --cert-dir');
    t.equal(JSON.parse(fs.readFileSync(w.jsonPath, 'utf8')).id, w.id);
    t.ok(w.pdfPath && fs.existsSync(w.pdfPath));
  }
  const printed = lines.filter((e) => e.kind === 'printed');
  t.equal(printed.length, 3, 'two certificates and the system report');
  for (const p of printed) t.equal(p.bytes, fs.statSync(p.file).size, 'every byte of the PDF went to the device');
  t.match(lines[lines.length - 1], { kind: 'run-end', erased: 2 }, 'run-end is the last line');
  t.equal(lines[lines.length - 2].kind, 'printed', 'the system report is printed last');
  t.ok(lines.some((e) => e.kind === 'run-report-written'));
  t.match(r.stderr, new RegExp(`${a.dev}  certificate ${dir}/`), 'human certificate line still on stderr');

  dir = tmpdir(t);
  r = cli(['wipe', '--method', 'zero', '--yes', '--cert-dir', dir, '--print', '/dev/full', a.dev]);
  t.equal(r.status, 0, 'a failing printer does not change the exit code');
  const fails = r.stderr.split('\n').filter((l) => /not printed/.test(l));
  t.equal(fails.length, 2, 'one line for the certificate, one for the system report');
  t.match(fails[0], new RegExp(`^erasebox wipe: ${a.dev}: not printed: printing to /dev/full failed: ENOSPC; the file is kept: erasebox report print --device /dev/full ${dir}/.*\\.pdf$`));
  t.equal(fs.readdirSync(dir).filter((f) => /^[0-9a-f-]{36}\.(json|pdf)$/.test(f)).length, 2, 'certificate JSON and PDF kept');

  r = cli(['wipe', '--method', 'zero', '--yes', '--print-ps', a.dev]);
  t.equal(r.status, 2);
  t.equal(r.stderr, 'erasebox wipe: --print-ps needs --print DEVICE\n');
});
