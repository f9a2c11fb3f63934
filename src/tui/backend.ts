// The TUI's only window on the world. Views and the reducer never touch a device or a file: the
// composition root (src/cli/tui.ts) builds a Backend from discovery, the engine and the
// certificate module; tests and demos may build a simulated one.
import type { EngineEvent, DiskKey } from '../engine/events';
import type { MethodInfo, WipeRequest } from '../engine/api';
import type { Disk, DiscoveryEvent } from '../hw/types';
import type { StoreConfig } from '../cert/config';

/** Who ran the job and for whom; remembered between runs through the Backend. */
export interface JobDetails {
  operator: string;
  customer: string;
  assetTag: string;
}

export const EMPTY_JOB: JobDetails = { operator: '', customer: '', assetTag: '' };

export interface StartRequest extends WipeRequest {
  job: JobDetails;
}

/** What a run reports beyond engine events: certificates and free log lines. */
export type RunNotice =
  | { kind: 'certificate'; at: string; disk: DiskKey; id: string; jsonPath: string; pdfPath: string | null }
  | { kind: 'certificate-failed'; at: string; disk: DiskKey; reason: string }
  | { kind: 'run-report'; at: string; manifestPath: string; pdfPath: string | null }
  | { kind: 'log'; at: string; line: string };

/** The store configuration as read: `errors` are "erasebox.conf:LINE: message" lines; `config`
 *  then holds the lines that were valid. A missing file is the empty configuration. */
export interface ConfigLoad {
  path: string;
  config: StoreConfig;
  errors: string[];
}

/** What one print action did: every file printed, or why not (the files themselves stay). */
export interface PrintReport {
  device: string;
  results: { file: string; ok: boolean; detail: string }[]; // detail: bytes sent, or the reason
}

export interface RunCallbacks {
  event: (e: EngineEvent) => void;
  notice: (n: RunNotice) => void;
}

export interface RunHandle {
  /** Ask every disk job to stop; their certificates say "aborted". */
  abort: () => void;
  /** Settles when every disk has ended and every certificate was written (or failed). */
  done: Promise<void>;
}

export interface Backend {
  /** A name shown in the title bar when the backend is not the real one. */
  readonly label: string | null;
  listDisks: () => Promise<Disk[]>;
  /** Hot-plug events; returns the function that stops watching. */
  watch: (onEvent: (e: DiscoveryEvent) => void) => () => void;
  methods: () => Promise<MethodInfo[]>;
  loadJob: () => Promise<JobDetails>;
  saveJob: (job: JobDetails) => Promise<void>;
  start: (req: StartRequest, on: RunCallbacks) => RunHandle;
  /** Human lines summarising one certificate (read and checked by the backend). */
  certificateSummary: (jsonPath: string) => Promise<string[]>;
  /** <cert-dir>/erasebox.conf; rejects only when the file cannot be read at all. */
  loadConfig: () => Promise<ConfigLoad>;
  /** Validates, then writes atomically; resolves to the file's path. A rejection's message holds
   *  one "erasebox.conf:LINE: message" line per problem, and nothing was written. */
  saveConfig: (config: StoreConfig) => Promise<string>;
  /** Sends PDFs, one after another, to the configured printer (erasebox.conf [printer], else
   *  $ERASEBOX_PRINTER). Rejects when no printer is set; a failing printer is in the report. */
  print: (files: string[]) => Promise<PrintReport>;
}
