// The per-disk certificate PDF. It renders the signed certificate record and nothing else (the
// logo comes from the store configuration), and embeds that record as an attachment.
import * as QRCode from 'qrcode';
import type { Certificate } from '../model';
import { recordDigest } from '../sign';
import { drawSpeedChart } from './chart';
import { fmt, type Strings } from './strings';
import { COLORS, decimalBytes, duration, hostSection, humanBytes, rate, win, Writer } from './writer';

export interface RenderOptions {
  logo?: Buffer | null; // PNG or JPEG
  lang?: 'en' | 'de'; // default: the certificate's language; the embedded JSON never changes
}

export function qrPayload(c: Certificate): string {
  return `erasebox:cert:v1:${c.id}:sha256:${recordDigest(c)}`;
}

function drawQr(w: Writer, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  w.doc.save();
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) w.doc.rect(x + c * cell, y + r * cell, cell + 0.05, cell + 0.05);
  w.doc.fill('#000000').restore();
}

const resultColor = (r: Certificate['result']): string => (r === 'erased' ? COLORS.ok : r === 'failed' ? COLORS.bad : COLORS.warn);
const verdictColor = (v: string): string => (v === 'reuse' ? COLORS.ok : v === 'destroy' ? COLORS.bad : v === 'unavailable' ? COLORS.muted : COLORS.warn);

function header(w: Writer, c: Certificate, logo: Buffer | null | undefined): void {
  const d = w.doc;
  const t = w.t;
  const qrSize = 92;
  const top = d.y;
  let x = w.left;
  if (logo) {
    try {
      d.image(logo, w.left, top, { fit: [120, 46] });
      x = w.left + 130;
    } catch {
      /* an unreadable logo never costs a certificate; the PDF goes without it */
    }
  }
  const o = c.organisation;
  const orgLines = [o.name, o.address, [o.contact, o.phone, o.email].filter(Boolean).join(' · ')].filter((s): s is string => Boolean(s));
  d.font('Helvetica-Bold').fontSize(10).fillColor(COLORS.ink).text(win(orgLines[0] ?? ''), x, top, { width: w.right - qrSize - 12 - x });
  d.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(win(orgLines.slice(1).join('\n')), x, d.y, { width: w.right - qrSize - 12 - x });
  drawQr(w, qrPayload(c), w.right - qrSize, top, qrSize);
  d.y = Math.max(d.y, top + 50);
  d.font('Helvetica-Bold').fontSize(20).fillColor(COLORS.accent).text(win(t.title), w.left, d.y, { width: w.width - qrSize - 12 });
  d.font('Helvetica').fontSize(9).fillColor(COLORS.muted).text(win(t.subtitle), w.left, d.y + 1, { width: w.width - qrSize - 12 });
  d.y = Math.max(d.y + 8, top + qrSize + 8);
  const bandY = d.y;
  d.rect(w.left, bandY, w.width, 34).fill(COLORS.band);
  const label = (t[`res_${c.result}` as keyof Strings] as string) ?? c.result;
  d.roundedRect(w.left + 8, bandY + 6, 150, 22, 3).fill(resultColor(c.result));
  d.font('Helvetica-Bold').fontSize(12).fillColor('#ffffff').text(win(label), w.left + 8, bandY + 11.5, { width: 150, align: 'center', lineBreak: false });
  d.font('Helvetica').fontSize(7.5).fillColor(COLORS.muted).text(win(t.certificateId), w.left + 172, bandY + 5, { lineBreak: false });
  d.font('Courier-Bold').fontSize(10).fillColor(COLORS.ink).text(c.id, w.left + 172, bandY + 15, { lineBreak: false });
  d.font('Helvetica').fontSize(7.5).fillColor(COLORS.muted).text(win(t.issuedAt), w.left + 400, bandY + 5, { lineBreak: false });
  d.font('Helvetica').fontSize(9).fillColor(COLORS.ink).text(c.issuedAt, w.left + 400, bandY + 15, { lineBreak: false });
  d.y = bandY + 42;
}

function warnings(w: Writer, c: Certificate): void {
  const t = w.t;
  const lines: string[] = [];
  if (c.result !== 'erased') lines.push(`${t.warnNotErased}${c.reason ? ` ${t.reason}: ${c.reason}` : ''}`);
  if (c.errors.length) lines.push(t.warnErrors);
  if (c.ioRetries > 0) lines.push(`${t.warnRetries} (${t.ioRetries}: ${c.ioRetries})`);
  if (c.slowZones.length) lines.push(t.warnSlow);
  if (lines.length) w.box(lines, c.result === 'erased' ? COLORS.warn : COLORS.bad, t.warning);
}

function appendixG(w: Writer, c: Certificate): void {
  const t = w.t;
  const g = c.appendixG;
  w.section(t.secMedia);
  w.row(t.make, g.media.make);
  w.row(t.model, g.media.model);
  w.row(t.serial, g.media.serial, { mono: true });
  w.row(t.propertyNumber, g.media.propertyNumber);
  w.row(t.mediaType, t[`mt_${g.media.type}` as keyof Strings] as string);
  w.row(t.source, g.media.source);
  w.row(t.classification, g.media.classification);
  w.row(t.dataBackedUp, t[`yn_${g.media.dataBackedUp}` as keyof Strings] as string);
  w.row(t.backupLocation, g.media.backupLocation);
  w.section(t.secSanitization);
  w.row(t.methodType, g.sanitization.methodType, { bold: true });
  w.row(t.methodUsed, g.sanitization.methodUsed);
  w.row(t.methodDetails, g.sanitization.methodDetails);
  w.row(t.toolUsed, g.sanitization.toolUsed);
  w.row(t.verificationMethod, g.sanitization.verificationMethod + (c.verification.mode.startsWith('sample:') ? ` (${c.verification.mode})` : ''));
  w.row(t.postClassification, g.sanitization.postSanitizationClassification);
  w.row(t.notes, g.sanitization.notes);
  w.section(t.secDestination);
  w.row(t.destination, g.destination.kind);
  w.row(t.dest_details, g.destination.details);
}

function signOff(w: Writer, c: Certificate): void {
  const t = w.t;
  const d = w.doc;
  w.ensure(170); // heading and both blocks stay together
  w.section(t.secSignOff);
  const colW = (w.width - 20) / 2;
  const block = (x: number, heading: string, p: { name: string | null; title: string | null; organization: string | null; location: string | null; phone: string | null }): number => {
    let y = d.y;
    d.font('Helvetica-Bold').fontSize(9).fillColor(COLORS.ink).text(win(heading), x, y, { width: colW });
    y = d.y + 2;
    for (const [label, v] of [[t.name, p.name], [t.titleField, p.title], [t.organization, p.organization], [t.location, p.location], [t.phone, p.phone]] as const) {
      d.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(win(label), x, y, { width: 70, lineBreak: false });
      d.fillColor(v ? COLORS.ink : COLORS.muted).text(win(v ?? '______________________'), x + 72, y, { width: colW - 72, lineBreak: false });
      y += 12;
    }
    y += 16;
    for (const label of [t.signature, t.date]) {
      d.moveTo(x + 72, y + 8).lineTo(x + colW, y + 8).lineWidth(0.5).strokeColor(COLORS.ink).stroke();
      d.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(win(label), x, y, { width: 70, lineBreak: false });
      y += 20;
    }
    return y;
  };
  const top = d.y;
  const yA = block(w.left, t.secPerson, c.appendixG.person);
  d.y = top;
  const yB = block(w.left + colW + 20, t.validation, c.appendixG.validation);
  d.y = Math.max(yA, yB) + 4;
}

function device(w: Writer, c: Certificate): void {
  const t = w.t;
  const dv = c.device;
  const src = dv.identitySources;
  w.section(t.secDevice);
  w.row(t.devicePath, dv.path, { mono: true });
  w.row(t.vendor, dv.vendor);
  w.row(t.model, dv.model);
  w.row(t.serial, dv.serial, { mono: true });
  w.row(t.wwn, dv.wwn, { mono: true });
  w.row(t.firmware, dv.firmware);
  w.row(t.capacity, `${dv.sizeBytes} bytes (${decimalBytes(dv.sizeBytes)}, ${humanBytes(dv.sizeBytes)})`);
  w.row(t.sectors, `${dv.logicalSectorSize} / ${dv.physicalSectorSize} bytes`);
  w.row(t.rotational, dv.rotational === null ? t.unknown : dv.rotational ? t.yes : t.no);
  w.row(t.transport, dv.transport);
  w.row(t.chain, dv.chain.length ? dv.chain.map((h) => `${h.kind}: ${h.label}${h.driver ? ` [${h.driver}]` : ''}${h.usbId ? ` (USB ${h.usbId})` : ''}`).join('\n') : null);
  w.row(t.identitySources, `vendor ${src.vendor}, model ${src.model}, serial ${src.serial}, wwn ${src.wwn}, firmware ${src.firmware}`);
  w.row(t.hpaDco, `HPA ${dv.hpa}, DCO ${dv.dco}`);
}

function health(w: Writer, c: Certificate): void {
  const t = w.t;
  w.section(t.secHealth);
  const v = c.health.verdict;
  w.row(t.verdict, t[`v_${v}` as keyof Strings] as string, { bold: true, color: verdictColor(v) });
  w.row(t.reasons, c.health.reasons.length ? c.health.reasons.map((r) => `- ${r}`).join('\n') : null);
  if (c.smart) {
    w.row(t.smartVerdict, t[`v_${c.smart.verdict}` as keyof Strings] as string);
    w.row(t.powerOnHours, c.smart.powerOnHours);
    w.row(t.temperature, c.smart.temperatureC === null ? null : `${c.smart.temperatureC} °C`);
  } else w.text(t.smartUnavailable, { color: COLORS.muted, gap: 3 });
}

function run(w: Writer, c: Certificate): void {
  const t = w.t;
  w.section(t.secRun);
  w.row(t.result, t[`res_${c.result}` as keyof Strings] as string, { bold: true, color: resultColor(c.result) });
  if (c.reason) w.row(t.reason, c.reason);
  w.row(t.method, `${c.method.label} (${c.method.id}, NIST ${c.method.nistCategory})`);
  w.row(t.rounds, c.method.rounds);
  w.row(t.blanking, c.method.blank ? t.yes : t.no);
  w.row(t.started, c.startedAt);
  w.row(t.finished, c.finishedAt);
  w.row(t.duration, duration(c.durationSeconds));
  w.row(t.bytesWritten, `${c.throughput.bytesWritten} (${humanBytes(c.throughput.bytesWritten)})`);
  w.row(t.bytesRead, `${c.throughput.bytesRead} (${humanBytes(c.throughput.bytesRead)})`);
  w.row(t.avgThroughput, rate(c.throughput.averageBytesPerSec));
  w.row(t.operator, c.operator);
  w.row(t.customer, c.customer);
  w.row(t.assetTag, c.assetTag);
}

function verification(w: Writer, c: Certificate): void {
  const t = w.t;
  const v = c.verification;
  w.section(t.secVerification);
  w.row(t.mode, v.mode);
  w.row(t.verResult, t[`vr_${v.result}` as keyof Strings] as string, { bold: true, color: v.result === 'passed' ? COLORS.ok : v.result === 'failed' ? COLORS.bad : COLORS.muted });
  w.row(`${t.digest}${v.digestAlgorithm ? ` (${v.digestAlgorithm.toUpperCase()})` : ''}`, v.digest, { mono: true });
  w.row(t.seed, v.seed, { mono: true });
  w.row(t.sampleSeed, v.sampleSeed, { mono: true });
  w.row(t.sampledBlocks, v.sampledBlocks);
  w.row(t.blockSize, `${v.blockSize} bytes`);
  w.row(t.mismatchedBlocks, v.mismatchedBlocks);
}

function passes(w: Writer, c: Certificate): void {
  const t = w.t;
  w.section(t.secPasses);
  const secs = (a: string, b: string): number => Math.max(0, (Date.parse(b) - Date.parse(a)) / 1000);
  const rows: (string[] | { span: string; indent: number })[] = [];
  for (const p of c.passes) {
    const extra = [p.digest ? `${t.passDigest} (${p.digestOf ?? ''}): ${p.digest}` : null, p.seed ? `${t.passSeed}: ${p.seed}` : null].filter(Boolean).join('\n');
    rows.push([
      String(p.index),
      t[`k_${p.kind}` as keyof Strings] as string,
      p.pattern,
      p.startedAt,
      duration(secs(p.startedAt, p.finishedAt)),
      humanBytes(p.kind === 'write' ? p.bytesWritten : p.bytesRead),
      rate(p.throughputBytesPerSec),
      `${p.verified ? t.yes : t.no}${p.ok ? '' : ' (!)'}`,
      String(p.mismatches),
    ]);
    if (extra) rows.push({ span: extra, indent: 0.13 });
  }
  w.table(
    [
      { title: t.colPass, frac: 0.05 },
      { title: t.colKind, frac: 0.08 },
      { title: t.colPattern, frac: 0.14, mono: true },
      { title: t.colStart, frac: 0.22 },
      { title: t.colDuration, frac: 0.11 },
      { title: t.colBytes, frac: 0.1, align: 'right' },
      { title: t.colSpeed, frac: 0.1, align: 'right' },
      { title: t.colVerified, frac: 0.08 },
      { title: t.colMismatch, frac: 0.12, align: 'right' },
    ],
    rows,
    7,
  );
}

function errors(w: Writer, c: Certificate): void {
  const t = w.t;
  w.section(t.secErrors);
  w.row(t.ioRetries, c.ioRetries, { color: c.ioRetries ? COLORS.warn : undefined });
  if (!c.errors.length) return w.text(t.noErrors, { color: COLORS.muted, gap: 3 });
  w.table(
    [
      { title: t.colOp, frac: 0.15 },
      { title: t.colRange, frac: 0.45, mono: true },
      { title: t.colCode, frac: 0.2 },
      { title: t.colRetries, frac: 0.2, align: 'right' },
    ],
    c.errors.map((e) => [e.op, `${e.firstLba}-${e.lastLba}`, e.code, String(e.retries)]),
  );
}

function speed(w: Writer, c: Certificate): void {
  const t = w.t;
  w.section(t.secSpeed);
  w.text(fmt(t.speedNote, { pct: Math.round(c.slowZoneThreshold * 100) }), { size: 8, color: COLORS.muted, gap: 6 });
  for (const p of c.passes) {
    const title = fmt(t.chartPass, { n: p.index, pattern: p.pattern, kind: t[`k_${p.kind}` as keyof Strings] as string });
    drawSpeedChart(w, p, c.slowZones.filter((z) => z.pass === p.index), c.slowZoneThreshold, title);
  }
  w.section(t.slowZones);
  if (!c.slowZones.length) return w.text(t.noSlowZones, { color: COLORS.muted, gap: 3 });
  for (const z of c.slowZones) {
    w.text(`- ${fmt(t.slowZoneLine, { pass: z.pass, from: z.firstPercent, to: z.lastPercent + 1, first: z.firstLba, last: z.lastLba, speed: rate(z.meanBytesPerSec), median: rate(z.medianBytesPerSec) })}`, { color: COLORS.bad, gap: 2 });
  }
}

function hostAndSignature(w: Writer, c: Certificate): void {
  const t = w.t;
  hostSection(w, c.host);
  w.section(t.secTool);
  w.row(t.tool, `${c.tool.name} ${c.tool.version}`);
  w.row(t.imageSha256, c.tool.imageSha256, { mono: true });
  w.row(t.certificateId, c.id, { mono: true });
  w.row(t.certDigest, recordDigest(c), { mono: true, below: true });
  w.row(t.sigAlgorithm, `${c.signature.algorithm}, ${c.signature.canonicalization}`);
  w.row(t.fingerprint, c.signature.fingerprint, { mono: true, below: true });
  w.row(t.publicKey, c.signature.publicKey, { mono: true, below: true });
  w.row(t.sigValue, c.signature.value, { mono: true, below: true });
  w.doc.y += 4;
  w.text(fmt(t.howToVerify, { file: `${c.id}.pdf` }), { size: 8, color: COLORS.muted });
}

export async function renderCertificatePdf(c: Certificate, opts: RenderOptions = {}): Promise<Buffer> {
  const lang = opts.lang ?? c.language;
  const w = new Writer(lang, { title: `${w0(lang)} ${c.id}`, subject: `${c.device.model ?? ''} ${c.device.serial ?? ''}`.trim(), creationDate: new Date(c.issuedAt) });
  header(w, c, opts.logo);
  warnings(w, c);
  appendixG(w, c);
  signOff(w, c);
  device(w, c);
  health(w, c);
  run(w, c);
  verification(w, c);
  passes(w, c);
  errors(w, c);
  speed(w, c);
  hostAndSignature(w, c);
  // The signed record travels inside the PDF (compressed; verify-cert extracts it).
  w.doc.file(Buffer.from(JSON.stringify(c, null, 2) + '\n', 'utf8'), {
    name: `${c.id}.json`,
    type: 'application/json',
    description: 'erasebox signed certificate (JSON)',
    creationDate: new Date(c.issuedAt),
    modifiedDate: new Date(c.issuedAt),
  });
  w.footers(`erasebox ${c.tool.version} · ${w.t.certificateId} ${c.id}`);
  return w.toBuffer();
}

function w0(lang: 'en' | 'de'): string {
  return lang === 'de' ? 'Löschzertifikat' : 'Certificate of Sanitization';
}
