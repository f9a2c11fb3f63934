// The sampled-verification map: random blocks spread over the whole disk (NIST SP 800-88 4.7),
// at least 1,000 of them, reproducible from a recorded seed. The disk is cut into N equal strata
// and one block is drawn in each, so samples cover the whole surface.
import { createCipheriv } from 'node:crypto';

export const MIN_SAMPLES = 1000;
export const SAMPLE_UNIT = 64 * 1024;

export interface Extent {
  offset: number;
  length: number;
}

export function sampleMap(sizeBytes: number, percent: number, seedHex: string, unit = SAMPLE_UNIT): Extent[] {
  const units = Math.ceil(sizeBytes / unit);
  const wanted = Math.max(MIN_SAMPLES, Math.ceil((units * percent) / 100));
  const extentOf = (u: number): Extent => ({ offset: u * unit, length: Math.min(unit, sizeBytes - u * unit) });
  if (wanted >= units) return Array.from({ length: units }, (_, u) => extentOf(u));
  // Random numbers: AES-128-CTR keystream of the sample seed, 8 bytes per stratum.
  const stream = createCipheriv('aes-128-ctr', Buffer.from(seedHex, 'hex'), Buffer.alloc(16)).update(Buffer.alloc(8 * wanted));
  const out: Extent[] = [];
  for (let i = 0; i < wanted; i++) {
    const lo = Math.floor((i * units) / wanted);
    const hi = Math.floor(((i + 1) * units) / wanted);
    const r = stream.readUIntBE(8 * i, 6); // 48 random bits
    out.push(extentOf(lo + (r % (hi - lo))));
  }
  return out;
}
