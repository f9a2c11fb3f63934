// runWipeJob with injected deps: in-memory devices (real engine, real signing, real files in a
// temp certificate store), fake target checks, a certificate module that fails for one disk, and a
// fake printer. No root, no disks.
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HostIdentity } from '../../src/cert/input';
import { issueCertificate } from '../../src/cert/issue';
import { verifyFile } from '../../src/cert/verify';
import { runWipeJob, jobSucceeded, type WipeJob } from '../../src/app/wipe-job';
import { isJobEvent, type JobEvent, type WipeJobEvent } from '../../src/app/events';
import { memoryRig } from './memory-rig';

const MiB = 1 << 20;
const HOST: HostIdentity = { hostname: 'bench-7', manufacturer: 'ACME', model: 'Eraser', serial: 'S1', uuid: null, bios: null, cpu: null, memoryBytes: null };

function tmpdir(t: { teardown(fn: () => void): void }): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-app-'));
  t.teardown(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Three memory disks (test/app/memory-rig.ts) and this file's job template. */
function rig(t: { teardown(fn: () => void): void }, names = ['mem0', 'mem1', 'mem2']) {
  const r = memoryRig(t, names, { sizeBytes: MiB + 64 * 1024, host: HOST, env: { ERASEBOX_IMAGE_SHA256: 'ab'.repeat(32) } });
  const job: WipeJob = { devices: names, methodId: 'zero', verify: 'last', rounds: 1, blank: false, operator: 'op', customer: 'cust', assetTag: 'A-1', certDir: r.certDir };
  return { ...r, job };
}

const jobEvents = (events: WipeJobEvent[]): JobEvent[] => events.filter(isJobEvent);

t.test('one refused target of three: nothing opened, nothing described, nothing written', async (t) => {
  const r = rig(t);
  const described: string[] = [];
  const res = await runWipeJob(r.job, {
    ...r.deps,
    checkTarget: (dev) => (dev === 'mem1' ? { code: 'mounted', reason: 'mem1 is mounted at /mnt/x' } : r.deps.checkTarget!(dev)),
    describeDisk: async (d) => {
      described.push(d);
      throw new Error('unreachable');
    },
    issueCertificate: () => Promise.reject(new Error('must not be called')),
  });
  t.same(res.refused, { kind: 'target', code: 'mounted', device: 'mem1', reason: 'mem1 is mounted at /mnt/x' });
  t.same(r.opened, [], 'open() never called');
  t.same(described, [], 'no identity probe either');
  t.same(r.events, [], 'no event: the engine never started');
  t.same(res.results, []);
  t.equal(jobSucceeded(res), false);
  for (const d of r.devs.values()) t.ok(d.bytes.every((b) => b === 0xa5), `${d.info.path} untouched`);
  t.notOk(fs.existsSync(r.certDir), 'not even the certificate directory was created');
});

t.test('the same device twice (same device number): refused before any open', async (t) => {
  const r = rig(t, ['mem0', 'mem1']);
  const res = await runWipeJob(r.job, { ...r.deps, checkTarget: (dev) => ({ name: 'mem0', majorMinor: '250:0', sysPath: `/sys/fake/${dev}` }) });
  t.equal(res.refused?.code, 'same-device');
  t.match(res.refused?.reason, /mem1 and mem0 are the same device \(mem0\)/);
  t.same(r.opened, []);
});

t.test('an unwritable certificate directory: refused before any open', async (t) => {
  const r = rig(t);
  const file = path.join(tmpdir(t), 'plain-file');
  fs.writeFileSync(file, 'x');
  const res = await runWipeJob({ ...r.job, certDir: path.join(file, 'certs') }, r.deps);
  t.equal(res.refused?.kind, 'cert-dir');
  t.match(res.refused?.reason, /certificate directory .* is not writable \(ENOTDIR\)/);
  t.same(r.opened, []);
});

t.test('a failing certificate for one disk: the others are erased and certified, the job says so', async (t) => {
  const r = rig(t);
  const issuedFor: string[] = [];
  const res = await runWipeJob(r.job, {
    ...r.deps,
    identityTimeoutMs: 20,
    describeDisk: () => new Promise(() => undefined), // a probe that hangs: the time limit gives no identity
    issueCertificate: async (input, opts) => {
      issuedFor.push(input.result.path);
      if (input.result.path === 'mem1') throw new Error('disk full (simulated)');
      return issueCertificate(input, opts);
    },
  });
  t.equal(res.refused, null);
  t.same(res.results.map((x) => [x.path, x.outcome]), [['mem0', 'erased'], ['mem1', 'erased'], ['mem2', 'erased']]);
  for (const d of r.devs.values()) t.ok(d.bytes.every((b) => b === 0), `${d.info.path} holds zeros`);
  t.same(issuedFor.sort(), ['mem0', 'mem1', 'mem2'], 'every disk got its attempt');
  t.same(res.certificates.map((c) => [c.disk, c.ok]), [['mem0', true], ['mem1', false], ['mem2', true]]);
  const bad = res.certificates[1];
  t.equal(!bad.ok && bad.reason, 'disk full (simulated)');
  t.equal(jobSucceeded(res), false, 'a lost certificate fails the job');

  for (const c of res.certificates) {
    if (!c.ok) continue;
    const cert = JSON.parse(fs.readFileSync(c.certificate.jsonPath, 'utf8'));
    t.equal(cert.device.path, c.disk);
    t.equal(cert.result, 'erased');
    t.equal(cert.host.hostname, 'bench-7', 'host identity from the injected probe');
    t.equal(cert.tool.imageSha256, 'ab'.repeat(32), 'image hash from ERASEBOX_IMAGE_SHA256');
    t.same([cert.operator, cert.customer, cert.assetTag], ['op', 'cust', 'A-1']);
    t.equal((await verifyFile(c.certificate.jsonPath, { fingerprints: [] })).status, 'valid');
  }
  const je = jobEvents(r.events);
  t.same(je.filter((e) => e.kind === 'certificate-failed').map((e) => e.disk), ['mem1']);
  const written = je.filter((e) => e.kind === 'certificate-written');
  t.same(written.map((e) => e.disk).sort(), ['mem0', 'mem2']);
  for (const w of written) {
    const end = r.events.findIndex((e) => e.kind === 'disk-end' && e.disk === w.disk);
    t.ok(end >= 0 && end < r.events.indexOf(w), `${w.disk}: certificate after its disk-end`);
    t.ok(w.kind === 'certificate-written' && w.pdfPath && fs.existsSync(w.pdfPath), 'PDF path given and written');
  }

  // The run report lists the two certificates that exist; the engine's run-end comes last of all.
  t.ok(res.report);
  t.equal(je[je.length - 1].kind, 'run-report-written');
  t.match(r.events[r.events.length - 1], { kind: 'run-end', erased: 3, failed: 0, aborted: 0 }, 'run-end is the last event');
  t.equal(r.events.filter((e) => e.kind === 'run-end').length, 1);
  const manifest = JSON.parse(fs.readFileSync(res.report!.manifestPath, 'utf8'));
  t.same(manifest.certificates.map((e: { device: { path: string } }) => e.device.path).sort(), ['mem0', 'mem2']);
  t.equal((await verifyFile(res.report!.manifestPath, { fingerprints: [] })).status, 'valid');
});

t.test('printing: one PDF at a time, a failing printer is a per-disk event that keeps the certificate (simulated printer)', async (t) => {
  const r = rig(t);
  let active = 0;
  let maxActive = 0;
  const printed: string[] = [];
  const res = await runWipeJob(
    { ...r.job, print: { device: '/dev/usb/lp9', format: 'pdf' } },
    {
      ...r.deps,
      issueCertificate: (input, opts) => issueCertificate(input, { ...opts, index: false }),
      printFile: async (file, device) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((next) => setImmediate(next));
        active--;
        if (file.includes(res0Id())) throw new Error(`printer ${device} not found (simulated)`);
        printed.push(file);
        return fs.statSync(file).size;
      },
    },
  );
  function res0Id(): string {
    const w = r.events.find((e) => e.kind === 'certificate-written' && e.disk === 'mem0');
    return w && w.kind === 'certificate-written' ? w.id : '\0';
  }
  t.equal(jobSucceeded(res), true, 'printing does not change the outcome');
  t.equal(res.printFailures, 1);
  t.equal(maxActive, 1, 'never two prints at once');
  const je = jobEvents(r.events);
  const failed = je.filter((e) => e.kind === 'print-failed');
  t.equal(failed.length, 1);
  t.match(failed[0], { disk: 'mem0', device: '/dev/usb/lp9', reason: /not found \(simulated\)/ });
  t.ok(failed[0].kind === 'print-failed' && failed[0].file && fs.existsSync(failed[0].file), 'the unprinted PDF is still there');
  const ok = je.filter((e) => e.kind === 'printed');
  t.same(ok.map((e) => e.disk).sort((a, b) => String(a).localeCompare(String(b))), ['mem1', 'mem2', null], 'two certificates and the system report');
  t.equal(printed[printed.length - 1], res.report!.pdfPath, 'the system report prints last');
  for (const e of ok) t.ok(e.kind === 'printed' && e.bytes === fs.statSync(e.file).size && e.bytes > 1000, 'the whole PDF was sent');
  t.equal(r.events[r.events.length - 1].kind, 'run-end', 'run-end after the last print');
});

t.test('a printer that takes no data: the job still ends, every PDF reported unprinted (simulated printer)', async (t) => {
  const r = rig(t, ['mem0', 'mem1']);
  let calls = 0;
  const res = await runWipeJob(
    { ...r.job, print: { device: '/dev/usb/lp0' } },
    {
      ...r.deps,
      issueCertificate: (input, opts) => issueCertificate(input, { ...opts, index: false }),
      printTimeoutMs: 20,
      printFile: () => {
        calls++;
        return new Promise<number>(() => undefined); // a write that never returns
      },
    },
  );
  t.equal(jobSucceeded(res), true);
  t.equal(calls, 1, 'after the first stuck PDF nothing else is queued behind it');
  const failed = jobEvents(r.events).filter((e) => e.kind === 'print-failed');
  t.equal(failed.length, 3, 'two certificates and the system report');
  t.match(failed[0], { reason: /took no data for 0 s/ });
  t.match(failed[1], { reason: /stopped taking data/ });
  t.equal(res.printFailures, 3);
});

t.test('aborted before it starts: every disk aborted, each still certified as aborted', async (t) => {
  const r = rig(t, ['mem0', 'mem1']);
  const ctrl = new AbortController();
  ctrl.abort(new Error('stop'));
  const res = await runWipeJob({ ...r.job, methodId: 'dod-3' }, { ...r.deps, signal: ctrl.signal, issueCertificate: (i, o) => issueCertificate(i, { ...o, pdf: false, index: false }) });
  t.same(res.results.map((x) => x.outcome), ['aborted', 'aborted']);
  t.same(res.certificates.map((c) => c.ok && c.certificate.result), ['aborted', 'aborted']);
  t.equal(jobSucceeded(res), false);
});

t.test('a fresh store: the signing key exists before the first certificate, and one run signs with one key', async (t) => {
  // Disks ending together used to create the key lazily, each its own on vfat (CERTS on the stick).
  const r = rig(t);
  const keyFile = path.join(r.certDir, 'keys', 'erasebox-ed25519.key');
  const keyThere: boolean[] = [];
  const res = await runWipeJob(r.job, {
    ...r.deps,
    issueCertificate: (input, opts) => {
      keyThere.push(fs.existsSync(keyFile));
      return issueCertificate(input, { ...opts, index: false });
    },
  });
  t.ok(jobSucceeded(res));
  t.same(keyThere, [true, true, true], 'the key was on the store before any certificate was issued');
  const fps = res.certificates.map((c) => (c.ok ? JSON.parse(fs.readFileSync(c.certificate.jsonPath, 'utf8')).signature.fingerprint : null));
  t.equal(new Set(fps).size, 1, `one fingerprint for the whole run (${fps.join(', ')})`);
});

t.test('a signing key that cannot be read: refused before any open', async (t) => {
  const r = rig(t);
  fs.mkdirSync(path.join(r.certDir, 'keys'), { recursive: true });
  fs.writeFileSync(path.join(r.certDir, 'keys', 'erasebox-ed25519.key'), 'not a key\n');
  const res = await runWipeJob(r.job, r.deps);
  t.equal(res.refused?.kind, 'cert-dir');
  t.match(res.refused?.reason, /^no signing key in .*keys: cannot use signing key/);
  t.same(r.opened, []);
  for (const d of r.devs.values()) t.ok(d.bytes.every((b) => b === 0xa5), `${d.info.path} untouched`);
});
