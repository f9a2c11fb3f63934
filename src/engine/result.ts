// What the engine knows about one disk when its job ends: the input of the certificate.
// Failures are values here, never exceptions thrown to sibling disks.

export type DiskOutcome = 'erased' | 'failed' | 'aborted';

export interface PassRecord {
  index: number; // 1-based
  kind: 'write' | 'verify';
  pattern: string; // label, e.g. "0x00", "random", "0x92 0x49 0x24"
  seed: string | null; // hex AES-128 key for random passes
  startedAt: string;
  finishedAt: string;
  bytesWritten: number; // 0 for verify passes
  bytesRead: number; // 0 for unverified write passes
  verified: boolean; // true when this pass's data was read back and compared
  digest: string | null; // hex BLAKE3 of the bytes read back (verified) or written (unverified)
  digestOf: 'read-back' | 'written' | null;
  mismatches: number; // mismatching blocks found when verifying
  throughputBytesPerSec: number;
  /** Throughput of each 1% of the pass (100 buckets, bytes/s): min, mean, max. */
  speedProfile: { min: number; mean: number; max: number }[];
  ok: boolean;
}

export interface ErrorRange {
  op: 'read' | 'write' | 'flush';
  firstLba: number;
  lastLba: number; // inclusive
  code: string; // errno name, e.g. EIO
  retries: number;
}

export interface VerificationRecord {
  mode: string; // none | last | all | sample:PCT
  result: 'passed' | 'failed' | 'not-run';
  digest: string | null; // BLAKE3 of the last verified pass's bytes read back
  seed: string | null; // hex key of the last random pass (to regenerate the expected data)
  sampleSeed: string | null; // for sample:PCT, the seed of the sampled-block map
  sampledBlocks: number | null;
  blockSize: number; // bytes per compared block
  mismatchedBlocks: number;
}

export interface DiskResult {
  path: string;
  outcome: DiskOutcome;
  reason: string | null; // one line, when not erased
  sizeBytes: number;
  logicalSectorSize: number;
  physicalSectorSize: number;
  methodId: string;
  rounds: number;
  blank: boolean;
  passes: PassRecord[];
  verification: VerificationRecord;
  errors: ErrorRange[];
  ioRetries: number;
  startedAt: string;
  finishedAt: string;
}
