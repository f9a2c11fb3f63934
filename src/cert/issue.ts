// Issues one certificate per disk: build the record, sign it, write <id>.json (never
// overwriting), then <id>.pdf and a row in index.csv. The JSON is the source of truth: a PDF or
// index problem becomes a warning on the result, never a lost certificate.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CertificateInput, IssueOptions, IssuedCertificate } from './input';
import { ConfigFileError, emptyConfig, loadConfig, type StoreConfig } from './config';
import { buildCertificate } from './build';
import { loadOrCreateKey } from './keys';
import { recordDigest, signCertificate } from './sign';
import { writeFileAtomic } from './store';
import { appendIndex } from './csv';
import { writeCertificatePdf } from './pdf/file';

export async function resolveConfig(certDir: string, given: StoreConfig | undefined, warnings: string[]): Promise<StoreConfig> {
  if (given) return given;
  try {
    return await loadConfig(certDir);
  } catch (err) {
    warnings.push(err instanceof ConfigFileError ? `configuration ignored: ${err.message.split('\n')[0]}` : `configuration ignored: ${(err as Error).message}`);
    return emptyConfig();
  }
}

export async function issueCertificate(input: CertificateInput, opts: IssueOptions): Promise<IssuedCertificate> {
  const warnings: string[] = [];
  await fsp.mkdir(opts.certDir, { recursive: true });
  const config = await resolveConfig(opts.certDir, opts.config, warnings);
  const lang = opts.lang ?? config.defaults.language ?? 'en';
  const key = await loadOrCreateKey(opts.keyDir);
  const id = randomUUID();
  const issuedAt = (opts.now ?? (() => new Date()))().toISOString();
  const cert = signCertificate(buildCertificate(input, { id, issuedAt, config, lang }), key);
  const jsonPath = path.join(opts.certDir, `${id}.json`);
  // Pretty-printed for people; the signature covers the canonical form, not these bytes.
  await writeFileAtomic(jsonPath, JSON.stringify(cert, null, 2) + '\n');
  const digest = recordDigest(cert);

  let pdfPath: string | null = null;
  if (opts.pdf !== false) {
    try {
      pdfPath = await writeCertificatePdf(cert, key, opts.certDir, config);
    } catch (err) {
      warnings.push(`PDF not written: ${(err as Error).message}`);
    }
  }
  if (opts.index !== false) {
    try {
      await appendIndex(opts.certDir, cert, { json: path.basename(jsonPath), pdf: pdfPath ? path.basename(pdfPath) : null, sha256: digest });
    } catch (err) {
      warnings.push(`index.csv not updated: ${(err as Error).message}`);
    }
  }
  return { id, jsonPath, pdfPath, digest, result: cert.result, warnings };
}
