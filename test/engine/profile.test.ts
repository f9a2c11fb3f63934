// The speed profile: exact means, bounded min/max when completions land together, and no profile
// for a pass too small to resolve 1% of the disk.
import t from 'tap';
import { SpeedProfile, MIN_REQUESTS_PER_BUCKET } from '../../src/engine/profile';

const MiB = 1 << 20;

t.test('two requests completing together do not make an absurd maximum', async (t) => {
  const total = 1000 * MiB;
  const p = new SpeedProfile(total, 4 * MiB);
  // 100 MB/s steady with queue depth 2: completions come in pairs, 80 ms apart, 0.01 ms inside a pair.
  for (let pos = 0; pos < total; pos += 8 * MiB) {
    p.add(pos, 4 * MiB, 0.08);
    p.add(pos + 4 * MiB, 4 * MiB, 0.00001);
  }
  const b = p.buckets();
  t.equal(b.length, 100);
  const rate = (8 * MiB) / 0.08;
  for (const x of b.slice(5)) {
    // 2.5 requests per bucket, completing in pairs: a bucket holds one pair gap or two, so its mean
    // is within about a quarter of the throughput; far from the 0.5x that marks a slow zone.
    t.ok(Math.abs(x.mean - rate) / rate < 0.3, `mean ${x.mean} is near the throughput ${rate}`);
    t.ok(x.max < rate * 1.6, `max ${x.max} stays near the throughput, not ${Math.round((4 * MiB) / 0.00001)}`);
    t.ok(x.min > rate * 0.6, `min ${x.min} stays near the throughput`);
  }
});

t.test('a pass with fewer than two requests per 1% records no profile', async (t) => {
  const small = new SpeedProfile(16 * MiB, 4 * MiB);
  t.notOk(small.resolved);
  for (let pos = 0; pos < 16 * MiB; pos += 4 * MiB) small.add(pos, 4 * MiB, 0.01);
  t.same(small.buckets(), []);
  const enough = new SpeedProfile(100 * MIN_REQUESTS_PER_BUCKET * 64 * 1024, 64 * 1024);
  t.ok(enough.resolved);
});

t.test('a slow region shows in the means of its buckets only', async (t) => {
  const total = 400 * MiB;
  const p = new SpeedProfile(total, MiB);
  for (let pos = 0; pos < total; pos += MiB) p.add(pos, MiB, pos >= 200 * MiB && pos < 240 * MiB ? 0.1 : 0.01);
  const b = p.buckets();
  t.ok(b.slice(50, 60).every((x) => x.mean < 15e6), 'buckets 50..59 slow');
  t.ok(b.slice(0, 50).every((x) => x.mean > 90e6) && b.slice(60).every((x) => x.mean > 90e6), 'the others fast');
});
