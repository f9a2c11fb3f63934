// The signed run manifest: every certificate of one run with the SHA-256 of its files and of its
// canonical record, so a batch can be handed over and checked as one unit.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { HostIdentity } from './input';
import type { Certificate } from './model';
import { checkSignature, recordDigest, signRecord } from './sign';
import type { SigningKey } from './keys';
import type { Pin, VerifyResult } from './verify';

export const MANIFEST_KIND = 'erasebox.manifest';

export interface ManifestEntry {
  id: string;
  json: string; // file name, relative to the manifest
  jsonSha256: string; // SHA-256 of the JSON file's bytes
  digest: string; // SHA-256 of the canonical certificate (as in its QR code)
  pdf: string | null;
  pdfSha256: string | null;
  result: Certificate['result'];
  verdict: Certificate['health']['verdict'];
  device: { path: string; model: string | null; serial: string | null; sizeBytes: number; transport: string | null };
  methodId: string;
  durationSeconds: number;
}

export interface Manifest {
  kind: typeof MANIFEST_KIND;
  schemaVersion: 1;
  id: string;
  createdAt: string;
  host: HostIdentity;
  tool: Certificate['tool'];
  totals: { disks: number; erased: number; failed: number; aborted: number };
  certificates: ManifestEntry[];
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export async function manifestEntry(certDir: string, id: string): Promise<{ entry: ManifestEntry; cert: Certificate }> {
  const jsonBuf = await fsp.readFile(path.join(certDir, `${id}.json`));
  const cert = JSON.parse(jsonBuf.toString('utf8')) as Certificate;
  let pdfSha: string | null = null;
  try {
    pdfSha = sha256(await fsp.readFile(path.join(certDir, `${id}.pdf`)));
  } catch {
    pdfSha = null;
  }
  const d = cert.device;
  return {
    cert,
    entry: {
      id,
      json: `${id}.json`,
      jsonSha256: sha256(jsonBuf),
      digest: recordDigest(cert),
      pdf: pdfSha ? `${id}.pdf` : null,
      pdfSha256: pdfSha,
      result: cert.result,
      verdict: cert.health.verdict,
      device: { path: d.path, model: d.model, serial: d.serial, sizeBytes: d.sizeBytes, transport: d.transport },
      methodId: cert.method.id,
      durationSeconds: cert.durationSeconds,
    },
  };
}

export function buildManifest(entries: ManifestEntry[], ctx: { host: HostIdentity; tool: Certificate['tool']; createdAt: string; id?: string }, key: SigningKey): Manifest & { signature: Certificate['signature'] } {
  const count = (r: string): number => entries.filter((e) => e.result === r).length;
  return signRecord(
    {
      kind: MANIFEST_KIND,
      schemaVersion: 1 as const,
      id: ctx.id ?? randomUUID(),
      createdAt: ctx.createdAt,
      host: ctx.host,
      tool: ctx.tool,
      totals: { disks: entries.length, erased: count('erased'), failed: count('failed'), aborted: count('aborted') },
      certificates: entries,
    },
    key,
  );
}

function verdictOf(status: VerifyResult['status'], message: string, o: Record<string, unknown>, fp: string | null): VerifyResult {
  return { status, kind: 'manifest', id: typeof o.id === 'string' ? o.id : null, result: null, fingerprint: fp, message };
}

/** Signature check of a manifest (files are checked by checkManifestFiles). */
export function checkManifest(o: Record<string, unknown>, pin: Pin): VerifyResult {
  if (o.schemaVersion !== 1 || !Array.isArray(o.certificates) || typeof o.id !== 'string') return verdictOf('invalid', 'malformed manifest', o, null);
  const sig = checkSignature(o);
  if (!sig.ok) return verdictOf('invalid', sig.reason, o, null);
  if (pin.fingerprints.length && !pin.fingerprints.includes(sig.fingerprint)) return verdictOf('invalid', `signed by key ${sig.fingerprint}, which is not the pinned key`, o, sig.fingerprint);
  return verdictOf('valid', `manifest signature valid, ${o.certificates.length} certificate(s)`, o, sig.fingerprint);
}

/** Compares the listed files next to the manifest with their recorded SHA-256; returns problems. */
export async function checkManifestFiles(manifestFile: string, o: Record<string, unknown>): Promise<string[]> {
  const dir = path.dirname(manifestFile);
  const problems: string[] = [];
  for (const e of o.certificates as ManifestEntry[]) {
    for (const [name, want] of [[e.json, e.jsonSha256], [e.pdf, e.pdfSha256]] as const) {
      if (!name || !want || name.includes('/')) continue;
      try {
        if (sha256(await fsp.readFile(path.join(dir, name))) !== want) problems.push(`${name} changed since the manifest was signed`);
      } catch {
        problems.push(`${name} missing`);
      }
    }
  }
  return problems;
}
