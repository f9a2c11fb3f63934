// What the wipe command hands to the certificate module for one disk.
import type { DiskResult } from '../engine/result';
import type { Disk } from '../hw/types';
import type { Lang, StoreConfig } from './config';

export type NistCategory = 'clear' | 'purge' | 'none';

export interface HostIdentity {
  hostname: string;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  uuid: string | null;
  bios: string | null;
  cpu: string | null;
  memoryBytes: number | null;
}

export interface CertificateInput {
  result: DiskResult;
  disk: Disk | null; // identity, transport chain, SMART from discovery; null if discovery failed
  method: { id: string; label: string; nistCategory: NistCategory };
  job: { operator: string | null; customer: string | null; assetTag: string | null };
  tool: { name: 'erasebox'; version: string; imageSha256: string | null };
  host: HostIdentity;
}

export interface IssueOptions {
  certDir: string; // certificates are written as <certDir>/<id>.json (and .pdf)
  keyDir: string; // Ed25519 key pair, created on first use
  /** Store configuration; default: read <certDir>/erasebox.conf (an invalid file gives a warning). */
  config?: StoreConfig;
  /** PDF language; default: config defaults.language, else English. JSON keys never change. */
  lang?: Lang;
  /** Write <id>.pdf next to the JSON (default true). */
  pdf?: boolean;
  /** Append a row to <certDir>/index.csv (default true). */
  index?: boolean;
  /** Clock for issuedAt (tests). */
  now?: () => Date;
}

export interface IssuedCertificate {
  id: string;
  jsonPath: string;
  /** <certDir>/<id>.pdf, or null when no PDF was written (see warnings). */
  pdfPath?: string | null;
  /** SHA-256 hex of the canonical signed certificate (QR code, manifest, index). */
  digest?: string;
  result?: 'erased' | 'failed' | 'aborted';
  /** Problems that did not stop the JSON certificate (PDF, index, configuration). */
  warnings?: string[];
}
