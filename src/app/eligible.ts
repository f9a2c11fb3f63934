// `erasebox wipe --all-eligible`: the unattended box's selection. Every disk discovery finds
// (loop, ram, zram, optical never: listDisks without `all`) that has no protection is erased; a
// protected one is left out and reported, so one mounted disk never stops the others (the opposite
// of an operator's explicit list, which must be exactly right and is refused whole). The rules are
// discovery's (src/hw/protect.ts protectionsOf), not a copy; and every selected disk still goes
// through runWipeJob's checkTarget + de-duplication right before opening.
import { listDisks } from '../hw/discover';
import type { Disk } from '../hw/types';
import { runWipeJob, type WipeJob, type WipeJobDeps, type WipeJobResult } from './wipe-job';

export interface Selection {
  eligible: string[]; // device paths, discovery's order
  skipped: Array<{ device: string; code: Disk['protections'][number]['code']; reason: string }>;
  settled: boolean; // false: the maximum wait ran out while the list still changed (or stayed empty)
  waitedMs: number;
}

export interface SettleOptions {
  settleMs: number; // the eligible list must stay the same this long; 0: one look
  maxWaitMs?: number; // default settleMs + MAX_EXTRA_WAIT_MS
  pollMs?: number; // default 500
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  signal?: AbortSignal;
}

/** How much longer than --settle the selection may wait for a stable, non-empty list. */
export const MAX_EXTRA_WAIT_MS = 60_000;

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Splits one discovery into eligible and skipped disks. */
export function split(disks: Disk[]): Pick<Selection, 'eligible' | 'skipped'> {
  const eligible: string[] = [];
  const skipped: Selection['skipped'] = [];
  for (const d of disks) {
    if (d.protections.length === 0) eligible.push(d.path);
    else skipped.push({ device: d.path, code: d.protections[0].code, reason: d.protections.map((p) => p.reason).join('; ') });
  }
  return { eligible, skipped };
}

/**
 * Discovers until the eligible list has not changed for `settleMs` (slow SAS discovery, USB
 * enumeration). An empty list does not count as settled while there is time left: an unattended
 * box was booted to erase something, and disks behind an HBA may still be arriving. After
 * `maxWaitMs` the latest discovery is taken as it is (settled: false).
 */
export async function selectEligible(discover: () => Promise<Disk[]>, o: SettleOptions): Promise<Selection> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? realSleep;
  const maxWaitMs = o.maxWaitMs ?? o.settleMs + MAX_EXTRA_WAIT_MS;
  const start = now();
  let key: string | null = null;
  let since = start;
  for (;;) {
    const sel = split(await discover());
    const t = now();
    const k = sel.eligible.join('\n');
    if (k !== key) {
      key = k;
      since = t;
    }
    const stable = t - since >= o.settleMs && (sel.eligible.length > 0 || o.settleMs === 0);
    if (stable || t - start >= maxWaitMs || o.signal?.aborted) return { ...sel, settled: stable, waitedMs: t - start };
    await sleep(Math.min(o.pollMs ?? 500, Math.max(1, maxWaitMs - (t - start))));
  }
}

export interface EligibleDeps extends WipeJobDeps {
  /** Discovery of every candidate disk with its protections (default: listDisks, no SMART). */
  discover?: () => Promise<Disk[]>;
  settle?: Omit<SettleOptions, 'signal'>;
  /** Told once the list is chosen, after the skipped disks were reported; the CLI prints a summary. */
  onSelected?: (s: Selection) => void;
}

/**
 * The whole --all-eligible job: select, report each skipped disk (disk-skipped, stage discovery),
 * then runWipeJob in skip mode on the rest. Nothing eligible: refused `nothing-eligible`, nothing
 * opened, nothing written.
 */
export async function runEligibleWipeJob(job: Omit<WipeJob, 'devices' | 'skipProtected'>, deps: EligibleDeps): Promise<WipeJobResult> {
  const discover = deps.discover ?? (() => listDisks({ all: false, smart: false, signal: deps.signal }));
  const sel = await selectEligible(discover, { settleMs: 0, ...deps.settle, signal: deps.signal });
  const refused = (kind: 'nothing-eligible' | 'interrupted', reason: string): WipeJobResult => ({
    refused: { kind, code: kind, device: null, reason },
    results: [],
    certificates: [],
    report: null,
    printFailures: 0,
  });
  if (deps.signal.aborted) return refused('interrupted', 'interrupted while waiting for the disks to settle');
  const at = new Date().toISOString();
  for (const s of sel.skipped) deps.emit({ kind: 'disk-skipped', disk: s.device, at, code: s.code, reason: s.reason, stage: 'discovery' });
  deps.onSelected?.(sel);
  if (sel.eligible.length === 0) {
    const reason = sel.skipped.length ? `no disk may be erased: all ${sel.skipped.length} found are protected` : 'no disk found';
    return refused('nothing-eligible', reason);
  }
  return runWipeJob({ ...job, devices: sel.eligible, skipProtected: true }, deps);
}
