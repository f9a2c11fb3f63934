// Per run: a signed JSON manifest of every certificate (with file and record digests) and a system
// report PDF (host DMI identity, one table of all disks, SMART per disk), sealed like the
// certificates. The wipe command calls writeRunReport once, after the last disk.
import * as path from 'node:path';
import type { HostIdentity, IssuedCertificate } from './input';
import type { Certificate } from './model';
import type { Lang, StoreConfig } from './config';
import { loadOrCreateKey } from './keys';
import { buildManifest, manifestEntry, type Manifest, type ManifestEntry } from './manifest';
import { writeFileAtomic } from './store';
import { resolveConfig } from './issue';
import { readLogo } from './pdf/file';
import { sealPdf } from './pdf/seal';
import { Writer, COLORS, decimalBytes, duration, hostSection, win } from './pdf/writer';
import type { Strings } from './pdf/strings';

export interface RunReportOptions {
  certDir: string;
  keyDir: string;
  certificates: (IssuedCertificate | string)[]; // results of issueCertificate, or ids
  host: HostIdentity;
  tool: Certificate['tool'];
  config?: StoreConfig;
  lang?: Lang;
  now?: () => Date;
}
export interface RunReport {
  id: string;
  manifestPath: string;
  pdfPath: string | null;
  warnings: string[];
}

export async function writeRunReport(o: RunReportOptions): Promise<RunReport> {
  const warnings: string[] = [];
  const config = await resolveConfig(o.certDir, o.config, warnings);
  const lang = o.lang ?? config.defaults.language ?? 'en';
  const key = await loadOrCreateKey(o.keyDir);
  const entries: ManifestEntry[] = [];
  const certs: Certificate[] = [];
  for (const c of o.certificates) {
    const id = typeof c === 'string' ? c : c.id;
    try {
      const { entry, cert } = await manifestEntry(o.certDir, id);
      entries.push(entry);
      certs.push(cert);
    } catch (err) {
      warnings.push(`certificate ${id} not in the manifest: ${(err as Error).message}`);
    }
  }
  const createdAt = (o.now ?? (() => new Date()))().toISOString();
  const manifest = buildManifest(entries, { host: o.host, tool: o.tool, createdAt }, key);
  const manifestPath = path.join(o.certDir, `run-${manifest.id}.json`);
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  let pdfPath: string | null = path.join(o.certDir, `run-${manifest.id}.pdf`);
  try {
    const pdf = await renderSystemReport(manifest, certs, lang, await readLogo(o.certDir, config), config);
    await writeFileAtomic(pdfPath, sealPdf(pdf, key));
  } catch (err) {
    warnings.push(`system report PDF not written: ${(err as Error).message}`);
    pdfPath = null;
  }
  return { id: manifest.id, manifestPath, pdfPath, warnings };
}

export async function renderSystemReport(m: Manifest & { signature: Certificate['signature'] }, certs: Certificate[], lang: Lang, logo: Buffer | null, config: StoreConfig): Promise<Buffer> {
  const w = new Writer(lang, { title: `${lang === 'de' ? 'Systembericht' : 'System report'} ${m.id}`, subject: m.host.hostname, creationDate: new Date(m.createdAt) });
  const t = w.t;
  const d = w.doc;
  const top = d.y;
  if (logo) {
    try {
      d.image(logo, w.right - 120, top, { fit: [120, 40] });
    } catch {
      /* no logo then */
    }
  }
  if (config.organisation.name) d.font('Helvetica-Bold').fontSize(10).fillColor(COLORS.ink).text(win(config.organisation.name), w.left, top, { width: w.width - 130 });
  d.font('Helvetica-Bold').fontSize(18).fillColor(COLORS.accent).text(win(t.reportTitle), w.left, d.y + 6);
  d.font('Helvetica').fontSize(9).fillColor(COLORS.muted).text(win(t.reportSubtitle), w.left, d.y);
  d.y = Math.max(d.y, top + 44) + 6;
  w.row(t.runId, m.id, { mono: true });
  w.row(t.issuedAt, m.createdAt);
  w.row(t.totals, `${m.totals.disks} | ${t.res_erased} ${m.totals.erased} | ${t.res_failed} ${m.totals.failed} | ${t.res_aborted} ${m.totals.aborted}`, { bold: true });
  hostSection(w, m.host);
  w.row(t.tool, `${m.tool.name} ${m.tool.version}`);
  w.row(t.imageSha256, m.tool.imageSha256, { mono: true });
  w.section(t.secDisks);
  const byId = new Map(certs.map((c) => [c.id, c]));
  w.table(
    [
      { title: t.colDevice, frac: 0.16 },
      { title: t.colSerial, frac: 0.13, mono: true },
      { title: t.colModel, frac: 0.15 },
      { title: t.colSize, frac: 0.07, align: 'right' },
      { title: t.colMethod, frac: 0.09 },
      { title: t.colResult, frac: 0.1 },
      { title: t.colVerdict, frac: 0.1 },
      { title: t.colDuration, frac: 0.1 },
      { title: t.colCert, frac: 0.1, mono: true },
    ],
    m.certificates.map((e) => {
      const c = byId.get(e.id);
      return [
        `${e.device.path}\n${e.device.transport ?? ''}`,
        e.device.serial ?? '-',
        e.device.model ?? '-',
        decimalBytes(e.device.sizeBytes),
        e.methodId,
        t[`res_${e.result}` as keyof Strings] as string,
        t[`v_${e.verdict}` as keyof Strings] as string,
        duration(e.durationSeconds),
        `${e.id.slice(0, 8)}${c?.errors.length ? ' (!)' : ''}`,
      ];
    }),
    7,
  );
  w.section(t.secSmartAll);
  for (const e of m.certificates) {
    const c = byId.get(e.id);
    const s = c?.smart;
    const line = s
      ? `${t.smartVerdict}: ${t[`v_${s.verdict}` as keyof Strings] as string}; ${t.powerOnHours}: ${s.powerOnHours ?? '-'}; ${t.temperature}: ${s.temperatureC ?? '-'} °C; ${s.reasons.join('; ')}`
      : t.smartUnavailable;
    w.row(`${e.device.path} ${e.device.serial ?? ''}`, `${line}\n${t.verdict}: ${t[`v_${e.verdict}` as keyof Strings] as string}${c && c.health.reasons.length ? ` (${c.health.reasons.join('; ')})` : ''}`);
  }
  w.section(t.secTool);
  w.row(t.fingerprint, m.signature.fingerprint, { mono: true, below: true });
  w.row(t.sigValue, m.signature.value, { mono: true, below: true });
  d.file(Buffer.from(JSON.stringify(m, null, 2) + '\n', 'utf8'), { name: `run-${m.id}.json`, type: 'application/json', description: 'erasebox signed run manifest (JSON)', creationDate: new Date(m.createdAt), modifiedDate: new Date(m.createdAt) });
  w.footers(`erasebox ${m.tool.version} · ${t.runId} ${m.id}`);
  return w.toBuffer();
}
