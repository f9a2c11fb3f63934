// Slow zones from the speed profile, the health verdict, and the erased-consistency guard.
import t from 'tap';
import { findSlowZones, healthVerdict, MIN_BUCKET_SECONDS, SLOW_ZONE_THRESHOLD } from '../../src/cert/health';
import { buildCertificate } from '../../src/cert/build';
import { emptyConfig } from '../../src/cert/config';
import { fixtureInput, fixtureResult, SIZE } from './fixtures';

const ctx = { id: '00000000-0000-4000-8000-000000000000', issuedAt: '2026-05-04T12:00:00.000Z', config: emptyConfig(), lang: 'en' as const };

t.test('an injected slow region is listed with its LBA range', async (t) => {
  const r = fixtureResult({ slowZone: true });
  const zones = findSlowZones(r.passes, SIZE, 512);
  t.equal(zones.length, 1);
  const z = zones[0];
  t.equal(z.pass, 2);
  t.equal(z.firstPercent, 62);
  t.equal(z.lastPercent, 64);
  t.equal(z.firstLba, Math.floor(Math.floor((62 * SIZE) / 100) / 512));
  t.equal(z.lastLba, Math.floor(Math.floor((65 * SIZE) / 100) / 512) - 1);
  t.ok(z.meanBytesPerSec < SLOW_ZONE_THRESHOLD * z.medianBytesPerSec);
  t.same(findSlowZones(fixtureResult().passes, SIZE, 512), [], 'a normal HDD slope is no slow zone');
});

t.test('unreached buckets of an aborted pass are not slow', async (t) => {
  const r = fixtureResult({ outcome: 'aborted' });
  t.same(findSlowZones(r.passes, SIZE, 512), []);
});

t.test('verdict: worst of SMART and what the erase saw', async (t) => {
  t.equal(healthVerdict(null, [], 0, []).verdict, 'reuse');
  t.equal(healthVerdict({ verdict: 'reuse', reasons: [], powerOnHours: 1, temperatureC: 30 }, [], 2, []).verdict, 'reuse-with-caution');
  const zones = findSlowZones(fixtureResult({ slowZone: true }).passes, SIZE, 512);
  const v = healthVerdict({ verdict: 'reuse', reasons: [], powerOnHours: 1, temperatureC: 30 }, [], 0, zones);
  t.equal(v.verdict, 'reuse-with-caution');
  t.match(v.reasons.join('\n'), new RegExp(`slow zone in pass 2: LBA ${zones[0].firstLba}-${zones[0].lastLba}`));
  t.equal(healthVerdict({ verdict: 'reuse', reasons: [], powerOnHours: 1, temperatureC: 30 }, [{ op: 'write', firstLba: 1, lastLba: 2, code: 'EIO', retries: 3 }], 3, []).verdict, 'destroy');
  t.equal(healthVerdict({ verdict: 'destroy', reasons: ['pending sectors'], powerOnHours: 1, temperatureC: 30 }, [], 0, zones).verdict, 'destroy', 'never better than SMART');
});

t.test('certificate carries slow zones, verdict and App. G fields', async (t) => {
  const c = buildCertificate(fixtureInput({ slowZone: true }), ctx);
  t.equal(c.slowZones.length, 1);
  t.equal(c.health.verdict, 'reuse-with-caution');
  t.equal(c.appendixG.sanitization.methodType, 'Clear');
  t.equal(c.appendixG.sanitization.methodUsed, 'Overwrite');
  t.equal(c.appendixG.sanitization.verificationMethod, 'Full');
  t.equal(c.appendixG.media.type, 'magnetic');
  t.equal(c.appendixG.media.propertyNumber, 'INV-2026-00417');
  const sampled = fixtureInput();
  sampled.result.verification.mode = 'sample:5';
  t.equal(buildCertificate(sampled, ctx).appendixG.sanitization.verificationMethod, 'Quick Sampling');
});

t.test('"erased" is refused when the evidence disagrees', async (t) => {
  const input = fixtureInput();
  input.result.passes[1].bytesWritten -= 4096;
  const c = buildCertificate(input, ctx);
  t.equal(c.result, 'failed');
  t.match(c.reason, /pass 2 wrote fewer bytes/);
  const v = fixtureInput();
  v.result.verification.mismatchedBlocks = 3;
  t.equal(buildCertificate(v, ctx).result, 'failed');
  t.equal(buildCertificate(fixtureInput(), ctx).result, 'erased');
  t.equal(buildCertificate(fixtureInput({ outcome: 'aborted' }), ctx).result, 'aborted');
});

t.test('a pass too fast to judge (each 1% under MIN_BUCKET_SECONDS) lists no slow zone, however deep the dip', async (t) => {
  const r = fixtureResult({ slowZone: true });
  t.equal(findSlowZones(r.passes, SIZE, 512).length, 1, 'the fixture disk is slow enough to judge');
  // The same profile shape on a disk so small that its median 1% takes a tenth of the floor.
  const median = [...r.passes[1].speedProfile.map((b) => b.mean)].sort((a, b) => a - b)[50];
  const tiny = Math.floor((median * MIN_BUCKET_SECONDS * 100) / 10);
  t.same(findSlowZones(r.passes, tiny, 512), []);
});
