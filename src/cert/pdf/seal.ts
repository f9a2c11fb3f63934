// The PDF's own signature ("seal"). Scheme (docs/certificate.md "PDF signature"):
//   signed PDF = P || "%erasebox-sig-v1 " fingerprint " " base64(Ed25519(P)) "\n"
// where P is the complete PDF pdfkit wrote (ending in %%EOF). The trailing line is a PDF comment
// after %%EOF, which viewers ignore. The key is the certificate's key, so verify-cert checks the
// embedded JSON's signature, then this seal with the JSON's public key: any changed byte of text,
// images or attachment breaks one or the other.
import { inflateSync } from 'node:zlib';
import { sign as edSign, verify as edVerify } from 'node:crypto';
import { publicKeyFromRaw, type SigningKey } from '../keys';

const TAG = '%erasebox-sig-v1 ';
const SEAL = /\n%erasebox-sig-v1 ([0-9a-f]{64}) ([A-Za-z0-9+/]{86}==)\n$/;

export function sealPdf(pdf: Buffer, key: SigningKey): Buffer {
  const sig = edSign(null, pdf, key.privateKey).toString('base64');
  const sep = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  return Buffer.concat([pdf, Buffer.from(`${sep}${TAG}${key.fingerprint} ${sig}\n`, 'latin1')]);
}

export function isPdf(buf: Buffer): boolean {
  return buf.subarray(0, 5).toString('latin1') === '%PDF-';
}

export type SealParse = { ok: true; signed: Buffer; fingerprint: string; signature: Buffer } | { ok: false; reason: string };

export function parseSeal(buf: Buffer): SealParse {
  const tail = buf.subarray(Math.max(0, buf.length - 300)).toString('latin1');
  const m = SEAL.exec(tail);
  if (!m) return { ok: false, reason: 'PDF has no erasebox signature line at its end' };
  const sealLen = m[0].length - 1; // keep the "\n" before the tag with the signed bytes
  const signed = buf.subarray(0, buf.length - sealLen);
  const signature = Buffer.from(m[2], 'base64');
  if (signature.toString('base64') !== m[2]) return { ok: false, reason: 'PDF signature is not canonical base64' };
  return { ok: true, signed, fingerprint: m[1], signature };
}

export function checkSeal(seal: { signed: Buffer; signature: Buffer }, publicKeyRaw: Buffer): boolean {
  return edVerify(null, seal.signed, publicKeyFromRaw(publicKeyRaw), seal.signature);
}

/** Extracts every /Type /EmbeddedFile stream (pdfkit writes them Flate-compressed). */
export function embeddedFiles(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const out: Buffer[] = [];
  const re = /\d+ 0 obj\s*<<((?:(?!endobj)[\s\S])*?\/Type \/EmbeddedFile\b[\s\S]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const dict = m[1];
    const len = /\/Length (\d+)/.exec(dict);
    if (!len) throw new Error('embedded file without /Length');
    const start = m.index + m[0].length;
    const raw = pdf.subarray(start, start + Number(len[1]));
    if (raw.length !== Number(len[1])) throw new Error('embedded file stream is truncated');
    out.push(/\/Filter \/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw));
  }
  return out;
}
