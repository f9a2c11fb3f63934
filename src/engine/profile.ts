// Per-pass speed profile: the throughput of each 1% of the pass (100 buckets), as min/mean/max of
// the chunk rates that fell into it. O(1) memory whatever the disk size.

export interface Bucket {
  min: number;
  mean: number;
  max: number;
}

export class SpeedProfile {
  private readonly min = new Float64Array(100).fill(Infinity);
  private readonly max = new Float64Array(100);
  private readonly bytes = new Float64Array(100);
  private readonly secs = new Float64Array(100);

  constructor(private readonly total: number) {}

  /** A chunk at pass position [pos, pos+len) took `seconds` of wall time (since the previous one). */
  add(pos: number, len: number, seconds: number): void {
    if (this.total <= 0 || len <= 0) return;
    const rate = len / Math.max(seconds, 1e-6);
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

  buckets(): Bucket[] {
    const out: Bucket[] = [];
    for (let b = 0; b < 100; b++) {
      if (this.secs[b] === 0 && this.min[b] === Infinity) out.push({ min: 0, mean: 0, max: 0 });
      else out.push({ min: Math.round(this.min[b]), mean: Math.round(this.bytes[b] / Math.max(this.secs[b], 1e-6)), max: Math.round(this.max[b]) });
    }
    return out;
  }
}
