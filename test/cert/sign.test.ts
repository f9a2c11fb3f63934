// Issue, sign, verify, and every kind of tampering the brief names.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { issueCertificate } from '../../src/cert/issue';
import { verifyCertificateText, verifyFile } from '../../src/cert/verify';
import { signCertificate } from '../../src/cert/sign';
import { fingerprintOf, rawPublicKey, loadOrCreateKey, type SigningKey } from '../../src/cert/keys';
import type { Certificate } from '../../src/cert/model';
import { fixtureConfig, fixtureInput } from './fixtures';
import { tmpStore } from './helpers';

const NOPIN = { fingerprints: [] };

async function issued(t: Parameters<typeof tmpStore>[0]): Promise<{ file: string; text: string; cert: Certificate; keyDir: string; certDir: string }> {
  const s = tmpStore(t);
  const r = await issueCertificate(fixtureInput({ slowZone: true, retries: 2 }), { certDir: s.certDir, keyDir: s.keyDir, config: fixtureConfig(), pdf: false });
  const text = fs.readFileSync(r.jsonPath, 'utf8');
  return { file: r.jsonPath, text, cert: JSON.parse(text) as Certificate, keyDir: s.keyDir, certDir: s.certDir };
}

t.test('round trip: issued certificate verifies and carries its key', async (t) => {
  const { file, cert, keyDir } = await issued(t);
  t.match(path.basename(file), /^[0-9a-f-]{36}\.json$/);
  t.equal(path.basename(file), `${cert.id}.json`);
  t.match(cert.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const key = await loadOrCreateKey(keyDir);
  t.equal(cert.signature.fingerprint, key.fingerprint);
  t.equal(cert.signature.publicKey, key.publicKeyRaw.toString('base64'));
  const r = await verifyFile(file, NOPIN);
  t.equal(r.status, 'valid', r.message);
  t.equal(r.id, cert.id);
  t.equal(r.result, 'erased');
  t.equal((await verifyFile(file, { fingerprints: [key.fingerprint] })).status, 'valid');
  const other = 'ab'.repeat(32);
  t.equal((await verifyFile(file, { fingerprints: [other] })).status, 'invalid', 'pinned to another key');
});

t.test('changed values are caught', async (t) => {
  const { cert } = await issued(t);
  const cases: [string, (c: Record<string, any>) => void][] = [
    ['serial', (c) => (c.device.serial = 'ZA4XK2QQ')],
    ['result', (c) => (c.result = 'failed')],
    ['number', (c) => (c.device.sizeBytes += 512)],
    ['pass digest', (c) => (c.passes[3].digest = c.passes[3].digest.replace(/^a/, 'b'))],
    ['speed bucket', (c) => (c.passes[1].speedProfile[63].mean += 1)],
    ['removed field', (c) => delete c.operator],
    ['removed error list entry', (c) => c.slowZones.pop()],
    ['added field', (c) => (c.extra = 1)],
    ['signature value', (c) => (c.signature.value = (c.signature.value[0] === 'A' ? 'B' : 'A') + c.signature.value.slice(1))],
    ['fingerprint', (c) => (c.signature.fingerprint = 'f'.repeat(64))],
    ['schemaVersion', (c) => (c.schemaVersion = 2)],
    ['type change', (c) => (c.ioRetries = '2')],
  ];
  for (const [name, mutate] of cases) {
    const c = structuredClone(cert) as Record<string, any>;
    mutate(c);
    const r = verifyCertificateText(JSON.stringify(c, null, 2), NOPIN);
    t.equal(r.status, 'invalid', `${name}: ${r.message}`);
  }
});

t.test('swapped key: re-signed by another key verifies only without a pin', async (t) => {
  const { cert, keyDir } = await issued(t);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  const mallory: SigningKey = { privateKey, publicKey, publicKeyRaw: raw, fingerprint: fingerprintOf(raw) };
  const { signature: _s, ...unsigned } = cert;
  const forged = signCertificate({ ...unsigned, result: 'erased', device: { ...cert.device, serial: 'FORGED' } }, mallory);
  const text = JSON.stringify(forged);
  t.equal(verifyCertificateText(text, NOPIN).status, 'valid', 'integrity only: the embedded key signs its own content');
  const real = await loadOrCreateKey(keyDir);
  const pinned = verifyCertificateText(text, { fingerprints: [real.fingerprint] });
  t.equal(pinned.status, 'invalid');
  t.match(pinned.message, /not the pinned key/);
  // only the public key swapped, signature kept: fails
  const swapped = { ...cert, signature: { ...cert.signature, publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) } };
  t.equal(verifyCertificateText(JSON.stringify(swapped), NOPIN).status, 'invalid');
});

t.test('reordered keys and whitespace are not tampering (canonical content is signed)', async (t) => {
  const { cert } = await issued(t);
  const reversed = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
  t.equal(verifyCertificateText(JSON.stringify(reversed(cert)), NOPIN).status, 'valid', 'keys reversed');
  t.equal(verifyCertificateText(JSON.stringify(cert), NOPIN).status, 'valid', 'compact');
  t.equal(verifyCertificateText(JSON.stringify(cert, null, '\t') + '\n\n', NOPIN).status, 'valid', 'tabs');
  // but reordering array elements is a content change
  const c = structuredClone(cert);
  c.passes.reverse();
  t.equal(verifyCertificateText(JSON.stringify(c), NOPIN).status, 'invalid', 'array order is content');
  // and a duplicated key is refused even when the last value is the signed one
  const dup = JSON.stringify(cert).replace('"result":"erased"', '"result":"failed","result":"erased"');
  t.equal(verifyCertificateText(dup, NOPIN).status, 'invalid', 'duplicate key');
});

t.test('any flipped byte of the file is caught', async (t) => {
  const { text } = await issued(t);
  const bytes = Buffer.from(text, 'utf8');
  const sigAt = text.indexOf('"value"');
  const positions = new Set<number>();
  for (let i = 0; i < bytes.length; i += 41) positions.add(i); // spread over the whole file
  for (let i = sigAt; i < sigAt + 100; i++) positions.add(i); // every byte of the signature value
  for (let i = 0; i < 200; i++) positions.add(i);
  let caught = 0;
  for (const i of positions) {
    const b = Buffer.from(bytes);
    b[i] ^= 0x01;
    const r = verifyCertificateText(b.toString('utf8'), NOPIN);
    if (r.status !== 'valid') caught++;
    else t.fail(`flip at byte ${i} (${JSON.stringify(text.slice(Math.max(0, i - 10), i + 10))}) not caught`);
  }
  t.equal(caught, positions.size, `${positions.size} flips, all rejected`);
});

t.test('unreadable versus invalid', async (t) => {
  t.equal(verifyCertificateText('not json at all', NOPIN).status, 'unreadable');
  t.equal(verifyCertificateText('{"hello":1}', NOPIN).status, 'unreadable');
  t.equal(verifyCertificateText('[1,2]', NOPIN).status, 'unreadable');
  t.equal(verifyCertificateText('{"kind":"erasebox.certificate", "schemaVersion":1, "signature":{}', NOPIN).status, 'invalid', 'damaged certificate');
  t.equal((await verifyFile('/nonexistent/x.json', NOPIN)).status, 'unreadable');
});

t.test('keys: many concurrent first uses in one process make exactly one key (simulated FAT: no link())', async (t) => {
  const { loadOrCreateKey } = await import('../../src/cert/keys');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-keys-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Simulated FAT: link(2) refused, as vfat does, so the store falls back to check-then-rename.
  const link = fs.promises.link;
  fs.promises.link = async () => {
    throw Object.assign(new Error('simulated vfat: no hard links'), { code: 'EPERM' });
  };
  t.teardown(() => {
    fs.promises.link = link;
  });
  const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKey(path.join(dir, 'keys'))));
  t.equal(new Set(keys.map((k) => k.fingerprint)).size, 1, 'one fingerprint');
  const again = await loadOrCreateKey(path.join(dir, 'keys'));
  t.equal(again.fingerprint, keys[0].fingerprint, 'the stored key is reused');
});
