// erasebox verify-cert: exit codes and one line per file, in-process and through ./dist/erasebox.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import verifyCert from '../../src/cli/verify-cert';
import { issueCertificate } from '../../src/cert/issue';
import { loadOrCreateKey, PUBLIC_KEY_FILE } from '../../src/cert/keys';
import { fixtureInput } from './fixtures';
import { fakeIo, tmpStore } from './helpers';

async function setup(t: Parameters<typeof tmpStore>[0]) {
  const s = tmpStore(t);
  const ok = await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir: s.keyDir });
  const failed = await issueCertificate(fixtureInput({ outcome: 'failed', errors: true }), { certDir: s.certDir, keyDir: s.keyDir, pdf: false });
  const tampered = path.join(s.dir, 'tampered.json');
  fs.writeFileSync(tampered, fs.readFileSync(ok.jsonPath, 'utf8').replace('"ZA4XK2QP"', '"ZA4XK2QX"'));
  const tamperedPdf = path.join(s.dir, 'tampered.pdf');
  const pdf = fs.readFileSync(ok.pdfPath as string);
  pdf[Math.floor(pdf.length / 2)] ^= 0x20;
  fs.writeFileSync(tamperedPdf, pdf);
  const notJson = path.join(s.dir, 'notes.txt');
  fs.writeFileSync(notJson, 'hello\n');
  const otherJson = path.join(s.dir, 'other.json');
  fs.writeFileSync(otherJson, '{"name":"not a certificate"}');
  const key = await loadOrCreateKey(s.keyDir);
  return { ...s, ok, failed, tampered, tamperedPdf, notJson, otherJson, key };
}

t.test('exit codes and lines, in-process', async (t) => {
  const f = await setup(t);
  const run = async (argv: string[]) => {
    const io = fakeIo();
    const code = await verifyCert(argv, io.io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };
  let r = await run([f.ok.jsonPath, f.ok.pdfPath as string, f.failed.jsonPath]);
  t.equal(r.code, 0, 'all valid (a valid certificate of a failed disk is still a valid certificate)');
  t.equal(r.out.trim().split('\n').length, 3, 'one line per file');
  t.match(r.out, new RegExp(`^OK ${f.ok.jsonPath}: json ${f.ok.id} signature valid, result erased`, 'm'));
  t.match(r.out, /^OK .*\.pdf: pdf .* PDF and embedded certificate signatures valid/m);
  t.match(r.out, /result failed/);
  t.match(r.err, /warning: no --pubkey\/--fingerprint given/);

  r = await run([f.ok.jsonPath, f.tampered]);
  t.equal(r.code, 1);
  t.match(r.out, /^INVALID .*tampered\.json: .*signature does not match the content/m);
  r = await run([f.tamperedPdf]);
  t.equal(r.code, 1);
  t.match(r.out, /^INVALID /);
  for (const bad of [f.notJson, f.otherJson, path.join(f.dir, 'missing.json')]) {
    r = await run([bad]);
    t.equal(r.code, 2, `unreadable: ${path.basename(bad)}`);
    t.match(r.out, /^UNREADABLE /);
  }
  r = await run([f.tampered, f.notJson]);
  t.equal(r.code, 2, 'unreadable outranks invalid');

  r = await run(['--fingerprint', f.key.fingerprint, f.ok.jsonPath]);
  t.equal(r.code, 0);
  t.notMatch(r.err, /warning/, 'pinned: no warning');
  r = await run(['--fingerprint', 'a'.repeat(64), f.ok.jsonPath]);
  t.equal(r.code, 1);
  t.match(r.out, /not the pinned key/);
  r = await run(['--pubkey', path.join(f.keyDir, PUBLIC_KEY_FILE), f.ok.pdfPath as string]);
  t.equal(r.code, 0, 'pinned by PEM public key');
  r = await run(['--json', f.ok.jsonPath]);
  t.same(JSON.parse(r.out).status, 'valid');

  t.equal((await run([])).code, 2, 'no files: usage');
  t.equal((await run(['--bogus', f.ok.jsonPath])).code, 2);
  t.equal((await run(['--fingerprint', 'xyz', f.ok.jsonPath])).code, 2);
  t.equal((await run(['--pubkey', f.notJson, f.ok.jsonPath])).code, 2);
});

t.test('through ./dist/erasebox', async (t) => {
  const bin = path.resolve(__dirname, '../../dist/erasebox');
  t.ok(fs.existsSync(bin), 'dist/erasebox exists (npm test builds it first)');
  const f = await setup(t);
  const call = (args: string[]) => spawnSync(bin, ['verify-cert', ...args], { encoding: 'utf8' });
  let r = call([f.ok.jsonPath, f.ok.pdfPath as string]);
  t.equal(r.status, 0, r.stderr);
  t.equal(r.stdout.trim().split('\n').length, 2);
  r = call([f.ok.jsonPath, f.tampered]);
  t.equal(r.status, 1);
  r = call([f.tamperedPdf]);
  t.equal(r.status, 1);
  r = call([f.notJson]);
  t.equal(r.status, 2);
});
