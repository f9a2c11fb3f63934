// One pass over one disk: writes (fill+pwrite) or reads (pread+compare) in chunks, several in flight.
// Each chunk's BLAKE3 subtree is hashed on the thread pool as soon as its I/O is done, in parallel
// with other chunks; an in-order stage then folds it into the digest (two CV pushes), counts bytes
// and mismatches, feeds progress and the speed profile, and calls fdatasync periodically.
// I/O errors are retried, then narrowed down to the failing sectors, recorded, and skipped.
import type { BlockDevice, CompiledPattern } from '../hw/block/types';
import { StreamDigest } from '../hw/block/hash';
import type { BufferPool } from './pool';
import { SpeedProfile, type Bucket } from './profile';
import type { Extent } from './sample';

export interface FailedRange {
  op: 'read' | 'write' | 'flush';
  offset: number;
  length: number;
  code: string;
  retries: number;
}

export interface PassContext {
  device: BlockDevice;
  pool: BufferPool;
  signal: AbortSignal;
  retries: number; // extra attempts per request before narrowing down
  retryDelayMs: number;
  syncEveryBytes: number;
  onProgress: (bytesDone: number) => void;
  onIoError: (e: FailedRange & { retry: number }) => void;
}

export interface PassJob {
  mode: 'write' | 'read';
  extents: Iterable<Extent>; // in device order
  total: number; // bytes the extents cover
  pattern: CompiledPattern;
  blockSize: number; // compare granularity
  hash: boolean; // BLAKE3 of the pass's bytes (written or read back), in extent order
}

export interface PassOutcome {
  bytes: number; // bytes transferred without error
  mismatches: number;
  firstMismatch: number;
  failed: FailedRange[];
  retries: number;
  digest: string | null;
  profile: Bucket[];
  seconds: number;
  aborted: boolean;
}

interface ChunkResult {
  ok: number;
  mismatches: number;
  firstMismatch: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const codeOf = (e: unknown): string => (typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'EIO');

/** Splits [0,total) into chunk-sized extents. */
export function* chunks(total: number, chunkBytes: number): Generator<Extent> {
  for (let offset = 0; offset < total; offset += chunkBytes) yield { offset, length: Math.min(chunkBytes, total - offset) };
}

export async function runPass(ctx: PassContext, job: PassJob): Promise<PassOutcome> {
  const { device, pool } = ctx;
  const sector = device.info.logicalSectorSize;
  const digest = job.hash ? new StreamDigest() : null;
  const profile = new SpeedProfile(job.total, pool.bytes);
  const out: PassOutcome = { bytes: 0, mismatches: 0, firstMismatch: -1, failed: [], retries: 0, digest: null, profile: [], seconds: 0, aborted: false };
  const started = performance.now();
  let last = started;
  let position = 0;
  let sinceSync = 0;

  // Buffers known to hold this pass's constant/repeating pattern: phase and length of what they
  // hold, recorded only after a successful write of a whole buffer. Refilling 4 MiB per chunk costs
  // about a fifth of a RAM-speed write; AES data differs per offset and is always generated.
  const period = job.pattern.kind === 2 ? 0 : job.pattern.kind === 0 ? 1 : job.pattern.bytes.length;
  const holds = new WeakMap<Buffer, { phase: number; length: number }>(); // weak: narrowed sub-buffers come and go
  const once = async (buf: Buffer, offset: number, length: number): Promise<ChunkResult> => {
    if (job.mode === 'write') {
      const h = period ? holds.get(buf) : undefined;
      const prefilled = h !== undefined && h.phase === offset % period && h.length >= length;
      holds.delete(buf);
      await device.writePattern(buf, offset, length, job.pattern, prefilled);
      if (period) holds.set(buf, { phase: offset % period, length });
      return { ok: length, mismatches: 0, firstMismatch: -1 };
    }
    const r = await device.readCompare(buf, offset, length, job.pattern, job.blockSize);
    return { ok: length, mismatches: r.mismatches, firstMismatch: r.firstMismatch };
  };

  // Try a request up to 1 + attempts times; null when every attempt failed.
  const attempt = async (buf: Buffer, offset: number, length: number, attempts: number): Promise<ChunkResult | { code: string; tries: number }> => {
    let code = 'EIO';
    for (let i = 0; i <= attempts; i++) {
      try {
        return await once(buf, offset, length);
      } catch (e) {
        code = codeOf(e);
        ctx.onIoError({ op: job.mode, offset, length, code, retries: i, retry: i });
        if (i < attempts) {
          out.retries++;
          await sleep(ctx.retryDelayMs * (i + 1));
        }
      }
    }
    return { code, tries: attempts + 1 };
  };

  // After a request failed for good: retry it in 64 KiB pieces, then failing pieces sector by
  // sector, so only the sectors that really fail are recorded and everything else is written.
  const narrow = async (buf: Buffer, offset: number, length: number, piece: number): Promise<ChunkResult> => {
    const acc: ChunkResult = { ok: 0, mismatches: 0, firstMismatch: -1 };
    for (let p = offset; p < offset + length; p += piece) {
      const n = Math.min(piece, offset + length - p);
      const sub = buf.subarray(p - offset, p - offset + n);
      const r = await attempt(sub, p, n, 1);
      if ('ok' in r) {
        acc.ok += r.ok;
        acc.mismatches += r.mismatches;
        if (acc.firstMismatch < 0) acc.firstMismatch = r.firstMismatch;
      } else if (n > sector) {
        const s = await narrow(sub, p, n, sector);
        acc.ok += s.ok;
        acc.mismatches += s.mismatches;
        if (acc.firstMismatch < 0) acc.firstMismatch = s.firstMismatch;
      } else {
        if (job.mode === 'read') sub.fill(0); // unreadable: hash zeros there, deterministically
        out.failed.push({ op: job.mode, offset: p, length: n, code: r.code, retries: r.tries - 1 });
      }
    }
    return acc;
  };

  const doChunk = async (buf: Buffer, e: Extent): Promise<ChunkResult> => {
    const r = await attempt(buf, e.offset, e.length, ctx.retries);
    if ('ok' in r) return r;
    return narrow(buf, e.offset, e.length, Math.max(sector, Math.min(64 * 1024, e.length / 2)));
  };

  const flush = async (): Promise<void> => {
    for (let i = 0; i <= ctx.retries; i++) {
      try {
        await device.flush();
        return;
      } catch (e) {
        ctx.onIoError({ op: 'flush', offset: 0, length: device.info.sizeBytes, code: codeOf(e), retries: i, retry: i });
        if (i === ctx.retries) out.failed.push({ op: 'flush', offset: 0, length: device.info.sizeBytes, code: codeOf(e), retries: i });
        else await sleep(ctx.retryDelayMs);
      }
    }
  };

  let chain: Promise<void> = Promise.resolve();
  let streamPos = 0; // position of this extent in the hashed stream (extents concatenated)
  for (const e of job.extents) {
    if (ctx.signal.aborted) {
      out.aborted = true;
      break;
    }
    const buf = await pool.acquire();
    const at = streamPos;
    streamPos += e.length;
    const io = doChunk(buf, e);
    // The subtree hash starts when the bytes are there (read back, or filled and written), not
    // when the previous chunk's stage is done.
    const cvs = digest ? io.then(() => digest.prepare(buf, e.length, at)) : null;
    // Both are awaited by the in-order stage; until then a rejection must not count as unhandled.
    io.catch(() => undefined);
    cvs?.catch(() => undefined);
    // The in-order stage: runs for chunk k only after chunk k-1's stage, so the digest covers
    // bytes in device order whatever order the requests complete in.
    chain = chain
      .then(async () => {
        const r = await io;
        if (digest) await digest.commit(buf, e.length, at, await cvs!);
        out.bytes += r.ok;
        out.mismatches += r.mismatches;
        if (out.firstMismatch < 0 && r.firstMismatch >= 0) out.firstMismatch = r.firstMismatch;
        const now = performance.now();
        profile.add(position, e.length, (now - last) / 1000);
        last = now;
        position += e.length;
        ctx.onProgress(position);
        sinceSync += e.length;
        if (job.mode === 'write' && sinceSync >= ctx.syncEveryBytes) {
          sinceSync = 0;
          await flush();
        }
      })
      .finally(() => pool.release(buf));
  }
  await chain;
  // sinceSync is 0 when the periodic flush ran after the last chunk: every write is already durable.
  if (job.mode === 'write' && position > 0 && sinceSync > 0) await flush();
  out.digest = digest ? digest.digest() : null;
  out.profile = profile.buckets();
  out.seconds = (performance.now() - started) / 1000;
  return out;
}
