// What every file-descriptor-backed device shares: the same native fill/compare/pread/pwrite
// calls on an open fd. Subclasses decide how the fd is opened and closed.
import { addon } from './native';
import type { BlockDevice, BlockDeviceInfo, CompareResult, CompiledPattern } from './types';

export const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a;

export abstract class FdBlockDevice implements BlockDevice {
  private closed = false;
  protected constructor(
    readonly info: BlockDeviceInfo,
    protected readonly fd: number,
  ) {}

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
    this.closeFd();
  }

  protected abstract closeFd(): void;
}
