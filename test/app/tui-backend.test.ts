// The TUI's real Backend.start (src/cli/tui.ts) on loop devices: it runs the same wipe job as
// `erasebox wipe`, turns job events into run notices, rejects `done` on a refusal with nothing
// written, and prints through $ERASEBOX_PRINTER (/dev/null stands in for the printer: a real
// character device that takes every byte).
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { attachLoop, backingBytes, canUseLoop } from '../helpers/loop';
import { startRun } from '../../src/cli/tui';
import type { CliIo } from '../../src/cli/io';
import type { RunNotice, StartRequest } from '../../src/tui/backend';
import type { EngineEvent } from '../../src/engine/events';

if (!canUseLoop()) {
  t.plan(0, 'needs root and loop devices');
  process.exit(0);
}
const MiB = 1 << 20;
const io = (env: NodeJS.ProcessEnv): CliIo => ({ stdout: () => undefined, stderr: () => undefined, env, signal: new AbortController().signal, isTTY: true });
const req = (devices: string[]): StartRequest => ({ devices, methodId: 'zero', verify: 'last', rounds: 1, blank: false, job: { operator: 'tui-op', customer: '', assetTag: 'T-9' } });

t.test('start: certificates as notices, run report and printing in the log, run-end last', async (t) => {
  const a = attachLoop(t, 4 * MiB, { fill: 0x77 });
  const b = attachLoop(t, 4 * MiB, { fill: 0x77 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-tui-backend-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const seen: (EngineEvent | RunNotice)[] = [];
  const h = startRun(io({ ERASEBOX_CERT_DIR: dir, ERASEBOX_PRINTER: '/dev/null' }), req([a.dev, b.dev]), { event: (e) => seen.push(e), notice: (n) => seen.push(n) });
  await h.done;
  for (const l of [a, b]) t.ok(backingBytes(l).every((x) => x === 0), `${l.dev} zeroed`);
  const certs = seen.filter((n) => n.kind === 'certificate');
  t.same(certs.map((n) => n.kind === 'certificate' && n.disk).sort(), [a.dev, b.dev].sort());
  for (const n of certs) {
    if (n.kind !== 'certificate') continue;
    const c = JSON.parse(fs.readFileSync(n.jsonPath, 'utf8'));
    t.equal(c.id, n.id);
    t.same([c.operator, c.customer, c.assetTag], ['tui-op', null, 'T-9'], 'empty job fields become null');
    t.ok(n.pdfPath && fs.existsSync(n.pdfPath));
  }
  const logs = seen.flatMap((n) => (n.kind === 'log' ? [n.line] : []));
  t.ok(logs.includes(`certificates go to ${dir}`));
  const report = seen.find((n) => n.kind === 'run-report');
  t.ok(report && report.kind === 'run-report' && /run-[^/]*\.json$/.test(report.manifestPath) && fs.existsSync(report.manifestPath), 'run manifest as a notice');
  t.ok(report && report.kind === 'run-report' && report.pdfPath && report.pdfPath.endsWith('.pdf') && fs.existsSync(report.pdfPath), 'system report PDF as a notice');
  t.equal(logs.filter((l) => / printed on \/dev\/null$/.test(l)).length, 3, 'both certificates and the system report printed');
  t.equal(seen[seen.length - 1].kind, 'run-end', 'run-end after every certificate: the results screen has all paths');
});

t.test('start: a target that is not a block device rejects done, nothing written', async (t) => {
  const a = attachLoop(t, 4 * MiB, { fill: 0x66 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-tui-backend-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const seen: unknown[] = [];
  const h = startRun(io({ ERASEBOX_CERT_DIR: dir }), req([a.dev, a.file]), { event: (e) => seen.push(e), notice: (n) => n.kind !== 'log' && seen.push(n) });
  await t.rejects(h.done, /not a block device.*; nothing was written$/);
  t.same(seen, [], 'no engine event, no certificate');
  t.ok(backingBytes(a).every((x) => x === 0x66), 'the loop device is untouched');
});
