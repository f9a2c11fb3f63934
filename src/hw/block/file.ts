// A block device over an existing plain file, for unit tests and images. Same native fill/compare
// code as the real device, buffered I/O (no O_DIRECT), never creates the file.
import * as fs from 'node:fs';
import { addon } from './native';
import type { BlockDevice, BlockDeviceInfo, CompareResult, CompiledPattern } from './types';

export class FileBlockDevice implements BlockDevice {
  private closed = false;
  readonly info: BlockDeviceInfo;
  private readonly fd: number;

  constructor(path: string, opts: { writable: boolean; logicalSectorSize?: number; physicalSectorSize?: number }) {
    const st = fs.statSync(path);
    if (!st.isFile()) throw Object.assign(new Error(`${path}: not a regular file`), { code: 'EINVAL' });
    this.fd = fs.openSync(path, opts.writable ? 'r+' : 'r'); // r+ never creates
    const lss = opts.logicalSectorSize ?? 512;
    const pss = opts.physicalSectorSize ?? 4096;
    this.info = { path, sizeBytes: st.size, logicalSectorSize: lss, physicalSectorSize: pss, alignment: Math.max(4096, lss, pss) };
  }

  allocBuffer(bytes: number): Buffer {
    return addon().allocAligned(Math.ceil(bytes / this.info.alignment) * this.info.alignment, this.info.alignment);
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
    fs.closeSync(this.fd);
  }
}
