// Everything the reducer understands: engine events, discovery events, run notices from the
// backend, and UI actions. One union, one mapped handler type: a new kind anywhere fails to compile
// until the reducer handles it.
import type { EngineEvent } from '../engine/events';
import type { MethodInfo } from '../engine/api';
import type { Disk, DiscoveryEvent } from '../hw/types';
import type { StoreConfig } from '../cert/config';
import type { ConfigLoad, JobDetails, PrintReport, RunNotice } from './backend';
import type { ScreenId } from './state';

export type UiAction =
  | { kind: 'resize'; cols: number; rows: number }
  | { kind: 'disks-listed'; disks: Disk[] }
  | { kind: 'discovery-failed'; reason: string }
  | { kind: 'methods-loaded'; methods: MethodInfo[] }
  | { kind: 'job-loaded'; job: JobDetails }
  | { kind: 'move'; delta: number } // cursor of the current screen; large deltas page
  | { kind: 'toggle' } // Space
  | { kind: 'select-all' }
  | { kind: 'select-none' }
  | { kind: 'adjust'; delta: number } // Left/Right on an option row
  | { kind: 'next' } // Enter on disks, method, job
  | { kind: 'back' } // Esc
  | { kind: 'goto'; screen: ScreenId }
  | { kind: 'type'; ch: string }
  | { kind: 'erase-char' }
  | { kind: 'start-sent' }
  | { kind: 'start-failed'; reason: string }
  | { kind: 'abort-request' }
  | { kind: 'abort-cancel' }
  | { kind: 'abort-sent' }
  | { kind: 'cert-summary'; lines: string[] }
  | { kind: 'message'; text: string; level: 'info' | 'error' }
  | { kind: 'new-job' }
  | { kind: 'quit' }
  | { kind: 'config-loaded'; load: ConfigLoad }
  | { kind: 'save-sent'; leave: boolean } // Settings: the save command went to the backend
  | { kind: 'config-saved'; path: string; config: StoreConfig }
  | { kind: 'config-save-failed'; errors: string[] }
  | { kind: 'discard-settings' }
  | { kind: 'print-report'; report: PrintReport }
  | { kind: 'print-failed'; reason: string };

export type Action = EngineEvent | DiscoveryEvent | RunNotice | UiAction;
export type ActionKind = Action['kind'];

/** One handler per action kind (zx's LogFormatters idea): a missing one is a compile error. */
export type ActionHandlers<S> = { [K in ActionKind]: (s: S, a: Extract<Action, { kind: K }>) => S };

/** Side effects the views ask for; the app turns them into Backend calls. */
export type Command =
  | { cmd: 'start' }
  | { cmd: 'abort' }
  | { cmd: 'open-cert' }
  | { cmd: 'quit' }
  | { cmd: 'save-settings'; leave: boolean }
  | { cmd: 'print'; all: boolean }; // the cursor disk's PDF, or every PDF of the run and the system report
