// In-memory device (fio's null-engine idea): the whole wipe pipeline runs in unit tests without
// root or disks. Bytes are kept, so verification really compares what was "written".
import { addon } from './native';
import type { BlockDevice, BlockDeviceInfo, CompareResult, CompiledPattern } from './types';

export class MemoryBlockDevice implements BlockDevice {
  readonly info: BlockDeviceInfo;
  readonly bytes: Buffer;
  /** Called after each write lands; tests use it to plant a changed byte between write and verify. */
  onWrite: ((offset: number, length: number) => void) | null = null;

  constructor(path: string, sizeBytes: number, opts: { fill?: number; logicalSectorSize?: number } = {}) {
    this.bytes = Buffer.alloc(sizeBytes, opts.fill ?? 0);
    const lss = opts.logicalSectorSize ?? 512;
    this.info = { path, sizeBytes, logicalSectorSize: lss, physicalSectorSize: 4096, alignment: 4096 };
  }

  allocBuffer(bytes: number): Buffer {
    return Buffer.alloc(bytes);
  }

  async writePattern(buf: Buffer, offset: number, length: number, pattern: CompiledPattern, prefilled = false): Promise<void> {
    this.check(offset, length);
    if (!prefilled) addon().fill(buf, length, offset, pattern);
    buf.copy(this.bytes, offset, 0, length);
    this.onWrite?.(offset, length);
  }

  async readCompare(buf: Buffer, offset: number, length: number, pattern: CompiledPattern, blockSize: number): Promise<CompareResult> {
    await this.read(buf, offset, length);
    return addon().compare(buf, length, offset, pattern, blockSize);
  }

  async read(buf: Buffer, offset: number, length: number): Promise<void> {
    this.check(offset, length);
    this.bytes.copy(buf, 0, offset, offset + length);
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}

  private check(offset: number, length: number): void {
    if (offset < 0 || offset + length > this.info.sizeBytes) throw Object.assign(new Error(`I/O beyond the end at ${offset}`), { code: 'ENOSPC', offset });
  }
}
