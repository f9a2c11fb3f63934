// BLAKE3 from the native addon (chosen by measurement, see docs/performance.md).
//
// StreamDigest hashes a stream that arrives in chunks on several threads and still gives b3sum's
// digest of the bytes in stream order. BLAKE3 is a tree: a chunk of 2^k KiB (k >= 1) that starts
// at a multiple of its own length is a whole subtree, whose two top chaining values are a pure
// function of its bytes and position. prepare() computes them on the libuv pool as soon as the
// chunk's bytes are ready, in any order and in parallel; commit(), called in stream order, only
// pushes the two CVs (microseconds). Other chunks (a short tail, odd sizes) are hashed in order
// with the ordinary streaming update.
import { addon, type NativeHasher } from './native';

export type Hasher = NativeHasher;

export function createHasher(): Hasher {
  return new (addon().Blake3)();
}

const KiB = 1024;
/** Whether [position, position+len) of a stream is one whole BLAKE3 subtree of >= 2 chunks. */
export const isSubtree = (position: number, len: number): boolean =>
  len >= 2 * KiB && len <= 2 ** 30 && len % KiB === 0 && (len & (len - 1)) === 0 && position % len === 0;

export class StreamDigest {
  private readonly h = createHasher();

  /** Any order, any time after buf holds the bytes: the subtree CVs, or null (commit hashes the bytes). */
  prepare(buf: Uint8Array, len: number, position: number): Promise<Buffer | null> {
    return isSubtree(position, len) ? addon().b3SubtreeAsync(buf, len, position) : Promise.resolve(null);
  }

  /** In stream order, with buf still holding the bytes. */
  async commit(buf: Uint8Array, len: number, position: number, cvs: Buffer | null): Promise<void> {
    if (cvs && this.h.pushSubtree(cvs, position, len)) return;
    if (this.h.position() !== position) throw new Error(`digest: chunk at ${position} committed out of order (hasher at ${this.h.position()})`);
    await this.h.updateAsync(buf, len);
  }

  digest(): string {
    return this.h.digest();
  }
}
