// The one place that loads the native addon (native/, built by `npm run build:addon`). Inside the
// single binary the SEA entry unpacks the addon and sets ERASEBOX_ADDON; from a checkout (tsc
// output or tap running the sources) we look upward for native/build/Release/erasebox.node.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompareResult, CompiledPattern } from './types';

export const EXPECTED_ABI = 1;

export interface NativeOpen {
  fd: number;
  sizeBytes: number;
  logicalSectorSize: number;
  physicalSectorSize: number;
}

export interface NativeHasher {
  update(buf: Uint8Array, len?: number): void;
  updateAsync(buf: Uint8Array, len?: number): Promise<void>;
  /** Absorbs a subtree from b3Subtree's CVs, in stream order; false (hasher unchanged) if not at position. */
  pushSubtree(cvs: Uint8Array, position: number, len: number): boolean;
  /** Bytes absorbed so far. */
  position(): number;
  digest(): string;
}

export interface NativeAddon {
  ABI_VERSION: number;
  opensslVersion: string;
  open(path: string, writable: boolean): NativeOpen;
  close(fd: number): void;
  allocAligned(size: number, alignment: number): Buffer;
  fill(buf: Uint8Array, len: number, devOffset: number, pattern: CompiledPattern): void;
  compare(buf: Uint8Array, len: number, devOffset: number, pattern: CompiledPattern, blockSize: number): CompareResult;
  pwrite(fd: number, buf: Uint8Array, len: number, offset: number): Promise<number>;
  pread(fd: number, buf: Uint8Array, len: number, offset: number): Promise<number>;
  fdatasync(fd: number): Promise<number>;
  fillWrite(fd: number, buf: Uint8Array, len: number, offset: number, pattern: CompiledPattern): Promise<number>;
  readCompare(fd: number, buf: Uint8Array, len: number, offset: number, pattern: CompiledPattern, blockSize: number): Promise<CompareResult>;
  Blake3: new () => NativeHasher;
  /** The CV pair of the BLAKE3 subtree buf[0..len) at stream position (len = 2^k KiB, k >= 1, position % len == 0). */
  b3Subtree(buf: Uint8Array, len: number, position: number): Buffer;
  b3SubtreeAsync(buf: Uint8Array, len: number, position: number): Promise<Buffer>;
}

function findAddon(): string {
  if (process.env.ERASEBOX_ADDON) return process.env.ERASEBOX_ADDON;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'native/build/Release/erasebox.node');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error('erasebox: native addon not found (run npm run build:addon)');
}

let cached: NativeAddon | null = null;

export function addon(): NativeAddon {
  if (cached) return cached;
  const m = { exports: {} as NativeAddon };
  process.dlopen(m, findAddon());
  if (m.exports.ABI_VERSION !== EXPECTED_ABI) {
    throw new Error(`erasebox: native addon ABI ${m.exports.ABI_VERSION}, expected ${EXPECTED_ABI} (rebuild with npm run build:addon)`);
  }
  cached = m.exports;
  return cached;
}
