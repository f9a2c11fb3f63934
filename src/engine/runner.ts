// RunWipe: many disks at once, each an independent job. A disk that fails (or cannot even be
// opened) ends with its own `failed` result; the others carry on at full speed. Progress is sampled
// from per-disk counters a few times a second, never emitted per request.
import { randomBytes as cryptoRandomBytes, randomUUID } from 'node:crypto';
import type { RunWipe, WipeRequest } from './api';
import type { EngineEvent } from './events';
import type { DiskResult } from './result';
import type { BlockDevice } from '../hw/block/types';
import { findMethod } from './methods';
import { buildPlan, type RandomBytes, type WipePlan } from './plan';
import { DEFAULT_TUNING, runDisk, type DiskProgress, type DiskTuning } from './disk';

export interface RunnerDeps {
  /** Opens a target for writing (or reading, for read-only methods); throws with a code on failure. */
  open: (path: string, opts: { writable: boolean }) => BlockDevice | Promise<BlockDevice>;
  randomBytes?: RandomBytes;
  tuning?: Partial<DiskTuning>;
  progressIntervalMs?: number;
}

const now = (): string => new Date().toISOString();

export function createRunWipe(deps: RunnerDeps): RunWipe {
  const baseTuning: DiskTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const randomBytes = deps.randomBytes ?? cryptoRandomBytes;
  const interval = deps.progressIntervalMs ?? 250;

  return async (req: WipeRequest, emit: (e: EngineEvent) => void, signal: AbortSignal): Promise<DiskResult[]> => {
    // Memory stays flat in disk size and bounded in disk count: 3 buffers per disk, 2 MiB chunks
    // beyond 4 disks (12 MiB -> 6 MiB per disk) unless the caller chose a chunk size.
    const tuning: DiskTuning = deps.tuning?.chunkBytes === undefined && req.devices.length > 4 ? { ...baseTuning, chunkBytes: 2 << 20 } : baseTuning;
    const method = findMethod(req.methodId);
    if (!method) throw new Error(`unknown method ${req.methodId}`);
    emit({ kind: 'run-start', runId: randomUUID(), at: now(), disks: [...req.devices], methodId: method.id });
    const live = new Map<string, { progress: DiskProgress; lastBytes: number; lastStep: number; lastAt: number; rate: number }>();

    const sample = (): void => {
      const t = performance.now();
      for (const [disk, s] of live) {
        const p = s.progress;
        if (p.step === 0) continue;
        const dt = (t - s.lastAt) / 1000;
        const delta = p.step === s.lastStep ? p.bytesDone - s.lastBytes : p.bytesDone;
        if (dt > 0) s.rate = s.rate === 0 ? delta / dt : 0.7 * s.rate + 0.3 * (delta / dt);
        Object.assign(s, { lastBytes: p.bytesDone, lastStep: p.step, lastAt: t });
        const remaining = p.bytesTotal - p.bytesDone + p.bytesRemainingAfter;
        emit({
          kind: 'progress', disk, at: now(), pass: p.step, passes: p.steps, passKind: p.passKind, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal,
          rateBytesPerSec: Math.round(s.rate), etaSeconds: s.rate > 0 ? Math.round(remaining / s.rate) : null,
        });
      }
    };
    const timer = setInterval(sample, interval);

    const one = async (path: string): Promise<DiskResult> => {
      const startedAt = now();
      let plan: WipePlan | null = null;
      let device: BlockDevice | null = null;
      try {
        plan = buildPlan(method, { verify: req.verify, rounds: req.rounds, blank: req.blank }, randomBytes);
        if (signal.aborted) return emptyResult(path, req, startedAt, 'aborted', 'stopped before the disk was opened');
        device = await deps.open(path, { writable: method.passes.length > 0 });
        const progress: DiskProgress = { step: 0, steps: plan.steps.length, passKind: 'write', bytesDone: 0, bytesTotal: 0, bytesRemainingAfter: 0 };
        live.set(path, { progress, lastBytes: 0, lastStep: 0, lastAt: performance.now(), rate: 0 });
        return await runDisk(device, plan, { tuning, signal, emit, progress });
      } catch (e) {
        const code = (e as { code?: string }).code;
        const msg = e instanceof Error ? e.message : String(e);
        return emptyResult(path, req, startedAt, 'failed', code === 'EBUSY' ? `${path} is busy (opened exclusively elsewhere)` : msg, device);
      } finally {
        live.delete(path);
        await device?.close().catch(() => undefined);
      }
    };

    const results = await Promise.all(
      req.devices.map(async (path) => {
        const r = await one(path);
        emit({ kind: 'disk-end', disk: path, at: now(), result: r });
        return r;
      }),
    );
    clearInterval(timer);
    const count = (o: DiskResult['outcome']): number => results.filter((r) => r.outcome === o).length;
    emit({ kind: 'run-end', at: now(), erased: count('erased'), failed: count('failed'), aborted: count('aborted') });
    return results;
  };
}

function emptyResult(path: string, req: WipeRequest, startedAt: string, outcome: 'failed' | 'aborted', reason: string, device?: BlockDevice | null): DiskResult {
  const info = device?.info;
  return {
    path, outcome, reason, sizeBytes: info?.sizeBytes ?? 0, logicalSectorSize: info?.logicalSectorSize ?? 0, physicalSectorSize: info?.physicalSectorSize ?? 0,
    methodId: req.methodId, rounds: req.rounds, blank: req.blank, passes: [],
    verification: { mode: req.verify, result: 'not-run', digest: null, seed: null, sampleSeed: null, sampledBlocks: null, blockSize: 0, mismatchedBlocks: 0 },
    errors: [], ioRetries: 0, startedAt, finishedAt: now(),
  };
}
