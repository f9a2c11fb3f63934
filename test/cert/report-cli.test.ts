// erasebox report: re-render a PDF in another language, check-config, print errors (simulated).
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import report from '../../src/cli/report';
import { issueCertificate } from '../../src/cert/issue';
import { verifyFile } from '../../src/cert/verify';
import { fixtureInput } from './fixtures';
import { fakeIo, pdfText, tmpStore } from './helpers';

t.test('report pdf re-renders a missing PDF in German; the result verifies', async (t) => {
  const s = tmpStore(t);
  const keyDir = path.join(s.certDir, 'keys');
  const r = await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir, pdf: false });
  const f = fakeIo();
  t.equal(await report(['pdf', '--lang', 'de', r.jsonPath], f.io), 0, f.err.join(''));
  const pdf = path.join(s.certDir, `${r.id}.pdf`);
  t.equal((await verifyFile(pdf, { fingerprints: [] })).status, 'valid');
  t.match(pdfText(pdf), /Löschzertifikat/);
  const again = fakeIo();
  t.equal(await report(['pdf', r.jsonPath], again.io), 1, 'never overwrites an existing PDF');
  t.match(again.err.join(''), /already exists/);
});

t.test('report check-config gives line-precise errors', async (t) => {
  const s = tmpStore(t);
  fs.mkdirSync(s.certDir, { recursive: true });
  fs.writeFileSync(path.join(s.certDir, 'erasebox.conf'), '[defaults]\nlanguage = de\ndestination = moon\n');
  const f = fakeIo();
  t.equal(await report(['check-config', s.certDir], f.io), 2);
  t.match(f.err.join(''), /erasebox\.conf:3: destination must be one of/);
  fs.writeFileSync(path.join(s.certDir, 'erasebox.conf'), '[defaults]\nlanguage = de\n');
  const g = fakeIo();
  t.equal(await report(['check-config', s.certDir], g.io), 0);
});

t.test('report print: a missing printer is a clear message (simulated)', async (t) => {
  const s = tmpStore(t);
  const r = await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir: s.keyDir });
  const f = fakeIo();
  t.equal(await report(['print', '--device', path.join(s.dir, 'lp9'), r.pdfPath as string], f.io), 1);
  t.match(f.err.join(''), /printer .*lp9 not found/);
  t.equal(await report(['print', r.pdfPath as string], fakeIo().io), 2, 'no --device');
});
