// Renders, seals and stores <certDir>/<id>.pdf next to its JSON.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Certificate } from '../model';
import type { StoreConfig } from '../config';
import type { SigningKey } from '../keys';
import { writeFileAtomic } from '../store';
import { renderCertificatePdf } from './render';
import { sealPdf } from './seal';

/** Reads the configured logo (path relative to the store); a missing logo is no logo. */
export async function readLogo(storeDir: string, config: StoreConfig): Promise<Buffer | null> {
  const p = config.organisation.logo;
  if (!p) return null;
  try {
    const buf = await fsp.readFile(path.resolve(storeDir, p));
    const png = buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const jpeg = buf[0] === 0xff && buf[1] === 0xd8;
    return png || jpeg ? buf : null;
  } catch {
    return null;
  }
}

export async function writeCertificatePdf(cert: Certificate, key: SigningKey, certDir: string, config: StoreConfig, lang?: 'en' | 'de'): Promise<string> {
  const pdf = sealPdf(await renderCertificatePdf(cert, { logo: await readLogo(certDir, config), lang }), key);
  const file = path.join(certDir, `${cert.id}.pdf`);
  await writeFileAtomic(file, pdf);
  return file;
}
