// Pure planning: method + options -> the ordered write and verify steps of one disk's job.
// Randomness comes in as a parameter so tests can pin it; production passes crypto.randomBytes.
import type { VerifyMode } from './api';
import type { MethodDef, PassSpec } from './methods';
import type { PatternSpec } from '../hw/block/pattern';

export type RandomBytes = (n: number) => Buffer;

export interface PlanOptions {
  verify: VerifyMode;
  rounds: number;
  blank: boolean;
}

export type VerifyScope = 'none' | 'full' | 'sample';

export interface PlannedWrite {
  index: number; // 1-based among write passes
  pattern: PatternSpec;
  verify: VerifyScope;
}

export type Step = { kind: 'write'; write: number } | { kind: 'verify'; write: number; scope: 'full' | 'sample' } | { kind: 'check'; scope: 'full' | 'sample' };

export interface WipePlan {
  methodId: string;
  verifyMode: VerifyMode;
  rounds: number;
  blank: boolean;
  writes: PlannedWrite[];
  /** read-only methods (verify-zero/one): the pattern every block must hold */
  check: PatternSpec | null;
  samplePercent: number | null;
  sampleSeed: string | null;
  steps: Step[];
}

/** Parses none | last | all | sample:PCT with 0 < PCT <= 100; null if malformed. */
export function parseVerifyMode(s: string): VerifyMode | null {
  if (s === 'none' || s === 'last' || s === 'all') return s;
  const m = /^sample:(\d+(?:\.\d+)?)$/.exec(s);
  if (!m) return null;
  const pct = Number(m[1]);
  return pct > 0 && pct <= 100 ? (`sample:${pct}` as VerifyMode) : null;
}

export const samplePercentOf = (v: VerifyMode): number | null => (v.startsWith('sample:') ? Number(v.slice(7)) : null);

export class PlanError extends Error {
  override name = 'PlanError';
}

export function buildPlan(method: MethodDef, opts: PlanOptions, randomBytes: RandomBytes): WipePlan {
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1 || opts.rounds > 100) throw new PlanError('rounds must be an integer from 1 to 100');
  const pct = samplePercentOf(opts.verify);
  const sampleSeed = pct !== null ? randomBytes(16).toString('hex') : null;
  const base = { methodId: method.id, verifyMode: opts.verify, rounds: opts.rounds, blank: opts.blank, samplePercent: pct, sampleSeed };

  if (method.passes.length === 0) {
    if (opts.verify === 'none') throw new PlanError(`${method.id} only reads; --verify none leaves nothing to do`);
    if (opts.rounds !== 1 || opts.blank) throw new PlanError(`${method.id} only reads; --rounds and --blank do not apply`);
    const scope = pct !== null ? 'sample' : 'full';
    return { ...base, writes: [], check: { kind: 'constant', byte: method.expect ?? 0 }, steps: [{ kind: 'check', scope }] };
  }

  // Random bytes of the DoD/OPS-II rows are drawn once per run; seeds are fresh for every pass.
  const slots = new Map<number, number>();
  const slotByte = (slot: number): number => {
    if (!slots.has(slot)) slots.set(slot, randomBytes(1)[0]);
    return slots.get(slot)!;
  };
  const resolve = (p: PassSpec): PatternSpec => {
    switch (p.kind) {
      case 'byte':
        return { kind: 'constant', byte: p.value };
      case 'bytes':
        return { kind: 'repeat', bytes: [...p.values] };
      case 'random':
        return { kind: 'aes-ctr', seed: randomBytes(16).toString('hex') };
      case 'random-byte':
        return { kind: 'constant', byte: slotByte(p.slot) };
      case 'complement':
        return { kind: 'constant', byte: ~slotByte(p.slot) & 0xff };
    }
  };
  const patterns: PatternSpec[] = [];
  for (let r = 0; r < opts.rounds; r++) for (const p of method.passes) patterns.push(resolve(p));
  if (opts.blank) patterns.push({ kind: 'constant', byte: 0 });

  const last = patterns.length;
  const writes: PlannedWrite[] = patterns.map((pattern, i) => {
    const index = i + 1;
    let verify: VerifyScope = 'none';
    if (opts.verify === 'all') verify = 'full';
    else if (opts.verify === 'last' && index === last) verify = 'full';
    else if (pct !== null && index === last) verify = 'sample';
    return { index, pattern, verify };
  });
  const steps: Step[] = [];
  for (const w of writes) {
    steps.push({ kind: 'write', write: w.index });
    if (w.verify !== 'none') steps.push({ kind: 'verify', write: w.index, scope: w.verify });
  }
  return { ...base, writes, check: null, steps };
}
