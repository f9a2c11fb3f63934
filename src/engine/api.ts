// The engine's public surface, used by the wipe command and the TUI's composition root.
import type { EngineEvent } from './events';
import type { DiskResult } from './result';
import type { NistCategory } from '../cert/input';

/** none | last | all | sample:PCT (PCT in (0,100]) */
export type VerifyMode = 'none' | 'last' | 'all' | `sample:${number}`;

export interface MethodInfo {
  id: string;
  label: string;
  nistCategory: NistCategory;
  description: string; // one line
  passCount: number; // write passes in one round, without the blanking pass
  defaultVerify: VerifyMode;
}

export interface WipeRequest {
  devices: string[];
  methodId: string;
  verify: VerifyMode;
  rounds: number;
  blank: boolean;
}

export type RunWipe = (req: WipeRequest, emit: (e: EngineEvent) => void, signal: AbortSignal) => Promise<DiskResult[]>;
