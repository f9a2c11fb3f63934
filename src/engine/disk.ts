// One disk's whole job: every planned step in order, then its DiskResult. Never throws: a failure
// becomes this disk's outcome and never reaches the other disks.
import type { EngineEvent, PassKind } from './events';
import type { DiskResult, ErrorRange, PassRecord, VerificationRecord } from './result';
import type { BlockDevice } from '../hw/block/types';
import { compilePattern, patternLabel, type PatternSpec } from '../hw/block/pattern';
import type { WipePlan, Step } from './plan';
import { BufferPool } from './pool';
import { chunks, runPass, type FailedRange, type PassOutcome } from './pass';
import { sampleMap, type Extent } from './sample';
import { MIN_REQUESTS_PER_BUCKET } from './profile';

const SMALL_DISK_CHUNK = 64 * 1024;

export interface DiskTuning {
  chunkBytes: number;
  queueDepth: number;
  retries: number;
  retryDelayMs: number;
  syncEveryBytes: number;
  compareBlock: number; // minimum compare block; the device's sector size wins when larger
  extraBuffers: number; // buffers beyond queueDepth (chunks in the hash and in-order stages)
  /**
   * BENCH ONLY, never set by the CLI or the TUI: no digest for any pass (certificates then carry
   * none). bench/ uses it to show the I/O path alone next to dd; see docs/performance.md.
   */
  benchOnlyNoDigest?: boolean;
}

export const DEFAULT_TUNING: DiskTuning = {
  chunkBytes: 4 << 20,
  queueDepth: 2,
  retries: 3,
  retryDelayMs: 200,
  syncEveryBytes: 1 << 30,
  compareBlock: 4096,
  extraBuffers: 2,
};

/** Live counters the runner samples for progress events. */
export interface DiskProgress {
  step: number; // 1-based
  steps: number;
  passKind: PassKind;
  bytesDone: number;
  bytesTotal: number;
  bytesRemainingAfter: number; // bytes of the steps after the current one
}

const now = (): string => new Date().toISOString();

export async function runDisk(
  device: BlockDevice,
  plan: WipePlan,
  opts: { tuning: DiskTuning; signal: AbortSignal; emit: (e: EngineEvent) => void; progress: DiskProgress },
): Promise<DiskResult> {
  const { tuning, signal, emit, progress } = opts;
  const info = device.info;
  const disk = info.path;
  const size = info.sizeBytes;
  const blockSize = Math.max(tuning.compareBlock, info.logicalSectorSize);
  // Small disks get smaller requests, so that every 1% of the disk spans at least two of them and
  // the speed profile measures the disk rather than one request (profile.ts). From 800 MiB up
  // (with 4 MiB requests) this changes nothing; below, speed hardly matters.
  const wanted = Math.min(tuning.chunkBytes, Math.max(SMALL_DISK_CHUNK, Math.floor(size / (100 * MIN_REQUESTS_PER_BUCKET))));
  const chunk = Math.max(info.alignment, Math.floor(wanted / info.alignment) * info.alignment);
  // queueDepth requests in flight, plus one chunk being hashed and one waiting for its in-order stage.
  const pool = new BufferPool((n) => device.allocBuffer(n), chunk, tuning.queueDepth + tuning.extraBuffers);
  const startedAt = now();
  const failed: FailedRange[] = [];
  let retries = 0;
  let aborted = false;
  const records: PassRecord[] = [];
  const verification: VerificationRecord = {
    mode: plan.verifyMode,
    result: 'not-run',
    digest: null,
    seed: lastSeed(plan),
    sampleSeed: plan.sampleSeed,
    sampledBlocks: null,
    blockSize,
    mismatchedBlocks: 0,
  };
  const sample: Extent[] | null = plan.samplePercent !== null && plan.sampleSeed ? sampleMap(size, plan.samplePercent, plan.sampleSeed) : null;
  const sampleBytes = sample ? sample.reduce((s, e) => s + e.length, 0) : 0;
  const stepBytes = (s: Step): number => (s.kind !== 'write' && s.scope === 'sample' ? sampleBytes : size);
  emit({ kind: 'disk-start', disk, at: startedAt, sizeBytes: size, passes: plan.steps.length });

  for (let i = 0; i < plan.steps.length && !aborted; i++) {
    const step = plan.steps[i];
    const write = step.kind === 'check' ? null : plan.writes[step.write - 1];
    const pattern: PatternSpec = write ? write.pattern : plan.check!;
    const passKind: PassKind = step.kind === 'write' ? 'write' : 'verify';
    const scope = step.kind === 'write' ? 'full' : step.scope;
    Object.assign(progress, {
      step: i + 1,
      steps: plan.steps.length,
      passKind,
      bytesDone: 0,
      bytesTotal: stepBytes(step),
      bytesRemainingAfter: plan.steps.slice(i + 1).reduce((s, x) => s + stepBytes(x), 0),
    });
    const startedPass = now();
    emit({ kind: 'pass-start', disk, at: startedPass, pass: i + 1, passes: plan.steps.length, passKind, pattern: patternLabel(pattern) });
    const outcome: PassOutcome = await runPass(
      {
        device,
        pool,
        signal,
        retries: tuning.retries,
        retryDelayMs: tuning.retryDelayMs,
        syncEveryBytes: tuning.syncEveryBytes,
        onProgress: (b) => (progress.bytesDone = b),
        onIoError: (e) => emit({ kind: 'io-error', disk, at: now(), op: e.op, offset: e.offset, length: e.length, code: e.code, retry: e.retry }),
      },
      {
        mode: step.kind === 'write' ? 'write' : 'read',
        extents: scope === 'sample' ? sample! : chunks(size, chunk),
        total: stepBytes(step),
        pattern: compilePattern(pattern),
        blockSize,
        hash: !tuning.benchOnlyNoDigest && wantsDigest(step, write),
      },
    );
    failed.push(...outcome.failed);
    retries += outcome.retries;
    aborted = outcome.aborted;
    const complete = !outcome.aborted && outcome.failed.length === 0;
    const ok = complete && outcome.mismatches === 0;
    emit({ kind: 'pass-end', disk, at: now(), pass: i + 1, passKind, ok, digest: outcome.digest, mismatchedBlocks: outcome.mismatches });

    const base = {
      pattern: patternLabel(pattern),
      seed: pattern.kind === 'aes-ctr' ? pattern.seed : null,
      throughputBytesPerSec: outcome.seconds > 0 ? Math.round(outcome.bytes / outcome.seconds) : 0,
      speedProfile: outcome.profile,
    };
    if (step.kind === 'write') {
      records.push({
        ...base, index: records.length + 1, kind: 'write', startedAt: startedPass, finishedAt: now(), bytesWritten: outcome.bytes, bytesRead: 0,
        verified: false, digest: outcome.digest, digestOf: outcome.digest ? 'written' : null, mismatches: 0, ok: complete && outcome.bytes === size,
      });
      continue;
    }
    // A verify step: fold it into the write pass it checks (or record a read-only check pass).
    if (scope === 'sample') verification.sampledBlocks = sample!.length;
    verification.mismatchedBlocks += outcome.mismatches;
    verification.digest = outcome.digest;
    if (!ok && !outcome.aborted) verification.result = 'failed';
    else if (ok && verification.result !== 'failed') verification.result = 'passed';
    if (step.kind === 'verify') {
      const rec = records[records.length - 1];
      Object.assign(rec, {
        verified: !outcome.aborted, bytesRead: outcome.bytes, digest: outcome.digest, digestOf: 'read-back', mismatches: outcome.mismatches,
        finishedAt: now(), ok: rec.ok && ok,
      });
    } else {
      records.push({
        ...base, index: records.length + 1, kind: 'verify', startedAt: startedPass, finishedAt: now(), bytesWritten: 0, bytesRead: outcome.bytes,
        verified: !outcome.aborted, digest: outcome.digest, digestOf: 'read-back', mismatches: outcome.mismatches, ok,
      });
    }
  }

  const errors = mergeRanges(failed, info.logicalSectorSize);
  const everyPassDone = records.length === plan.writes.length + (plan.check ? 1 : 0) && records.every((r) => r.ok);
  const verifyOk = plan.verifyMode === 'none' || verification.result === 'passed';
  let outcome: DiskResult['outcome'] = 'erased';
  let reason: string | null = null;
  if (aborted) [outcome, reason] = ['aborted', 'stopped by the operator before every pass completed'];
  else if (errors.length) [outcome, reason] = ['failed', `${errors.length} unrecoverable I/O error range(s)`];
  else if (verification.mismatchedBlocks > 0) [outcome, reason] = ['failed', `verification found ${verification.mismatchedBlocks} mismatching block(s)`];
  else if (!everyPassDone || !verifyOk) [outcome, reason] = ['failed', 'not every pass completed'];
  return {
    path: disk,
    outcome,
    reason,
    sizeBytes: size,
    logicalSectorSize: info.logicalSectorSize,
    physicalSectorSize: info.physicalSectorSize,
    methodId: plan.methodId,
    rounds: plan.rounds,
    blank: plan.blank,
    passes: records,
    verification,
    errors,
    ioRetries: retries,
    startedAt,
    finishedAt: now(),
  };
}

/**
 * Which passes get a digest (docs/engine.md, "Digest"): every read-back (verify and check steps:
 * BLAKE3 of the bytes read); an unverified random pass, of the written stream; nothing for an
 * unverified constant or repeating pass (the label defines every byte, so a digest adds nothing),
 * and nothing at write time for a verified pass (its digest is the read-back's).
 */
export function wantsDigest(step: Step, write: WipePlan['writes'][number] | null): boolean {
  if (step.kind !== 'write') return true;
  return write!.verify === 'none' && write!.pattern.kind === 'aes-ctr';
}

function lastSeed(plan: WipePlan): string | null {
  for (let i = plan.writes.length - 1; i >= 0; i--) {
    const p = plan.writes[i].pattern;
    if (p.kind === 'aes-ctr') return p.seed;
  }
  return null;
}

/** Failed byte ranges -> LBA ranges, adjacent ones of the same op and code merged. */
export function mergeRanges(failed: FailedRange[], sector: number): ErrorRange[] {
  const sorted = [...failed].sort((a, b) => (a.op === b.op ? a.offset - b.offset : a.op < b.op ? -1 : 1));
  const out: ErrorRange[] = [];
  for (const f of sorted) {
    const first = Math.floor(f.offset / sector);
    const last = Math.ceil((f.offset + f.length) / sector) - 1;
    const prev = out[out.length - 1];
    if (prev && prev.op === f.op && prev.code === f.code && first <= prev.lastLba + 1) {
      prev.lastLba = Math.max(prev.lastLba, last);
      prev.retries = Math.max(prev.retries, f.retries);
    } else out.push({ op: f.op, firstLba: first, lastLba: last, code: f.code, retries: f.retries });
  }
  return out;
}
