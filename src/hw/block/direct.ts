// A real block device: O_DIRECT (and O_EXCL when writable) through the native addon. Size and
// sector sizes come from the kernel (BLKGETSIZE64, BLKSSZGET, BLKPBSZGET).
import { addon } from './native';
import type { BlockDevice, BlockDeviceInfo, CompareResult, CompiledPattern } from './types';

export class DirectBlockDevice implements BlockDevice {
  private closed = false;
  private constructor(
    readonly info: BlockDeviceInfo,
    private readonly fd: number,
  ) {}

  /** Opens a block device node; refuses (ENOTBLK) anything else and never creates a file. */
  static open(path: string, opts: { writable: boolean }): DirectBlockDevice {
    const o = addon().open(path, opts.writable);
    // O_DIRECT needs buffer, offset and length aligned to the logical block size; 4 KiB covers
    // every disk and the page size.
    const alignment = Math.max(4096, o.logicalSectorSize, o.physicalSectorSize);
    const info = { path, sizeBytes: o.sizeBytes, logicalSectorSize: o.logicalSectorSize, physicalSectorSize: o.physicalSectorSize, alignment };
    return new DirectBlockDevice(info, o.fd);
  }

  allocBuffer(bytes: number): Buffer {
    return addon().allocAligned(roundUp(bytes, this.info.alignment), this.info.alignment);
  }

  async writePattern(buf: Buffer, offset: number, length: number, pattern: CompiledPattern, prefilled = false): Promise<void> {
    if (prefilled) await addon().pwrite(this.fd, buf, length, offset);
    else await addon().fillWrite(this.fd, buf, length, offset, pattern);
  }

  readCompare(buf: Buffer, offset: number, length: number, pattern: CompiledPattern, blockSize: number): Promise<CompareResult> {
    return addon().readCompare(this.fd, buf, length, offset, pattern, blockSize);
  }

  async read(buf: Buffer, offset: number, length: number): Promise<void> {
    await addon().pread(this.fd, buf, length, offset);
  }

  async flush(): Promise<void> {
    await addon().fdatasync(this.fd);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    addon().close(this.fd);
  }
}

export const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a;
