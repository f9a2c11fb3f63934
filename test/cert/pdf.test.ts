// The certificate PDF: every field in both languages (pdftotext), pages drawn (pdftoppm), the
// speed chart and slow zones visible, and the seal catching any changed byte.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import * as QRCode from 'qrcode';
import { issueCertificate } from '../../src/cert/issue';
import { verifyFile, verifyPdfBytes } from '../../src/cert/verify';
import { embeddedFiles, sealPdf } from '../../src/cert/pdf/seal';
import { loadOrCreateKey } from '../../src/cert/keys';
import { recordDigest } from '../../src/cert/sign';
import { TABLES, type StringKey } from '../../src/cert/pdf/strings';
import type { Certificate } from '../../src/cert/model';
import { fixtureConfig, fixtureInput, type FixtureOptions } from './fixtures';
import { countColour, nonWhite, pdfText, renderPages, tmpStore } from './helpers';

const NOPIN = { fingerprints: [] };
// Labels the per-disk certificate must print (the system-report-only strings are excluded).
const CERT_LABELS: StringKey[] = [
  'title', 'subtitle', 'certificateId', 'issuedAt', 'secMedia', 'make', 'model', 'serial', 'propertyNumber', 'mediaType', 'source',
  'classification', 'dataBackedUp', 'backupLocation', 'secSanitization', 'methodType', 'methodUsed', 'methodDetails', 'toolUsed',
  'verificationMethod', 'postClassification', 'notes', 'secDestination', 'destination', 'secSignOff', 'secPerson', 'validation', 'name',
  'titleField', 'organization', 'location', 'phone', 'signature', 'date', 'secDevice', 'devicePath', 'wwn', 'firmware', 'capacity',
  'sectors', 'rotational', 'transport', 'chain', 'identitySources', 'hpaDco', 'secHealth', 'verdict', 'smartVerdict', 'reasons',
  'powerOnHours', 'temperature', 'secRun', 'started', 'finished', 'duration', 'bytesWritten', 'bytesRead', 'avgThroughput', 'method',
  'rounds', 'blanking', 'operator', 'customer', 'assetTag', 'secVerification', 'mode', 'sampleSeed', 'sampledBlocks', 'blockSize',
  'mismatchedBlocks', 'secPasses', 'colPass', 'colPattern', 'colDuration', 'colVerified', 'secErrors', 'ioRetries', 'secSpeed',
  'slowZones', 'secHost', 'hostname', 'manufacturer', 'uuid', 'bios', 'cpu', 'memory', 'secTool', 'tool', 'imageSha256', 'certDigest',
  'sigAlgorithm', 'fingerprint', 'publicKey', 'sigValue', 'warning',
];

async function makePdf(t: Parameters<typeof tmpStore>[0], lang: 'en' | 'de', o: FixtureOptions): Promise<{ pdf: string; cert: Certificate; certDir: string }> {
  const s = tmpStore(t);
  fs.mkdirSync(s.certDir, { recursive: true });
  const config = fixtureConfig();
  fs.writeFileSync(path.join(s.certDir, 'logo.png'), await QRCode.toBuffer('LOGO', { type: 'png', margin: 0, scale: 3, color: { dark: '#1f4e79' } }));
  config.organisation.logo = 'logo.png';
  const r = await issueCertificate(fixtureInput(o), { certDir: s.certDir, keyDir: s.keyDir, config, lang });
  t.same(r.warnings, []);
  t.equal(r.pdfPath, path.join(s.certDir, `${r.id}.pdf`), '<id>.pdf next to <id>.json');
  return { pdf: r.pdfPath as string, cert: JSON.parse(fs.readFileSync(r.jsonPath, 'utf8')) as Certificate, certDir: s.certDir };
}

const squash = (s: string): string => s.replace(/\s+/g, ' ');

for (const [lang, opts] of [['en', { slowZone: true, retries: 3 }], ['de', { outcome: 'failed', errors: true }]] as const) {
  t.test(`pdftotext finds every field (${lang})`, async (t) => {
    const { pdf, cert } = await makePdf(t, lang, opts);
    const text = pdfText(pdf);
    const flat = squash(text);
    const S = TABLES[lang];
    for (const k of CERT_LABELS) {
      const label = squash(S[k].split('{')[0]).trim();
      t.ok(flat.includes(label), `label ${k}: "${label}"`);
    }
    const values = [
      cert.id, cert.device.serial, cert.device.model, cert.device.vendor, cert.device.wwn, cert.device.firmware, cert.assetTag, cert.operator,
      cert.customer, cert.appendixG.media.classification, cert.appendixG.validation.name, cert.organisation.name, String(cert.device.sizeBytes),
      cert.verification.seed, cert.signature.fingerprint, cert.signature.publicKey, cert.signature.value, recordDigest(cert), cert.tool.imageSha256,
      cert.host.serial, cert.host.uuid, cert.host.bios, cert.startedAt, cert.finishedAt, 'usb-bridge: ASMedia ASM1153E', '174c:55aa:0100',
      S[`res_${cert.result}` as StringKey], S[`v_${cert.health.verdict}` as StringKey],
    ];
    for (const p of cert.passes) values.push(p.startedAt, ...(p.digest ? [p.digest] : []));
    if (cert.verification.digest) values.push(cert.verification.digest);
    for (const e of cert.errors) values.push(`${e.firstLba}-${e.lastLba}`);
    for (const z of cert.slowZones) values.push(`LBA ${z.firstLba}-${z.lastLba}`);
    for (const v of values) t.ok(v && flat.includes(v), `value ${v}`);
    if (lang === 'en') {
      t.ok(cert.slowZones.length > 0);
      t.ok(flat.includes(S.warnSlow) && flat.includes(S.warnRetries), 'warning shown although erased');
    } else {
      t.ok(flat.includes(S.warnErrors) && flat.includes(S.warnNotErased), 'failed disk warning');
      t.ok(cert.errors.length > 0);
    }
    const pages = text.split('\f').filter((p) => p.trim());
    t.ok(pages.length >= 3);
    pages.forEach((p, i) => {
      const want = lang === 'en' ? `Page ${i + 1} of ${pages.length}` : `Seite ${i + 1} von ${pages.length}`;
      t.ok(p.includes(want), want);
    });
  });

  t.test(`pages render, the speed chart is drawn (${lang})`, async (t) => {
    const { pdf } = await makePdf(t, lang, opts);
    const pages = renderPages(pdf);
    t.ok(pages.length >= 3);
    pages.forEach((p, i) => t.ok(nonWhite(p) > 0.01 * p.width * p.height, `page ${i + 1} not blank`));
    const band = pages.reduce((n, p) => n + countColour(p, [0xc9, 0xdb, 0xef]), 0);
    t.ok(band > 2000, `speed chart band pixels: ${band}`);
    const slow = pages.reduce((n, p) => n + countColour(p, [0xf6, 0xd3, 0xd0], 3), 0);
    if (lang === 'en') t.ok(slow > 100, `slow zone shaded: ${slow}`);
    else t.equal(slow, 0, 'no slow zone, nothing shaded');
  });
}

t.test('the PDF embeds the signed JSON and verifies', async (t) => {
  const { pdf, cert } = await makePdf(t, 'en', {});
  const buf = fs.readFileSync(pdf);
  const files = embeddedFiles(buf);
  t.equal(files.length, 1);
  t.same(JSON.parse(files[0].toString('utf8')), cert);
  const r = await verifyFile(pdf, NOPIN);
  t.equal(r.status, 'valid', r.message);
  t.equal(r.kind, 'pdf');
  t.equal(r.id, cert.id);
});

t.test('any changed byte of the PDF is caught', async (t) => {
  const { pdf } = await makePdf(t, 'de', { slowZone: true });
  const buf = fs.readFileSync(pdf);
  const text = buf.toString('latin1');
  const positions = new Set<number>();
  for (let i = 0; i < buf.length; i += 97) positions.add(i);
  const ef = text.indexOf('/Type /EmbeddedFile');
  const efStream = text.indexOf('stream', ef) + 7;
  for (let i = efStream; i < efStream + 400; i += 7) positions.add(i); // compressed embedded JSON
  for (let i = buf.length - 160; i < buf.length; i++) positions.add(i); // the seal line itself
  for (const i of positions) {
    const b = Buffer.from(buf);
    b[i] ^= 0x04;
    const r = verifyPdfBytes(b, NOPIN);
    if (r.status === 'valid') t.fail(`flip at ${i} not caught`);
  }
  t.pass(`${positions.size} flipped bytes all rejected`);
  t.equal(verifyPdfBytes(buf.subarray(0, buf.length - 20), NOPIN).status, 'invalid', 'truncated seal');
  t.equal(verifyPdfBytes(Buffer.concat([buf, Buffer.from('% extra\n')]), NOPIN).status, 'invalid', 'bytes appended after the seal');
});

t.test('replaced embedded JSON fails even when the PDF is re-sealed', async (t) => {
  const { pdf, cert } = await makePdf(t, 'en', {});
  const buf = fs.readFileSync(pdf);
  const sealAt = buf.lastIndexOf(Buffer.from('%erasebox-sig-v1'));
  const unsealed = buf.subarray(0, sealAt);
  // swap the embedded stream for a changed certificate of the same compressed length is hard;
  // instead rebuild: same PDF bytes but the embedded JSON edited and re-deflated, Length fixed
  const text = unsealed.toString('latin1');
  const ef = text.indexOf('/Type /EmbeddedFile');
  const lenMatch = /\/Length (\d+)/.exec(text.slice(ef));
  t.ok(lenMatch);
  const streamStart = text.indexOf('stream\n', ef) + 7;
  const oldLen = Number(lenMatch![1]);
  const edited = { ...cert, device: { ...cert.device, serial: 'SWAPPED1' } };
  const z = deflateSync(Buffer.from(JSON.stringify(edited)));
  const lenAt = ef + lenMatch!.index;
  const rebuilt = Buffer.concat([
    unsealed.subarray(0, lenAt),
    Buffer.from(`/Length ${z.length}`, 'latin1'),
    unsealed.subarray(lenAt + lenMatch![0].length, streamStart),
    z,
    unsealed.subarray(streamStart + oldLen),
  ]);
  t.same(JSON.parse(embeddedFiles(rebuilt)[0].toString()).device.serial, 'SWAPPED1', 'edit reached the attachment');
  const resealed = sealPdf(rebuilt.subarray(0, rebuilt.length - 1), await loadOrCreateKey(path.join(path.dirname(pdf), '..', 'other-keys')));
  const r = verifyPdfBytes(resealed, NOPIN);
  t.equal(r.status, 'invalid');
  t.match(r.message, /embedded certificate: signature does not match/);
});
