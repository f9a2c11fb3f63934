// Health verdict for the certificate: SMART's verdict, made worse (never better) by what the
// erase itself saw: I/O errors, retries and slow zones in the speed profile.
import type { SmartBrief, SmartVerdict } from '../hw/types';
import type { ErrorRange, PassRecord } from '../engine/result';
import type { SlowZone } from './model';

/** A 1% bucket is slow when its mean throughput is below this fraction of the pass's median. */
export const SLOW_ZONE_THRESHOLD = 0.5;
/** Passes with fewer measured buckets than this are too short to judge. */
const MIN_BUCKETS = 20;
/**
 * A pass whose typical 1% takes less than this is too fast to judge: a scheduler stall of a few
 * tens of milliseconds would halve such a bucket's rate (a 64 MiB RAM-backed disk takes 0.2 ms per
 * 1%). Real drives take seconds to minutes per 1%, far above it.
 */
export const MIN_BUCKET_SECONDS = 0.1;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Finds runs of slow 1% buckets per pass. Buckets with mean 0 were not reached (aborted) and are ignored. */
export function findSlowZones(passes: PassRecord[], sizeBytes: number, sectorSize: number, threshold = SLOW_ZONE_THRESHOLD): SlowZone[] {
  const zones: SlowZone[] = [];
  const n = 100;
  const lbaOf = (byte: number): number => Math.floor(byte / sectorSize);
  for (const p of passes) {
    const measured = p.speedProfile.filter((b) => b.mean > 0).map((b) => b.mean);
    if (measured.length < MIN_BUCKETS) continue;
    const med = median(measured);
    if (sizeBytes / 100 / med < MIN_BUCKET_SECONDS) continue;
    let start = -1;
    let low = Infinity;
    const close = (end: number): void => {
      zones.push({
        pass: p.index,
        firstPercent: start,
        lastPercent: end,
        firstLba: lbaOf(Math.floor((start * sizeBytes) / n)),
        lastLba: Math.max(lbaOf(Math.floor(((end + 1) * sizeBytes) / n)) - 1, lbaOf(Math.floor((start * sizeBytes) / n))),
        meanBytesPerSec: Math.round(low),
        medianBytesPerSec: Math.round(med),
      });
      start = -1;
      low = Infinity;
    };
    p.speedProfile.forEach((b, i) => {
      const slow = b.mean > 0 && b.mean < threshold * med;
      if (slow) {
        if (start < 0) start = i;
        low = Math.min(low, b.mean);
      } else if (start >= 0) close(i - 1);
    });
    if (start >= 0) close(p.speedProfile.length - 1);
  }
  return zones;
}

const RANK: Record<SmartVerdict, number> = { unavailable: 0, reuse: 1, 'reuse-with-caution': 2, destroy: 3 };

export function healthVerdict(smart: SmartBrief | null, errors: ErrorRange[], ioRetries: number, slow: SlowZone[]): { verdict: SmartVerdict; reasons: string[] } {
  let verdict: SmartVerdict = smart ? smart.verdict : 'unavailable';
  const reasons: string[] = smart ? smart.reasons.map((r) => `SMART: ${r}`) : ['SMART not available'];
  const worsen = (v: SmartVerdict, reason: string): void => {
    if (RANK[v] > RANK[verdict]) verdict = v;
    reasons.push(reason);
  };
  for (const e of errors) {
    const what = `${e.op} error ${e.code} at LBA ${e.firstLba}-${e.lastLba} after ${e.retries} retries`;
    worsen(e.op === 'write' ? 'destroy' : 'reuse-with-caution', what);
  }
  if (ioRetries > 0 && errors.length === 0) worsen('reuse-with-caution', `${ioRetries} I/O retries succeeded`);
  for (const z of slow) {
    const pct = Math.round((100 * z.meanBytesPerSec) / Math.max(1, z.medianBytesPerSec));
    worsen('reuse-with-caution', `slow zone in pass ${z.pass}: LBA ${z.firstLba}-${z.lastLba} at ${pct}% of median speed`);
  }
  // No SMART and nothing wrong seen: the erase itself is the only evidence, which is a reuse.
  if (verdict === 'unavailable' && errors.length === 0) verdict = slow.length ? 'reuse-with-caution' : 'reuse';
  return { verdict, reasons };
}
