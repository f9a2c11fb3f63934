// Per-pass speed profile: the throughput of each 1% of the pass (100 buckets), min/mean/max.
// O(1) memory whatever the disk size.
//
// With several requests in flight, two completions can land microseconds apart, so the gap since
// the previous completion is no rate at all. The mean of a bucket is bytes over the sum of gaps (it
// telescopes to wall time, so it is exact); min and max use the rate over the last WINDOW
// completions, which spans at least one full request time. A bucket holding fewer than
// MIN_REQUESTS_PER_BUCKET requests says nothing about that 1% of the disk: such a pass records no
// profile (an empty array) rather than noise that would look like slow zones.

export interface Bucket {
  min: number;
  mean: number;
  max: number;
}

const WINDOW = 4;
export const MIN_REQUESTS_PER_BUCKET = 2;

export class SpeedProfile {
  private readonly min = new Float64Array(100).fill(Infinity);
  private readonly max = new Float64Array(100);
  private readonly bytes = new Float64Array(100);
  private readonly secs = new Float64Array(100);
  private readonly recent: { t: number; len: number }[] = [];
  private elapsed = 0;

  /** `total` bytes in the pass, moved in requests of at most `requestBytes`. */
  constructor(
    private readonly total: number,
    private readonly requestBytes: number = 0,
  ) {}

  /** The profile is meaningful when every 1% of the pass spans at least MIN_REQUESTS_PER_BUCKET requests. */
  get resolved(): boolean {
    return this.total > 0 && (this.requestBytes <= 0 || this.total / 100 >= MIN_REQUESTS_PER_BUCKET * this.requestBytes);
  }

  /** A request at pass position [pos, pos+len) completed `seconds` after the previous one. */
  add(pos: number, len: number, seconds: number): void {
    if (this.total <= 0 || len <= 0) return;
    const before = this.recent.length >= WINDOW ? this.recent[this.recent.length - WINDOW].t : 0;
    this.elapsed += seconds;
    this.recent.push({ t: this.elapsed, len });
    if (this.recent.length > WINDOW + 1) this.recent.shift();
    const windowBytes = this.recent.slice(-WINDOW).reduce((n, r) => n + r.len, 0);
    const rate = windowBytes / Math.max(this.elapsed - before, 1e-6);
    const first = Math.min(99, Math.floor((pos * 100) / this.total));
    const last = Math.min(99, Math.floor(((pos + len - 1) * 100) / this.total));
    for (let b = first; b <= last; b++) {
      const lo = Math.max(pos, (b * this.total) / 100);
      const hi = Math.min(pos + len, ((b + 1) * this.total) / 100);
      const share = Math.max(0, hi - lo) / len;
      this.min[b] = Math.min(this.min[b], rate);
      this.max[b] = Math.max(this.max[b], rate);
      this.bytes[b] += len * share;
      this.secs[b] += seconds * share;
    }
  }

  /** 100 buckets, or none when the pass is too small for a per-1% profile (see `resolved`). */
  buckets(): Bucket[] {
    if (!this.resolved) return [];
    const out: Bucket[] = [];
    for (let b = 0; b < 100; b++) {
      if (this.secs[b] === 0 && this.min[b] === Infinity) out.push({ min: 0, mean: 0, max: 0 });
      else out.push({ min: Math.round(this.min[b]), mean: Math.round(this.bytes[b] / Math.max(this.secs[b], 1e-6)), max: Math.round(this.max[b]) });
    }
    return out;
  }
}
