// Engine events: a discriminated union. Every consumer (CLI --json, TUI reducer, certificate
// builder) handles them with an exhaustive switch or an EventHandlers map, so a new kind fails to
// compile until every consumer handles it.
import type { DiskResult } from './result';

/** Stable identity of one disk within one run: the device path given by the user. */
export type DiskKey = string;

export type PassKind = 'write' | 'verify';

export type EngineEvent =
  | { kind: 'run-start'; runId: string; at: string; disks: DiskKey[]; methodId: string }
  | { kind: 'disk-start'; disk: DiskKey; at: string; sizeBytes: number; passes: number }
  | {
      kind: 'pass-start';
      disk: DiskKey;
      at: string;
      pass: number; // 1-based, counts write and verify passes alike
      passes: number;
      passKind: PassKind;
      pattern: string; // human label, e.g. "0x00", "random", "0x92 0x49 0x24"
    }
  | {
      kind: 'progress';
      disk: DiskKey;
      at: string;
      pass: number;
      passes: number;
      passKind: PassKind;
      bytesDone: number; // in this pass
      bytesTotal: number; // of this pass
      rateBytesPerSec: number; // smoothed over the last samples
      etaSeconds: number | null; // whole disk job, all remaining passes
    }
  | {
      kind: 'pass-end';
      disk: DiskKey;
      at: string;
      pass: number;
      passKind: PassKind;
      ok: boolean;
      digest: string | null; // hex BLAKE3 of the bytes written or read back
      mismatchedBlocks: number;
    }
  | { kind: 'io-error'; disk: DiskKey; at: string; op: 'read' | 'write' | 'flush'; offset: number; length: number; code: string; retry: number }
  | { kind: 'disk-end'; disk: DiskKey; at: string; result: DiskResult }
  | { kind: 'run-end'; at: string; erased: number; failed: number; aborted: number };

export type EngineEventKind = EngineEvent['kind'];

/** One handler per event kind; the mapped type makes a missing handler a compile error. */
export type EventHandlers<R> = { [K in EngineEventKind]: (e: Extract<EngineEvent, { kind: K }>) => R };

export function dispatch<R>(e: EngineEvent, handlers: EventHandlers<R>): R {
  return (handlers[e.kind] as (x: EngineEvent) => R)(e);
}
