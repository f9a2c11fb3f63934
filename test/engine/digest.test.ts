// The parallel BLAKE3 digest (subtree CVs on the thread pool, pushed in order) must be
// byte-identical to the serial hasher and to b3sum on the same bytes, for every size and order.
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { addon } from '../../src/hw/block/native';
import { StreamDigest, isSubtree } from '../../src/hw/block/hash';
import { createRunWipe } from '../../src/engine/runner';
import { MemoryBlockDevice } from '../../src/hw/block/memory';
import { runPass, chunks } from '../../src/engine/pass';
import { BufferPool } from '../../src/engine/pool';
import { compilePattern } from '../../src/hw/block/pattern';
import { sampleMap } from '../../src/engine/sample';

const KiB = 1024;
const MiB = 1 << 20;
const haveB3sum = spawnSync('b3sum', ['--version']).status === 0;
const b3sum = (buf: Buffer): string => execFileSync('b3sum', ['--no-names'], { input: buf, maxBuffer: 1 << 20 }).toString().trim();
const serial = (buf: Buffer): string => {
  const h = new (addon().Blake3)();
  h.update(buf);
  return h.digest();
};

/** Feeds buf in pieces: every subtree's CVs are computed first, in REVERSE order, then all commits in order. */
async function parallel(buf: Buffer, pieces: number[]): Promise<{ digest: string; subtrees: number }> {
  const d = new StreamDigest();
  const spans: { at: number; len: number }[] = [];
  for (let at = 0, i = 0; at < buf.length; i++) {
    const len = Math.min(pieces[Math.min(i, pieces.length - 1)], buf.length - at);
    spans.push({ at, len });
    at += len;
  }
  const cvs = new Array<Promise<Buffer | null>>(spans.length);
  for (let i = spans.length - 1; i >= 0; i--) cvs[i] = d.prepare(buf.subarray(spans[i].at), spans[i].len, spans[i].at);
  const got = await Promise.all(cvs);
  for (let i = 0; i < spans.length; i++) await d.commit(buf.subarray(spans[i].at), spans[i].len, spans[i].at, got[i]);
  return { digest: d.digest(), subtrees: got.filter(Boolean).length };
}

t.test('subtree eligibility', async (t) => {
  t.ok(isSubtree(0, 4 * MiB));
  t.ok(isSubtree(8 * MiB, 4 * MiB));
  t.ok(isSubtree(64 * KiB, 64 * KiB));
  t.notOk(isSubtree(0, KiB), 'one chunk is never a subtree');
  t.notOk(isSubtree(2 * MiB, 4 * MiB), 'position not a multiple of the length');
  t.notOk(isSubtree(0, 3 * MiB), 'not a power of two');
  t.notOk(isSubtree(0, 4 * MiB + 1));
  t.throws(() => addon().b3Subtree(Buffer.alloc(3 * KiB), 3 * KiB, 0), /2\^k chunks/);
});

const sizes = [0, 1, 1023, 1024, 1025, 4 * MiB - 1, 4 * MiB, 4 * MiB + 1, 13 * MiB + 7, 32 * MiB + 3];
for (const size of sizes) {
  t.test(`${size} bytes in 4 MiB pieces, hashed out of order: = serial hasher = b3sum`, async (t) => {
    const buf = randomBytes(size);
    const want = serial(buf);
    const got = await parallel(buf, [4 * MiB]);
    t.equal(got.digest, want, 'parallel = serial');
    t.equal(got.subtrees, Math.floor(size / (4 * MiB)), 'every whole 4 MiB piece went through the subtree path');
    if (haveB3sum) t.equal(want, b3sum(buf), 'serial = b3sum');
    else t.skip('b3sum not installed (apt-get install b3sum)');
  });
}

t.test('mixed pieces: serial ones, a pending full chunk, then aligned subtrees of several sizes', async (t) => {
  const buf = randomBytes(3 * MiB + 3 * KiB + 11);
  // 1 KiB + 1 KiB leave a full chunk pending at 2 KiB; the 2 KiB subtree there must flush it first.
  // 3 bytes break the alignment, so the later pieces fall back to in-order updates.
  const pieces = [KiB, KiB, 2 * KiB, 4 * KiB, 8 * KiB, 16 * KiB, 32 * KiB, 64 * KiB, 128 * KiB, 256 * KiB, 512 * KiB, MiB, 3, 64 * KiB];
  const got = await parallel(buf, pieces);
  t.equal(got.digest, serial(buf));
  t.ok(got.subtrees >= 10, `${got.subtrees} subtrees`);
  if (haveB3sum) t.equal(got.digest, b3sum(buf), '= b3sum');
});

t.test('commit out of order is refused, not silently wrong', async (t) => {
  const buf = randomBytes(8 * MiB);
  const d = new StreamDigest();
  const cv1 = await d.prepare(buf.subarray(4 * MiB), 4 * MiB, 4 * MiB);
  await t.rejects(d.commit(buf.subarray(4 * MiB), 4 * MiB, 4 * MiB, cv1), /out of order/);
  t.equal(d.digest(), serial(Buffer.alloc(0)), 'the hasher is unchanged');
});

t.test('pipeline digests: read-back of a full pass and of sampled blocks, written stream of a random pass', async (t) => {
  const size = 24 * MiB + 64 * KiB;
  const dev = new MemoryBlockDevice('mem', size);
  const seedHex = '000102030405060708090a0b0c0d0e0f';
  const pattern = compilePattern({ kind: 'aes-ctr', seed: seedHex });
  const ctx = { device: dev, pool: new BufferPool((n) => Buffer.alloc(n), 4 * MiB, 4), signal: new AbortController().signal, retries: 0, retryDelayMs: 1, syncEveryBytes: Infinity, onProgress: () => {}, onIoError: () => {} };
  const w = await runPass(ctx, { mode: 'write', extents: chunks(size, 4 * MiB), total: size, pattern, blockSize: 4096, hash: true });
  t.equal(w.digest, serial(dev.bytes), 'written-stream digest = BLAKE3 of the device bytes');
  const r = await runPass(ctx, { mode: 'read', extents: chunks(size, 4 * MiB), total: size, pattern, blockSize: 4096, hash: true });
  t.equal(r.mismatches, 0);
  t.equal(r.digest, w.digest, 'read-back digest = written digest');
  if (haveB3sum) t.equal(r.digest, b3sum(dev.bytes), '= b3sum of the device');
  const sample = sampleMap(size, 1, 'ffeeddccbbaa99887766554433221100');
  const s = await runPass(ctx, { mode: 'read', extents: sample, total: sample.reduce((a, e) => a + e.length, 0), pattern, blockSize: 4096, hash: true });
  const concat = Buffer.concat(sample.map((e) => dev.bytes.subarray(e.offset, e.offset + e.length)));
  t.equal(s.digest, serial(concat), 'sampled read-back digest = BLAKE3 of the sampled blocks in map order');
});

t.test('which passes carry a digest', async (t) => {
  const run = createRunWipe({ open: (p) => devs.get(p)!, tuning: { chunkBytes: 256 * KiB, retryDelayMs: 1 }, progressIntervalMs: 5 });
  const devs = new Map([['a', new MemoryBlockDevice('a', 2 * MiB, { fill: 1 })], ['b', new MemoryBlockDevice('b', 2 * MiB, { fill: 1 })], ['c', new MemoryBlockDevice('c', 2 * MiB, { fill: 1 })]]);
  const sig = new AbortController().signal;
  const [one] = await run({ devices: ['a'], methodId: 'one', verify: 'none', rounds: 1, blank: false }, () => {}, sig);
  t.equal(one.outcome, 'erased');
  t.same([one.passes[0].digest, one.passes[0].digestOf], [null, null], 'unverified constant pass: the label defines every byte, no digest');
  const [rnd] = await run({ devices: ['b'], methodId: 'random', verify: 'none', rounds: 1, blank: false }, () => {}, sig);
  t.equal(rnd.passes[0].digestOf, 'written');
  t.equal(rnd.passes[0].digest, serial(devs.get('b')!.bytes), 'unverified random pass: digest of the written stream');
  const [h] = await run({ devices: ['c'], methodId: 'hmg-is5', verify: 'all', rounds: 1, blank: false }, () => {}, sig);
  t.equal(h.outcome, 'erased');
  t.same(h.passes.map((p) => p.digestOf), ['read-back', 'read-back', 'read-back'], 'verified passes: digest of the read-back');
  t.equal(h.passes[2].digest, serial(devs.get('c')!.bytes));
  t.equal(h.verification.digest, h.passes[2].digest);
});
