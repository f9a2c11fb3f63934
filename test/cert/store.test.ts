// Atomic writes, never-overwrite, key creation and reuse.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../src/cert/store';
import { loadOrCreateKey, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, parsePublicKey } from '../../src/cert/keys';
import { issueCertificate } from '../../src/cert/issue';
import { fixtureInput } from './fixtures';
import { tmpStore } from './helpers';

t.test('writeFileAtomic never replaces an existing file and leaves no temp files', async (t) => {
  const { dir } = tmpStore(t);
  const f = path.join(dir, 'a.json');
  await writeFileAtomic(f, 'first');
  await t.rejects(writeFileAtomic(f, 'second'), { code: 'EEXIST', name: 'AlreadyExistsError' });
  t.equal(fs.readFileSync(f, 'utf8'), 'first');
  t.same(fs.readdirSync(dir), ['a.json'], 'no temp file left after success or refusal');
  await writeFileAtomic(f, 'third', { overwrite: true });
  t.equal(fs.readFileSync(f, 'utf8'), 'third');
  t.same(fs.readdirSync(dir), ['a.json']);
});

t.test('a failed write leaves neither a partial file nor a temp file', async (t) => {
  const { dir } = tmpStore(t);
  const f = path.join(dir, 'missing-subdir', 'x.json');
  await t.rejects(writeFileAtomic(f, 'data'));
  t.same(fs.readdirSync(dir), []);
  // data that cannot be written (not a string/buffer) fails after the temp file exists
  await t.rejects(writeFileAtomic(path.join(dir, 'y.json'), 42 as unknown as string));
  t.same(fs.readdirSync(dir), [], 'temp file removed, final name never appeared');
});

t.test('concurrent writers of one name: exactly one wins', async (t) => {
  const { dir } = tmpStore(t);
  const f = path.join(dir, 'same.json');
  const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => writeFileAtomic(f, `writer ${i}`)));
  t.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  t.match(fs.readFileSync(f, 'utf8'), /^writer \d$/);
  t.same(fs.readdirSync(dir), ['same.json']);
});

t.test('key pair: created once with mode 0600, then reused', async (t) => {
  const { keyDir } = tmpStore(t);
  const k1 = await loadOrCreateKey(keyDir);
  const st = fs.statSync(path.join(keyDir, PRIVATE_KEY_FILE));
  t.equal(st.mode & 0o777, 0o600, 'private key mode 0600');
  t.equal(fs.statSync(keyDir).mode & 0o777, 0o700, 'key dir mode 0700');
  const k2 = await loadOrCreateKey(keyDir);
  t.equal(k2.fingerprint, k1.fingerprint);
  t.match(k1.fingerprint, /^[0-9a-f]{64}$/);
  t.same(parsePublicKey(fs.readFileSync(path.join(keyDir, PUBLIC_KEY_FILE))), k1.publicKeyRaw, 'public key file matches');
  const parallel = await Promise.all([1, 2, 3].map(() => loadOrCreateKey(path.join(keyDir, 'fresh'))));
  t.equal(new Set(parallel.map((k) => k.fingerprint)).size, 1, 'racing first uses agree on one key');
});

t.test('a run never overwrites an earlier certificate', async (t) => {
  const s = tmpStore(t);
  const a = await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir: s.keyDir, pdf: false });
  const before = fs.readFileSync(a.jsonPath);
  const b = await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir: s.keyDir, pdf: false });
  t.not(a.id, b.id);
  t.same(fs.readFileSync(a.jsonPath), before, 'first certificate untouched');
  t.same(fs.readdirSync(s.certDir).sort(), [`${a.id}.json`, `${b.id}.json`, 'index.csv'].sort(), 'no temp files');
});
