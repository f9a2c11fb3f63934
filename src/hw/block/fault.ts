// Test-only: a simulated faulty disk. Wraps any device and fails every write and/or read that
// touches one of the given byte ranges with EIO, as a dying disk would. Only tests construct it.
import { ioFailure, type BlockDevice, type CompareResult, type CompiledPattern } from './types';

export interface SimulatedFault {
  op: 'write' | 'read' | 'both';
  start: number; // byte offset, inclusive
  end: number; // byte offset, exclusive
}

export class SimulatedFaultDevice implements BlockDevice {
  /** Failed operations so far (counts retries too). */
  failures = 0;
  constructor(
    private readonly inner: BlockDevice,
    private readonly faults: SimulatedFault[],
  ) {}

  get info() {
    return this.inner.info;
  }

  allocBuffer(bytes: number): Buffer {
    return this.inner.allocBuffer(bytes);
  }

  async writePattern(buf: Buffer, offset: number, length: number, pattern: CompiledPattern, prefilled = false): Promise<void> {
    this.maybeFail('write', offset, length);
    return this.inner.writePattern(buf, offset, length, pattern, prefilled);
  }

  async readCompare(buf: Buffer, offset: number, length: number, pattern: CompiledPattern, blockSize: number): Promise<CompareResult> {
    this.maybeFail('read', offset, length);
    return this.inner.readCompare(buf, offset, length, pattern, blockSize);
  }

  async read(buf: Buffer, offset: number, length: number): Promise<void> {
    this.maybeFail('read', offset, length);
    return this.inner.read(buf, offset, length);
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private maybeFail(op: 'write' | 'read', offset: number, length: number): void {
    for (const f of this.faults) {
      if ((f.op === op || f.op === 'both') && offset < f.end && offset + length > f.start) {
        this.failures++;
        throw ioFailure('EIO', `simulated ${op} error at ${Math.max(offset, f.start)}`, Math.max(offset, f.start));
      }
    }
  }
}
