// The certificate record (schema version 1). docs/certificate.md describes every field and
// docs/certificate.schema.json is its JSON Schema. The PDF renders this record and nothing else.
import type { ChainHop, FieldSource, SmartVerdict, TransportKind } from '../hw/types';
import type { HostIdentity, NistCategory } from './input';
import type { ErrorRange } from '../engine/result';

export const SCHEMA_VERSION = 1;
export const CERT_KIND = 'erasebox.certificate';
export const CANONICALIZATION = 'erasebox-canonical-json/1';

export interface SpeedBucket {
  min: number;
  mean: number;
  max: number;
}

export interface CertPass {
  index: number;
  kind: 'write' | 'verify';
  pattern: string;
  seed: string | null;
  startedAt: string;
  finishedAt: string;
  bytesWritten: number;
  bytesRead: number;
  verified: boolean;
  digest: string | null;
  digestAlgorithm: 'blake3' | null;
  digestOf: 'read-back' | 'written' | null;
  mismatches: number;
  throughputBytesPerSec: number;
  speedProfile: SpeedBucket[];
  ok: boolean;
}

export interface SlowZone {
  pass: number; // PassRecord.index
  firstPercent: number; // bucket index 0..99
  lastPercent: number; // inclusive
  firstLba: number;
  lastLba: number; // inclusive
  meanBytesPerSec: number; // lowest bucket mean in the zone
  medianBytesPerSec: number; // the pass's median bucket mean
}

export interface AppendixG {
  person: { name: string | null; title: string | null; organization: string | null; location: string | null; phone: string | null };
  media: {
    make: string | null;
    model: string | null;
    serial: string | null;
    propertyNumber: string | null;
    type: 'magnetic' | 'flash' | 'unknown';
    source: string | null;
    classification: string | null;
    dataBackedUp: 'yes' | 'no' | 'unknown';
    backupLocation: string | null;
  };
  sanitization: {
    methodType: 'Clear' | 'Purge' | 'None';
    methodUsed: 'Overwrite' | 'Block Erase' | 'Crypto Erase' | 'Other';
    methodDetails: string;
    toolUsed: string;
    verificationMethod: 'Full' | 'Quick Sampling' | 'None';
    postSanitizationClassification: string | null;
    notes: string | null;
  };
  destination: { kind: string | null; details: string | null };
  validation: { name: string | null; title: string | null; organization: string | null; location: string | null; phone: string | null };
}

export interface Certificate {
  kind: typeof CERT_KIND;
  schemaVersion: typeof SCHEMA_VERSION;
  id: string;
  result: 'erased' | 'failed' | 'aborted';
  reason: string | null;
  issuedAt: string;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  operator: string | null;
  customer: string | null;
  assetTag: string | null;
  language: 'en' | 'de';
  organisation: { name: string | null; address: string | null; contact: string | null; phone: string | null; email: string | null };
  customerDetails: { name: string; address: string | null; contact: string | null; phone: string | null } | null;
  device: {
    path: string;
    vendor: string | null;
    model: string | null;
    serial: string | null;
    wwn: string | null;
    firmware: string | null;
    sizeBytes: number;
    logicalSectorSize: number;
    physicalSectorSize: number;
    rotational: boolean | null;
    transport: TransportKind | null;
    chain: ChainHop[];
    identitySources: { vendor: FieldSource; model: FieldSource; serial: FieldSource; wwn: FieldSource; firmware: FieldSource };
    hpa: string;
    dco: string;
  };
  method: { id: string; label: string; nistCategory: NistCategory; rounds: number; blank: boolean; writePasses: number };
  passes: CertPass[];
  verification: {
    mode: string;
    result: 'passed' | 'failed' | 'not-run';
    digest: string | null;
    digestAlgorithm: 'blake3' | null;
    seed: string | null;
    sampleSeed: string | null;
    sampledBlocks: number | null;
    blockSize: number;
    mismatchedBlocks: number;
  };
  errors: ErrorRange[];
  ioRetries: number;
  throughput: { bytesWritten: number; bytesRead: number; averageBytesPerSec: number };
  slowZones: SlowZone[];
  slowZoneThreshold: number; // a bucket is slow below this fraction of its pass's median
  smart: { verdict: SmartVerdict; reasons: string[]; powerOnHours: number | null; temperatureC: number | null } | null;
  health: { verdict: SmartVerdict; reasons: string[] };
  appendixG: AppendixG;
  host: HostIdentity;
  tool: { name: 'erasebox'; version: string; imageSha256: string | null };
  signature: Signature;
}

export interface Signature {
  algorithm: 'Ed25519';
  canonicalization: typeof CANONICALIZATION;
  publicKey: string; // base64 of the 32 raw bytes
  fingerprint: string; // hex SHA-256 of the 32 raw bytes
  value: string; // base64 of the 64-byte signature
}

export type UnsignedCertificate = Omit<Certificate, 'signature'>;
