// Checks a certificate file: JSON (schema + Ed25519 over the canonical form) or PDF (its seal
// over all bytes, plus the embedded JSON). Three outcomes, matching verify-cert's exit codes:
// valid, invalid (tampered or malformed certificate), unreadable (not a certificate at all).
import { promises as fsp } from 'node:fs';
import { parseJsonStrict } from './canonical';
import { CERTIFICATE_SCHEMA } from './schema';
import { validateSchema } from './validate';
import { checkSignature } from './sign';
import { CERT_KIND } from './model';
import { checkSeal, embeddedFiles, isPdf, parseSeal } from './pdf/seal';
import { MANIFEST_KIND, checkManifest, checkManifestFiles } from './manifest';

export type VerifyStatus = 'valid' | 'invalid' | 'unreadable';
export interface VerifyResult {
  status: VerifyStatus;
  kind: 'json' | 'pdf' | 'manifest' | null;
  id: string | null;
  result: string | null;
  fingerprint: string | null;
  message: string;
}
export interface Pin {
  fingerprints: string[]; // accepted signer fingerprints (hex); empty: not pinned
}

// status, kind and message always win over the identity fields copied from `extra`
const out = (status: VerifyStatus, kind: VerifyResult['kind'], message: string, extra: Partial<VerifyResult> = {}): VerifyResult => ({
  id: extra.id ?? null,
  result: extra.result ?? null,
  fingerprint: extra.fingerprint ?? null,
  status,
  kind,
  message,
});

export function verifyCertificateText(text: string, pin: Pin, kind: 'json' | 'pdf' = 'json'): VerifyResult {
  let doc: unknown;
  try {
    doc = parseJsonStrict(text);
  } catch (err) {
    // A file that carries the certificate marker but no longer parses was damaged: invalid.
    const looksLikeCert = text.includes('"erasebox.certificate"') || text.includes('"erasebox.manifest"');
    return out(kind === 'pdf' || looksLikeCert ? 'invalid' : 'unreadable', kind, `${looksLikeCert ? 'damaged certificate, ' : ''}not JSON: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return out('unreadable', kind, 'not a certificate (not a JSON object)');
  const o = doc as Record<string, unknown>;
  if (o.kind === MANIFEST_KIND) return { ...checkManifest(o, pin), kind: kind === 'pdf' ? 'pdf' : 'manifest' };
  if (o.kind !== CERT_KIND || !('schemaVersion' in o) || !('signature' in o)) return out(kind === 'pdf' ? 'invalid' : 'unreadable', kind, 'not an erasebox certificate');
  const id = typeof o.id === 'string' ? o.id : null;
  if (o.schemaVersion !== 1) return out('invalid', kind, `unsupported schemaVersion ${JSON.stringify(o.schemaVersion)}`, { id });
  const problems = validateSchema(CERTIFICATE_SCHEMA, o);
  if (problems.length) return out('invalid', kind, `does not match the certificate schema: ${problems.slice(0, 3).join('; ')}`, { id });
  const sig = checkSignature(o);
  if (!sig.ok) return out('invalid', kind, sig.reason, { id });
  const extra = { id, result: String(o.result), fingerprint: sig.fingerprint };
  if (pin.fingerprints.length && !pin.fingerprints.includes(sig.fingerprint)) return out('invalid', kind, `signed by key ${sig.fingerprint}, which is not the pinned key`, extra);
  return out('valid', kind, `signature valid, result ${String(o.result)}`, extra);
}

export function verifyPdfBytes(buf: Buffer, pin: Pin): VerifyResult {
  const seal = parseSeal(buf);
  if (!seal.ok) return out('invalid', 'pdf', seal.reason);
  let files: Buffer[];
  try {
    files = embeddedFiles(seal.signed);
  } catch (err) {
    return out('invalid', 'pdf', `embedded certificate unreadable: ${(err as Error).message}`);
  }
  if (files.length !== 1) return out('invalid', 'pdf', `expected one embedded certificate, found ${files.length}`);
  const inner = verifyCertificateText(files[0].toString('utf8'), pin, 'pdf');
  if (inner.status !== 'valid') return { ...inner, status: 'invalid', message: `embedded certificate: ${inner.message}` };
  if (seal.fingerprint !== inner.fingerprint) return out('invalid', 'pdf', 'PDF was sealed by a different key than the certificate it embeds', inner);
  const sigCheck = checkSignature(JSON.parse(files[0].toString('utf8')) as Record<string, unknown>);
  if (!sigCheck.ok || !checkSeal(seal, sigCheck.publicKey)) return out('invalid', 'pdf', 'PDF content changed after signing (signature over the PDF bytes does not match)', inner);
  return { ...inner, kind: 'pdf', message: `PDF and embedded certificate signatures valid, result ${inner.result ?? ''}` };
}

export async function verifyFile(file: string, pin: Pin): Promise<VerifyResult> {
  let buf: Buffer;
  try {
    buf = await fsp.readFile(file);
  } catch (err) {
    return out('unreadable', null, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (isPdf(buf)) return verifyPdfBytes(buf, pin);
  const res = verifyCertificateText(buf.toString('utf8'), pin);
  if (res.kind === 'json' || res.status !== 'valid') return res;
  // A valid manifest is only as good as the files it lists: check them when they are beside it.
  const problems = await checkManifestFiles(file, JSON.parse(buf.toString('utf8')) as Record<string, unknown>);
  return problems.length ? { ...res, status: 'invalid', message: `${res.message}, but ${problems.join('; ')}` } : res;
}
