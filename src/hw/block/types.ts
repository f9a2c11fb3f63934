// The block-device interface the engine writes through. The device owns its alignment: callers ask
// it for buffers and sizes instead of assuming 512 or 4096.

export interface BlockDeviceInfo {
  path: string;
  sizeBytes: number;
  logicalSectorSize: number;
  physicalSectorSize: number;
  /** Buffer address, offset and length alignment this device needs (O_DIRECT: >= 4096). */
  alignment: number;
}

/** A pattern in the form the I/O layer fills and compares; built by compilePattern(). */
export interface CompiledPattern {
  kind: 0 | 1 | 2; // constant | repeat (phase = device offset mod length) | AES-128-CTR keystream
  bytes: Uint8Array;
}

export interface CompareResult {
  mismatches: number; // mismatching blocks
  firstMismatch: number; // absolute device offset of the first one, -1 when none
}

/** An I/O failure as a value: errno name, operation and the offset it happened at. */
export interface IoFailure extends Error {
  code: string;
  offset?: number;
}

export interface BlockDevice {
  readonly info: BlockDeviceInfo;
  /** A buffer suitable for this device's I/O (aligned as the device needs). */
  allocBuffer(bytes: number): Buffer;
  /**
   * Fill buf[0..length) with the pattern for [offset, offset+length) and write it there. With
   * `prefilled`, the caller vouches that buf already holds exactly those bytes (a constant or
   * repeating pattern at the same phase, left by an earlier successful call): write without filling.
   */
  writePattern(buf: Buffer, offset: number, length: number, pattern: CompiledPattern, prefilled?: boolean): Promise<void>;
  /** Read [offset, offset+length) into buf and compare it with the pattern, block by block. */
  readCompare(buf: Buffer, offset: number, length: number, pattern: CompiledPattern, blockSize: number): Promise<CompareResult>;
  read(buf: Buffer, offset: number, length: number): Promise<void>;
  /** fdatasync: make completed writes durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function ioFailure(code: string, message: string, offset?: number): IoFailure {
  const e = new Error(message) as IoFailure;
  e.code = code;
  if (offset !== undefined) e.offset = offset;
  return e;
}
