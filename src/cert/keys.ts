// The store's Ed25519 signing key: created on first use, then reused by every run.
// <keyDir>/erasebox-ed25519.key (PKCS#8 PEM, mode 0600) and erasebox-ed25519.pub (SPKI PEM).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AlreadyExistsError, writeFileAtomic } from './store';

export const PRIVATE_KEY_FILE = 'erasebox-ed25519.key';
export const PUBLIC_KEY_FILE = 'erasebox-ed25519.pub';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyRaw: Buffer; // 32 bytes
  fingerprint: string; // hex SHA-256 of the 32 raw public key bytes
}

export function rawPublicKey(pub: KeyObject): Buffer {
  const jwk = pub.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new Error(`an Ed25519 public key has 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function fingerprintOf(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const publicKeyRaw = rawPublicKey(publicKey);
  return { privateKey, publicKey, publicKeyRaw, fingerprint: fingerprintOf(publicKeyRaw) };
}

/** Reads a public key given as SPKI PEM, 32 raw bytes, or base64 of the raw bytes. */
export function parsePublicKey(data: Buffer): Buffer {
  const text = data.toString('utf8').trim();
  if (text.startsWith('-----BEGIN')) return rawPublicKey(createPublicKey(text));
  if (data.length === 32) return data;
  const b = Buffer.from(text, 'base64');
  if (b.length === 32) return b;
  throw new Error('not an Ed25519 public key (PEM, raw 32 bytes or base64)');
}

// Creations under way in this process, per key directory. On FAT (the stick's CERTS partition)
// there are no hard links, so "create only if absent" is check-then-rename: several disks ending
// together would each make a key. One creation at a time per directory closes that in-process.
const creating = new Map<string, Promise<SigningKey>>();

export async function loadOrCreateKey(keyDir: string): Promise<SigningKey> {
  const dir = path.resolve(keyDir);
  const pending = creating.get(dir);
  if (pending) return pending;
  const p = loadOrCreateOnce(dir).finally(() => creating.delete(dir));
  creating.set(dir, p);
  return p;
}

async function loadOrCreateOnce(keyDir: string): Promise<SigningKey> {
  const keyFile = path.join(keyDir, PRIVATE_KEY_FILE);
  try {
    return fromPrivate(createPrivateKey(await fsp.readFile(keyFile, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot use signing key ${keyFile}: ${(err as Error).message}`);
  }
  await fsp.mkdir(keyDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const key = fromPrivate(privateKey);
  try {
    await writeFileAtomic(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  } catch (err) {
    // Another process created it first: use theirs, so one store has one key.
    if (err instanceof AlreadyExistsError) return fromPrivate(createPrivateKey(await fsp.readFile(keyFile, 'utf8')));
    throw err;
  }
  const pubPem = key.publicKey.export({ format: 'pem', type: 'spki' });
  await writeFileAtomic(path.join(keyDir, PUBLIC_KEY_FILE), pubPem, { overwrite: true });
  return key;
}
