// Pure parts: method table, planning, verify modes, sample map, pattern labels and streams.
import t from 'tap';
import { createCipheriv } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { METHODS, findMethod } from '../../src/engine/methods';
import { buildPlan, parseVerifyMode, PlanError } from '../../src/engine/plan';
import { sampleMap, MIN_SAMPLES } from '../../src/engine/sample';
import { compilePattern, patternFromLabel, patternLabel, type PatternSpec } from '../../src/hw/block/pattern';
import { addon } from '../../src/hw/block/native';
import { mergeRanges } from '../../src/engine/disk';

let counter = 0;
const fakeRandom = (n: number): Buffer => Buffer.alloc(n, ++counter);

t.test('method table: required ids, unique, sane pass data', async (t) => {
  const ids = METHODS.map((m) => m.id);
  for (const id of ['nist-clear', 'zero', 'one', 'random', 'dod-3', 'dod-7', 'gutmann', 'bsi-vsitr', 'hmg-is5', 'rcmp-ops2', 'verify-zero', 'verify-one']) t.ok(ids.includes(id), id);
  t.equal(new Set(ids).size, ids.length, 'ids unique');
  t.equal(findMethod('gutmann')!.passes.length, 35);
  t.equal(findMethod('gutmann')!.passes.filter((p) => p.kind === 'random').length, 8);
  t.equal(findMethod('dod-7')!.passes.length, 7);
  t.same(findMethod('hmg-is5')!.passes.map((p) => p.kind), ['byte', 'byte', 'random']);
  t.equal(findMethod('verify-zero')!.passes.length, 0);
});

t.test('verify mode parsing', async (t) => {
  t.equal(parseVerifyMode('last'), 'last');
  t.equal(parseVerifyMode('sample:10'), 'sample:10');
  t.equal(parseVerifyMode('sample:0'), null);
  t.equal(parseVerifyMode('sample:101'), null);
  t.equal(parseVerifyMode('sample:'), null);
  t.equal(parseVerifyMode('full'), null);
});

t.test('planning: dod-3 complement, fresh seeds, rounds, blank, verify scopes', async (t) => {
  const p = buildPlan(findMethod('dod-3')!, { verify: 'last', rounds: 2, blank: true }, fakeRandom);
  t.equal(p.writes.length, 7);
  const [a, b] = p.writes.map((w) => w.pattern);
  t.equal(a.kind, 'constant');
  t.equal((b as { byte: number }).byte, ~(a as { byte: number }).byte & 0xff, 'second pass is the complement');
  const seeds = p.writes.filter((w) => w.pattern.kind === 'aes-ctr').map((w) => (w.pattern as { seed: string }).seed);
  t.equal(seeds.length, 2);
  t.not(seeds[0], seeds[1], 'every random pass has its own seed');
  t.same(p.writes[6].pattern, { kind: 'constant', byte: 0 }, 'blanking pass last');
  t.same(p.writes.map((w) => w.verify), ['none', 'none', 'none', 'none', 'none', 'none', 'full']);
  t.same(p.steps.map((s) => s.kind), ['write', 'write', 'write', 'write', 'write', 'write', 'write', 'verify']);
  const all = buildPlan(findMethod('hmg-is5')!, { verify: 'all', rounds: 1, blank: false }, fakeRandom);
  t.equal(all.steps.length, 6);
  const s = buildPlan(findMethod('zero')!, { verify: 'sample:5', rounds: 1, blank: false }, fakeRandom);
  t.same(s.steps, [{ kind: 'write', write: 1 }, { kind: 'verify', write: 1, scope: 'sample' }]);
  t.match(s.sampleSeed, /^[0-9a-f]{32}$/);
  const none = buildPlan(findMethod('zero')!, { verify: 'none', rounds: 1, blank: false }, fakeRandom);
  t.same(none.steps, [{ kind: 'write', write: 1 }]);
  t.throws(() => buildPlan(findMethod('verify-zero')!, { verify: 'none', rounds: 1, blank: false }, fakeRandom), PlanError);
  t.throws(() => buildPlan(findMethod('zero')!, { verify: 'last', rounds: 0, blank: false }, fakeRandom), PlanError);
  const vz = buildPlan(findMethod('verify-one')!, { verify: 'last', rounds: 1, blank: false }, fakeRandom);
  t.same(vz.check, { kind: 'constant', byte: 0xff });
});

t.test('sample map: >= 1000 blocks, spread over the disk, reproducible from the seed', async (t) => {
  const size = 10 * 2 ** 30;
  const seed = '00112233445566778899aabbccddeeff';
  const a = sampleMap(size, 1, seed);
  t.equal(a.length, Math.ceil((size / 65536) * 0.01));
  t.same(sampleMap(size, 1, seed), a, 'same seed, same map');
  t.notSame(sampleMap(size, 1, 'ff112233445566778899aabbccddeeff'), a, 'other seed, other map');
  const small = sampleMap(1 << 30, 0.1, seed);
  t.equal(small.length, MIN_SAMPLES, 'at least 1000');
  for (let i = 1; i < a.length; i++) if (a[i].offset <= a[i - 1].offset) t.fail('sorted and distinct');
  t.ok(a[0].offset < size / 100 && a[a.length - 1].offset > size - size / 100, 'covers both ends');
  t.equal(sampleMap(1 << 20, 1, seed).length, 16, 'tiny disk: every block');
});

t.test('pattern labels round-trip', async (t) => {
  const specs: PatternSpec[] = [{ kind: 'constant', byte: 0 }, { kind: 'constant', byte: 0xff }, { kind: 'repeat', bytes: [0x92, 0x49, 0x24] }, { kind: 'aes-ctr', seed: 'a'.repeat(32) }];
  for (const s of specs) t.same(patternFromLabel(patternLabel(s), s.kind === 'aes-ctr' ? s.seed : null), s, patternLabel(s));
  t.equal(patternFromLabel('random', null), null, 'random without seed is unusable');
});

t.test('native AES-CTR stream equals Node crypto at any offset', async (t) => {
  const seed = '000102030405060708090a0b0c0d0e0f';
  const key = Buffer.from(seed, 'hex');
  const whole = createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(3 << 20));
  const pat = compilePattern({ kind: 'aes-ctr', seed });
  for (const [off, len] of [[0, 3 << 20], [4096, 1 << 20], [1000003, 77777], [16, 16]]) {
    const buf = Buffer.alloc(len);
    addon().fill(buf, len, off, pat);
    t.ok(buf.equals(whole.subarray(off, off + len)), `offset ${off} length ${len}`);
  }
});

t.test('native AES-CTR stream equals openssl enc output', async (t) => {
  const seed = 'deadbeef00112233445566778899aabb';
  const want = execFileSync('sh', ['-c', `openssl enc -aes-128-ctr -K ${seed} -iv 00000000000000000000000000000000 -nosalt -in /dev/zero 2>/dev/null | head -c 1048576`], { maxBuffer: 4 << 20 });
  t.equal(want.length, 1 << 20);
  const buf = Buffer.alloc(want.length);
  addon().fill(buf, buf.length, 0, compilePattern({ kind: 'aes-ctr', seed }));
  t.ok(buf.equals(want));
});

t.test('repeating pattern phase follows the absolute device offset', async (t) => {
  const pat = compilePattern({ kind: 'repeat', bytes: [0x92, 0x49, 0x24] });
  const buf = Buffer.alloc(10);
  addon().fill(buf, 10, 4, pat); // offset 4: phase 1
  t.same([...buf], [0x49, 0x24, 0x92, 0x49, 0x24, 0x92, 0x49, 0x24, 0x92, 0x49]);
  const r = addon().compare(buf, 10, 4, pat, 4);
  t.same(r, { mismatches: 0, firstMismatch: -1 });
  buf[9] ^= 1;
  t.same(addon().compare(buf, 10, 4, pat, 4), { mismatches: 1, firstMismatch: 12 });
});

t.test('constant compare counts blocks and the first bad offset', async (t) => {
  const buf = Buffer.alloc(16384);
  const pat = compilePattern({ kind: 'constant', byte: 0 });
  buf[5000] = 1;
  buf[16383] = 2;
  t.same(addon().compare(buf, buf.length, 1 << 20, pat, 4096), { mismatches: 2, firstMismatch: (1 << 20) + 4096 });
});

t.test('BLAKE3 of a known input', async (t) => {
  const h = new (addon().Blake3)();
  h.update(Buffer.from('abc'));
  t.equal(h.digest(), '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85');
  const a = new (addon().Blake3)();
  await a.updateAsync(Buffer.from('ab'));
  await a.updateAsync(Buffer.from('c'));
  t.equal(a.digest(), h.digest(), 'streaming = one shot');
});

t.test('error ranges merge into LBA ranges', async (t) => {
  const r = mergeRanges([
    { op: 'write', offset: 4096, length: 512, code: 'EIO', retries: 1 },
    { op: 'write', offset: 4608, length: 512, code: 'EIO', retries: 1 },
    { op: 'write', offset: 8192, length: 512, code: 'EIO', retries: 1 },
  ], 512);
  t.same(r.map((x) => [x.firstLba, x.lastLba]), [[8, 9], [16, 16]]);
});
