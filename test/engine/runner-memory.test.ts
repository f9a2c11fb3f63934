// The whole pipeline on in-memory devices (the null-engine idea): no root, no disks.
import t from 'tap';
import { createCipheriv } from 'node:crypto';
import { createRunWipe } from '../../src/engine/runner';
import { MemoryBlockDevice } from '../../src/hw/block/memory';
import { SimulatedFaultDevice } from '../../src/hw/block/fault';
import type { BlockDevice } from '../../src/hw/block/types';
import type { EngineEvent } from '../../src/engine/events';
import type { WipeRequest } from '../../src/engine/api';

const MiB = 1 << 20;
const req = (devices: string[], methodId: string, extra: Partial<WipeRequest> = {}): WipeRequest => ({ devices, methodId, verify: 'last', rounds: 1, blank: false, ...extra });
const fast = { chunkBytes: 256 * 1024, retryDelayMs: 1 };

function runner(devs: Map<string, BlockDevice>) {
  return createRunWipe({ open: (p) => devs.get(p)!, tuning: fast, progressIntervalMs: 5 });
}

t.test('zero on a memory device: every byte 0x00, erased, digest of read-back', async (t) => {
  const d = new MemoryBlockDevice('mem0', 3 * MiB + 4096, { fill: 0xa5 });
  const events: EngineEvent[] = [];
  const [r] = await runner(new Map([['mem0', d]]))(req(['mem0'], 'zero'), (e) => events.push(e), new AbortController().signal);
  t.equal(r.outcome, 'erased');
  t.ok(d.bytes.every((x) => x === 0), 'device holds zeros');
  t.equal(r.passes.length, 1);
  t.equal(r.passes[0].bytesWritten, d.info.sizeBytes);
  t.equal(r.passes[0].bytesRead, d.info.sizeBytes);
  t.equal(r.passes[0].digestOf, 'read-back');
  t.equal(r.verification.result, 'passed');
  t.same(r.passes[0].speedProfile, [], 'a 3 MiB disk is too small for a per-1% speed profile (fewer than two requests per 1%)');
  t.same(events.map((e) => e.kind).filter((k) => k !== 'progress' && k !== 'io-error'), ['run-start', 'disk-start', 'pass-start', 'pass-end', 'pass-start', 'pass-end', 'disk-end', 'run-end']);
});

t.test('random pass: device bytes equal Node AES-128-CTR from the recorded seed', async (t) => {
  const d = new MemoryBlockDevice('mem0', 2 * MiB);
  const [r] = await runner(new Map([['mem0', d]]))(req(['mem0'], 'random'), () => {}, new AbortController().signal);
  t.equal(r.outcome, 'erased');
  const seed = r.passes[0].seed!;
  t.equal(r.verification.seed, seed);
  const expected = createCipheriv('aes-128-ctr', Buffer.from(seed, 'hex'), Buffer.alloc(16)).update(Buffer.alloc(d.info.sizeBytes));
  t.ok(d.bytes.equals(expected), 'bytes regenerate from the seed');
});

t.test('unverified constant pass: no digest (the pattern defines every byte)', async (t) => {
  const d = new MemoryBlockDevice('mem0', 1 * MiB, { fill: 1 });
  const [r] = await runner(new Map([['mem0', d]]))(req(['mem0'], 'one', { verify: 'none' }), () => {}, new AbortController().signal);
  t.equal(r.outcome, 'erased');
  t.equal(r.passes[0].digestOf, null);
  t.equal(r.passes[0].digest, null);
  t.equal(r.passes[0].verified, false);
  t.equal(r.verification.result, 'not-run');
  t.ok(d.bytes.every((x) => x === 0xff));
});

t.test('planted byte between write and verify: failed with mismatches', async (t) => {
  const d = new MemoryBlockDevice('mem0', 2 * MiB);
  d.onWrite = (off, len) => {
    if (off <= 1_000_000 && off + len > 1_000_000) d.bytes[1_000_000] = 0x42; // after the write landed
  };
  const [r] = await runner(new Map([['mem0', d]]))(req(['mem0'], 'zero'), () => {}, new AbortController().signal);
  t.equal(r.outcome, 'failed');
  t.equal(r.verification.result, 'failed');
  t.equal(r.verification.mismatchedBlocks, 1);
  t.equal(r.passes[0].mismatches, 1);
});

t.test('simulated write error: failed with the LBA range, the sibling disk erased', async (t) => {
  const bad = new SimulatedFaultDevice(new MemoryBlockDevice('bad', 2 * MiB, { fill: 7 }), [{ op: 'both', start: 1 * MiB, end: 1 * MiB + 8192 }]);
  const good = new MemoryBlockDevice('good', 2 * MiB, { fill: 7 });
  const events: EngineEvent[] = [];
  const res = await runner(new Map<string, BlockDevice>([['bad', bad], ['good', good]]))(req(['bad', 'good'], 'zero'), (e) => events.push(e), new AbortController().signal);
  const [rb, rg] = res;
  t.equal(rg.outcome, 'erased');
  t.ok(good.bytes.every((x) => x === 0));
  t.equal(rb.outcome, 'failed');
  const w = rb.errors.filter((e) => e.op === 'write');
  t.same(w.map((e) => [e.firstLba, e.lastLba, e.code]), [[2048, 2063, 'EIO']]);
  t.ok(events.some((e) => e.kind === 'io-error' && e.retry > 0), 'retried before giving up');
  // everything outside the bad range was still written
  const inner = (bad as unknown as { inner: MemoryBlockDevice }).inner;
  t.ok(inner.bytes.subarray(0, MiB).every((x) => x === 0));
  t.ok(inner.bytes.subarray(MiB + 8192).every((x) => x === 0));
});

t.test('abort: every disk ends aborted', async (t) => {
  const ac = new AbortController();
  const a = new MemoryBlockDevice('a', 8 * MiB);
  const b = new MemoryBlockDevice('b', 8 * MiB);
  let n = 0;
  a.onWrite = () => {
    if (++n === 3) ac.abort();
  };
  const res = await runner(new Map([['a', a], ['b', b]]))(req(['a', 'b'], 'gutmann'), () => {}, ac.signal);
  t.same(res.map((r) => r.outcome), ['aborted', 'aborted']);
});

t.test('gutmann: 35 passes, the last random pass verified', async (t) => {
  const d = new MemoryBlockDevice('g', 256 * 1024);
  const [r] = await runner(new Map([['g', d]]))(req(['g'], 'gutmann'), () => {}, new AbortController().signal);
  t.equal(r.outcome, 'erased');
  t.equal(r.passes.length, 35);
  t.same(r.passes.map((p) => p.verified), [...Array(34).fill(false), true]);
  t.equal(r.passes[6].pattern, '0x92 0x49 0x24');
});

t.test('sample verify on a memory device uses the recorded sample seed', async (t) => {
  const d = new MemoryBlockDevice('s', 128 * MiB);
  const [r] = await runner(new Map([['s', d]]))(req(['s'], 'zero', { verify: 'sample:1' }), () => {}, new AbortController().signal);
  t.equal(r.outcome, 'erased');
  t.equal(r.verification.sampledBlocks, 1000);
  t.match(r.verification.sampleSeed, /^[0-9a-f]{32}$/);
  t.equal(r.passes[0].bytesRead, 1000 * 65536);
});

t.test('reused buffers: repeating pattern at rotating phases, a failed chunk in between: every byte right', async (t) => {
  const { runPass, chunks } = await import('../../src/engine/pass');
  const { BufferPool } = await import('../../src/engine/pool');
  const { compilePattern } = await import('../../src/hw/block/pattern');
  const K64 = 64 * 1024;
  const inner = new MemoryBlockDevice('m', 40 * K64 + 4096, { fill: 0x11 });
  const dev = new SimulatedFaultDevice(inner, [{ op: 'write', start: K64 + 100, end: K64 + 612 }]);
  const pat = [0x92, 0x49, 0x24];
  // 64 KiB mod 3 = 1: the phase moves with every chunk; 2 or 4 buffers never meet the same phase in turn.
  for (const [pattern, buffers] of [[compilePattern({ kind: 'repeat', bytes: pat }), 2], [compilePattern({ kind: 'repeat', bytes: pat }), 4], [compilePattern({ kind: 'constant', byte: 0x5c }), 3]] as const) {
    inner.bytes.fill(0x11);
    const out = await runPass(
      { device: dev, pool: new BufferPool((n) => Buffer.alloc(n), K64, buffers), signal: new AbortController().signal, retries: 0, retryDelayMs: 1, syncEveryBytes: Infinity, onProgress: () => {}, onIoError: () => {} },
      { mode: 'write', extents: chunks(inner.info.sizeBytes, K64), total: inner.info.sizeBytes, pattern, blockSize: 4096, hash: false },
    );
    t.same(out.failed.map((f) => [f.offset, f.length]), [[K64, 512], [K64 + 512, 512]], 'only the two failing sectors');
    let wrong = 0;
    for (let i = 0; i < inner.bytes.length; i++) {
      const inBad = i >= K64 && i < K64 + 1024;
      const want = inBad ? 0x11 : pattern.kind === 1 ? pat[i % 3] : 0x5c;
      if (inner.bytes[i] !== want) wrong++;
    }
    t.equal(wrong, 0, `kind ${pattern.kind}: every byte is the pattern at its device offset, the failed sectors untouched`);
  }
});
