// Ed25519 over the canonical JSON of the certificate whose signature block lacks `value`.
// So algorithm, key and fingerprint are signed too, and only `value` is outside the signature.
import { createHash, sign as edSign, verify as edVerify } from 'node:crypto';
import { canonicalJson } from './canonical';
import { CANONICALIZATION, type Certificate, type Signature } from './model';
import { fingerprintOf, publicKeyFromRaw, type SigningKey } from './keys';

export function signingBytes(doc: Record<string, unknown>): Buffer {
  const sig = doc.signature as Record<string, unknown>;
  const { value: _value, ...rest } = sig;
  return Buffer.from(canonicalJson({ ...doc, signature: rest }), 'utf8');
}

/** Signs any record (certificate or manifest) by adding a signature block. */
export function signRecord<T extends object>(unsigned: T, key: SigningKey): T & { signature: Signature } {
  const block: Omit<Signature, 'value'> = {
    algorithm: 'Ed25519',
    canonicalization: CANONICALIZATION,
    publicKey: key.publicKeyRaw.toString('base64'),
    fingerprint: key.fingerprint,
  };
  const doc = { ...unsigned, signature: { ...block, value: '' } } as Record<string, unknown>;
  const value = edSign(null, signingBytes(doc), key.privateKey).toString('base64');
  return { ...unsigned, signature: { ...block, value } } as T & { signature: Signature };
}

export function signCertificate(unsigned: Omit<Certificate, 'signature'>, key: SigningKey): Certificate {
  return signRecord(unsigned, key) as Certificate;
}

/** SHA-256 (hex) of the canonical form of the whole signed record: the digest in the QR code, manifest and index. */
export function recordDigest(doc: object): string {
  return createHash('sha256').update(canonicalJson(doc)).digest('hex');
}

export type SignatureCheck = { ok: true; fingerprint: string; publicKey: Buffer } | { ok: false; reason: string };

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function checkSignature(doc: Record<string, unknown>): SignatureCheck {
  const sig = doc.signature as Record<string, unknown> | undefined;
  if (!sig || typeof sig !== 'object') return { ok: false, reason: 'no signature block' };
  if (sig.algorithm !== 'Ed25519') return { ok: false, reason: `unsupported signature algorithm ${String(sig.algorithm)}` };
  if (sig.canonicalization !== CANONICALIZATION) return { ok: false, reason: `unsupported canonicalization ${String(sig.canonicalization)}` };
  if (typeof sig.publicKey !== 'string' || !B64.test(sig.publicKey)) return { ok: false, reason: 'public key is not base64' };
  if (typeof sig.value !== 'string' || !B64.test(sig.value)) return { ok: false, reason: 'signature value is not base64' };
  const raw = Buffer.from(sig.publicKey, 'base64');
  // Re-encoding must give the same text, so no two spellings of one key or signature verify.
  if (raw.length !== 32 || raw.toString('base64') !== sig.publicKey) return { ok: false, reason: 'public key is not 32 bytes of canonical base64' };
  const value = Buffer.from(sig.value, 'base64');
  if (value.length !== 64 || value.toString('base64') !== sig.value) return { ok: false, reason: 'signature is not 64 bytes of canonical base64' };
  const fp = fingerprintOf(raw);
  if (sig.fingerprint !== fp) return { ok: false, reason: 'fingerprint does not match the public key' };
  let bytes: Buffer;
  try {
    bytes = signingBytes(doc);
  } catch (err) {
    return { ok: false, reason: `not canonicalizable: ${(err as Error).message}` };
  }
  if (!edVerify(null, bytes, publicKeyFromRaw(raw), value)) return { ok: false, reason: 'signature does not match the content' };
  return { ok: true, fingerprint: fp, publicKey: raw };
}
