// Job events: what a wipe job reports beyond the engine's events (certificates, printing, the
// run's manifest and system report). A separate small union, so the engine's EngineEvent stays the
// engine's; `erasebox wipe --json` prints both kinds, one per line, and the TUI maps these onto its
// run notices. Handled with an exhaustive map, like EngineEvent.
import type { DiskKey, EngineEvent } from '../engine/events';
import type { ProtectionCode } from '../hw/protect';

export type JobEvent =
  | {
      kind: 'certificate-written';
      disk: DiskKey;
      at: string;
      id: string;
      result: 'erased' | 'failed' | 'aborted';
      jsonPath: string;
      pdfPath: string | null; // null when the PDF could not be made (see warnings)
      digest: string | null; // SHA-256 hex of the canonical signed certificate
      warnings: string[]; // PDF, index.csv or configuration problems; the JSON is written
    }
  | { kind: 'certificate-failed'; disk: DiskKey; at: string; reason: string }
  | { kind: 'printed'; disk: DiskKey | null; at: string; file: string; device: string; bytes: number } // disk null: the system report
  | { kind: 'print-failed'; disk: DiskKey | null; at: string; file: string | null; device: string; reason: string }
  | { kind: 'run-report-written'; at: string; id: string; manifestPath: string; pdfPath: string | null; warnings: string[] }
  | { kind: 'run-report-failed'; at: string; reason: string }
  // `wipe --all-eligible` only: a disk found but not erased because it is protected. `stage`:
  // 'discovery' when selection left it out, 'check' when it turned protected between selection and
  // the check right before opening. Always before run-start. `reason` does not repeat the path.
  | { kind: 'disk-skipped'; disk: DiskKey; at: string; code: ProtectionCode; reason: string; stage: 'discovery' | 'check' };

export type JobEventKind = JobEvent['kind'];

/** Everything a wipe job emits, in order: engine events and job events interleaved. */
export type WipeJobEvent = EngineEvent | JobEvent;

// A mapped type: a new job kind fails to compile until it is listed here.
const JOB_KINDS: { [K in JobEventKind]: true } = {
  'certificate-written': true,
  'certificate-failed': true,
  printed: true,
  'print-failed': true,
  'run-report-written': true,
  'run-report-failed': true,
  'disk-skipped': true,
};

export const isJobEvent = (e: WipeJobEvent): e is JobEvent => Object.prototype.hasOwnProperty.call(JOB_KINDS, e.kind);

/** One handler per job event kind; a missing one is a compile error. */
export type JobEventHandlers<R> = { [K in JobEventKind]: (e: Extract<JobEvent, { kind: K }>) => R };

export function dispatchJob<R>(e: JobEvent, handlers: JobEventHandlers<R>): R {
  return (handlers[e.kind] as (x: JobEvent) => R)(e);
}
