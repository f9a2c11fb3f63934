// What the wipe command hands to the certificate module for one disk.
import type { DiskResult } from '../engine/result';
import type { Disk } from '../hw/types';

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
}

export interface IssuedCertificate {
  id: string;
  jsonPath: string;
}
