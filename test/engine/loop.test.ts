// The engine on real loop devices (root): the bytes on the device after each method family,
// verification catching a planted byte, a simulated write error next to a healthy disk.
import t from 'tap';
import * as fs from 'node:fs';
import { createCipheriv } from 'node:crypto';
import { attachLoop, canUseLoop, ownLoop, backingBytes } from '../helpers/loop';
import { createRunWipe } from '../../src/engine/runner';
import { DirectBlockDevice } from '../../src/hw/block/direct';
import { SimulatedFaultDevice } from '../../src/hw/block/fault';
import type { BlockDevice } from '../../src/hw/block/types';
import type { WipeRequest } from '../../src/engine/api';
import { runPass, chunks } from '../../src/engine/pass';
import { BufferPool } from '../../src/engine/pool';
import { compilePattern } from '../../src/hw/block/pattern';

if (!canUseLoop()) {
  t.plan(0, 'needs root and loop devices');
  process.exit(0);
}

const MiB = 1 << 20;
const signal = new AbortController().signal;
const req = (devices: string[], methodId: string, extra: Partial<WipeRequest> = {}): WipeRequest => ({ devices, methodId, verify: 'last', rounds: 1, blank: false, ...extra });
const direct = createRunWipe({ open: (p, o) => DirectBlockDevice.open(ownLoop(p), o), tuning: { chunkBytes: MiB, retryDelayMs: 1 } });

t.test('zero and one: every byte on the device', async (t) => {
  const loop = attachLoop(t, 16 * MiB, { fill: 0x5a });
  let [r] = await direct(req([loop.dev], 'zero'), () => {}, signal);
  t.equal(r.outcome, 'erased');
  t.equal(r.sizeBytes, 16 * MiB, 'size from BLKGETSIZE64');
  t.equal(r.logicalSectorSize, 512);
  t.ok(backingBytes(loop).every((x) => x === 0), 'all 0x00');
  [r] = await direct(req([loop.dev], 'one'), () => {}, signal);
  t.equal(r.outcome, 'erased');
  t.ok(backingBytes(loop).every((x) => x === 0xff), 'all 0xFF');
});

t.test('random: the device holds the AES-128-CTR stream of the recorded seed', async (t) => {
  const loop = attachLoop(t, 8 * MiB, { fill: 0 });
  const [r] = await direct(req([loop.dev], 'nist-clear'), () => {}, signal);
  t.equal(r.outcome, 'erased');
  t.equal(r.verification.result, 'passed');
  const expect = createCipheriv('aes-128-ctr', Buffer.from(r.verification.seed!, 'hex'), Buffer.alloc(16)).update(Buffer.alloc(8 * MiB));
  t.ok(backingBytes(loop).equals(expect), 'regenerated stream equals device bytes');
});

t.test('gutmann with --verify all: every pass read back, multi-byte phase on the device', async (t) => {
  const loop = attachLoop(t, 2 * MiB + 512 * 3, { fill: 0x11 });
  const [r] = await direct(req([loop.dev], 'gutmann', { verify: 'all' }), () => {}, signal);
  t.equal(r.outcome, 'erased');
  t.equal(r.passes.length, 35);
  t.ok(r.passes.every((p) => p.verified && p.mismatches === 0 && p.bytesRead === r.sizeBytes));
  // A 3-byte pattern written alone: phase follows the absolute offset across chunk boundaries.
  const dev = DirectBlockDevice.open(ownLoop(loop.dev), { writable: true });
  try {
    const out = await runPass(
      { device: dev, pool: new BufferPool((n) => dev.allocBuffer(n), 64 * 1024, 3), signal, retries: 0, retryDelayMs: 1, syncEveryBytes: MiB, onProgress: () => {}, onIoError: () => {} },
      { mode: 'write', extents: chunks(dev.info.sizeBytes, 64 * 1024), total: dev.info.sizeBytes, pattern: compilePattern({ kind: 'repeat', bytes: [0x92, 0x49, 0x24] }), blockSize: 4096, hash: true },
    );
    t.equal(out.bytes, dev.info.sizeBytes);
  } finally {
    await dev.close();
  }
  const bytes = backingBytes(loop);
  const p = [0x92, 0x49, 0x24];
  let bad = -1;
  for (let i = 0; i < bytes.length && bad < 0; i++) if (bytes[i] !== p[i % 3]) bad = i;
  t.equal(bad, -1, 'every byte i is pattern[i mod 3]');
});

t.test('verify-zero catches a planted byte', async (t) => {
  const loop = attachLoop(t, 4 * MiB, { fill: 0 });
  const fd = fs.openSync(loop.file, 'r+');
  fs.writeSync(fd, Buffer.of(0x01), 0, 1, 3 * MiB + 7);
  fs.closeSync(fd);
  const [r] = await direct(req([loop.dev], 'verify-zero'), () => {}, signal);
  t.equal(r.outcome, 'failed');
  t.equal(r.verification.mismatchedBlocks, 1);
  t.equal(r.passes[0].kind, 'verify');
  t.equal(r.passes[0].bytesWritten, 0);
  t.ok(backingBytes(loop).subarray(0, 3 * MiB).every((x) => x === 0), 'nothing written');
});

t.test('simulated write error on one loop disk: failed with its LBA range; the other loop erased', async (t) => {
  const a = attachLoop(t, 8 * MiB, { fill: 0x77 });
  const b = attachLoop(t, 8 * MiB, { fill: 0x77 });
  const start = 5 * MiB + 4096;
  const run = createRunWipe({
    open: (p, o): BlockDevice => {
      const d = DirectBlockDevice.open(ownLoop(p), o);
      return p === a.dev ? new SimulatedFaultDevice(d, [{ op: 'write', start, end: start + 1024 }]) : d;
    },
    tuning: { chunkBytes: MiB, retryDelayMs: 1 },
  });
  const [ra, rb] = await run(req([a.dev, b.dev], 'zero'), () => {}, signal);
  t.equal(rb.outcome, 'erased');
  t.ok(backingBytes(b).every((x) => x === 0));
  t.equal(ra.outcome, 'failed');
  t.same(ra.errors.map((e) => [e.op, e.firstLba, e.lastLba]), [['write', start / 512, start / 512 + 1]]);
  const bytes = backingBytes(a);
  t.ok(bytes.subarray(0, start).every((x) => x === 0) && bytes.subarray(start + 1024).every((x) => x === 0), 'all else written');
  t.ok(bytes.subarray(start, start + 1024).every((x) => x === 0x77), 'the failing sectors kept their old bytes');
});

t.test('opening a non-block path is refused and creates nothing', async (t) => {
  const p = '/dev/shm/erasebox-not-there-' + process.pid;
  t.throws(() => DirectBlockDevice.open(p, { writable: true }), { code: 'ENOENT' });
  t.notOk(fs.existsSync(p));
  fs.writeFileSync(p, 'x');
  t.teardown(() => fs.rmSync(p, { force: true }));
  t.throws(() => DirectBlockDevice.open(p, { writable: true }), { code: 'ENOTBLK' });
  t.equal(fs.readFileSync(p, 'utf8'), 'x');
});
