// Run manifest + system report, and printing to a simulated printer (FIFO / file).
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { issueCertificate } from '../../src/cert/issue';
import { writeRunReport } from '../../src/cert/report';
import { verifyFile } from '../../src/cert/verify';
import { printFile } from '../../src/cert/print';
import { fixtureConfig, fixtureInput } from './fixtures';
import { pdfText, renderPages, nonWhite, tmpStore } from './helpers';

const NOPIN = { fingerprints: [] };

t.test('run manifest and system report', async (t) => {
  const s = tmpStore(t);
  const opts = { certDir: s.certDir, keyDir: s.keyDir, config: fixtureConfig() };
  const issued = [
    await issueCertificate(fixtureInput(), { ...opts, lang: 'de' }),
    await issueCertificate(fixtureInput({ outcome: 'failed', errors: true }), opts),
    await issueCertificate(fixtureInput({ slowZone: true }), opts),
  ];
  const input = fixtureInput();
  const rep = await writeRunReport({ certDir: s.certDir, keyDir: s.keyDir, certificates: issued, host: input.host, tool: input.tool, config: fixtureConfig() });
  t.same(rep.warnings, []);
  const m = JSON.parse(fs.readFileSync(rep.manifestPath, 'utf8'));
  t.equal(m.certificates.length, 3);
  t.same(m.totals, { disks: 3, erased: 2, failed: 1, aborted: 0 });
  t.same(m.certificates.map((e: { id: string }) => e.id), issued.map((i) => i.id));
  t.same(m.certificates.map((e: { digest: string }) => e.digest), issued.map((i) => i.digest), 'record digests match issue results');
  t.equal((await verifyFile(rep.manifestPath, NOPIN)).status, 'valid');
  t.equal((await verifyFile(rep.pdfPath as string, NOPIN)).status, 'valid', 'sealed system report with embedded manifest');
  const text = pdfText(rep.pdfPath as string).replace(/\s+/g, ' ');
  for (const v of ['Systembericht', 'ESPRIMO P757', 'YM7B012345', '4c4c4544-0042-3510-8058-b7c04f4d3232', 'ZA4XK2QP', 'GELÖSCHT', 'FEHLGESCHLAGEN', 'MIT VORSICHT WIEDERVERWENDEN', issued[1].id.slice(0, 8)]) {
    t.ok(text.includes(v), `system report shows ${v}`);
  }
  renderPages(rep.pdfPath as string).forEach((p, i) => t.ok(nonWhite(p) > 0.01 * p.width * p.height, `page ${i + 1} not blank`));
  // a certificate changed after the run makes the manifest invalid
  fs.appendFileSync(issued[0].jsonPath, ' ');
  const after = await verifyFile(rep.manifestPath, NOPIN);
  t.equal(after.status, 'invalid');
  t.match(after.message, new RegExp(`${issued[0].id}\\.json changed since the manifest was signed`));
});

t.test('printing to a simulated printer (FIFO) delivers the exact PDF bytes', async (t) => {
  const s = tmpStore(t);
  const r = await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir: s.keyDir });
  const fifo = path.join(s.dir, 'lp0');
  execFileSync('mkfifo', [fifo]);
  const captured = path.join(s.dir, 'printed.bin');
  const reader = spawn('sh', ['-c', `cat "${fifo}" > "${captured}"`]);
  const done = new Promise((resolve) => reader.on('exit', resolve));
  const n = await printFile(r.pdfPath as string, fifo, { allowNonDevice: true });
  await done;
  t.equal(n, fs.statSync(r.pdfPath as string).size);
  t.same(fs.readFileSync(captured), fs.readFileSync(r.pdfPath as string));
});

t.test('printing PostScript to a simulated printer (file), and printer errors (simulated)', async (t) => {
  const s = tmpStore(t);
  const r = await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir: s.keyDir });
  const sink = path.join(s.dir, 'lp-sink');
  fs.writeFileSync(sink, '');
  await printFile(r.pdfPath as string, sink, { allowNonDevice: true, format: 'ps' });
  t.match(fs.readFileSync(sink, 'latin1').slice(0, 20), /^%!PS-Adobe/);
  await t.rejects(printFile(r.pdfPath as string, path.join(s.dir, 'no-lp')), /printer .* not found/);
  t.notOk(fs.existsSync(path.join(s.dir, 'no-lp')), 'no file created at a missing printer path');
  await t.rejects(printFile(r.pdfPath as string, sink), /not a printer device/, 'regular file refused without the test switch');
  t.ok(fs.existsSync(r.pdfPath as string), 'certificate still there');
});
