// CertificateInput (+ store configuration) -> unsigned certificate record. Pure: the id and the
// clock come in as parameters so tests get byte-identical records.
import type { CertificateInput } from './input';
import type { ChainHop } from '../hw/types';
import type { StoreConfig, Lang } from './config';
import type { AppendixG, CertPass, UnsignedCertificate } from './model';
import { CERT_KIND, SCHEMA_VERSION } from './model';
import { findSlowZones, healthVerdict, SLOW_ZONE_THRESHOLD } from './health';

export interface BuildContext {
  id: string;
  issuedAt: string;
  config: StoreConfig;
  lang: Lang;
}

function seconds(from: string, to: string): number {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) / 1000 : 0;
}

function methodUsed(id: string, cat: string): AppendixG['sanitization']['methodUsed'] {
  if (/crypto/.test(id)) return 'Crypto Erase';
  if (/block/.test(id)) return 'Block Erase';
  if (cat === 'none') return 'Other';
  return 'Overwrite';
}

function verificationMethod(mode: string): AppendixG['sanitization']['verificationMethod'] {
  if (mode === 'none') return 'None';
  return mode.startsWith('sample:') ? 'Quick Sampling' : 'Full';
}

function mediaType(input: CertificateInput): AppendixG['media']['type'] {
  const d = input.disk;
  if (!d) return 'unknown';
  if (d.transport === 'nvme' || d.rotational === false) return 'flash';
  return d.rotational === true ? 'magnetic' : 'unknown';
}

// Optional fields absent rather than undefined: canonical JSON refuses undefined.
function cleanHop(h: ChainHop): ChainHop {
  const out: ChainHop = { kind: h.kind, label: h.label };
  if (h.driver !== undefined) out.driver = h.driver;
  if (h.usbId !== undefined) out.usbId = h.usbId;
  return out;
}

/** The engine decides the outcome; this only refuses to certify "erased" against its own evidence. */
function checkedOutcome(input: CertificateInput): { outcome: UnsignedCertificate['result']; reason: string | null } {
  const r = input.result;
  if (r.outcome !== 'erased') return { outcome: r.outcome, reason: r.reason };
  const problems: string[] = [];
  const bad = r.passes.filter((p) => !p.ok).map((p) => p.index);
  if (bad.length) problems.push(`pass ${bad.join(', ')} not ok`);
  if (r.passes.length === 0) problems.push('no passes recorded');
  const short = r.passes.filter((p) => p.kind === 'write' && p.bytesWritten < r.sizeBytes).map((p) => p.index);
  if (short.length) problems.push(`pass ${short.join(', ')} wrote fewer bytes than the disk holds`);
  if (r.verification.result === 'failed' || r.verification.mismatchedBlocks > 0) problems.push('verification failed');
  if (r.verification.mode !== 'none' && r.verification.result !== 'passed') problems.push('verification did not pass');
  if (r.errors.length) problems.push(`${r.errors.length} unrecovered I/O error range(s)`);
  if (!problems.length) return { outcome: 'erased', reason: null };
  return { outcome: 'failed', reason: `engine reported erased, but ${problems.join('; ')}` };
}

export function buildCertificate(input: CertificateInput, ctx: BuildContext): UnsignedCertificate {
  const r = input.result;
  const d = input.disk;
  const cfg = ctx.config;
  const checked = checkedOutcome(input);
  const passes: CertPass[] = r.passes.map((p) => ({
    index: p.index,
    kind: p.kind,
    pattern: p.pattern,
    seed: p.seed,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    bytesWritten: p.bytesWritten,
    bytesRead: p.bytesRead,
    verified: p.verified,
    digest: p.digest,
    digestAlgorithm: p.digest ? 'blake3' : null,
    digestOf: p.digestOf,
    mismatches: p.mismatches,
    throughputBytesPerSec: Math.round(p.throughputBytesPerSec),
    speedProfile: p.speedProfile.map((b) => ({ min: Math.round(b.min), mean: Math.round(b.mean), max: Math.round(b.max) })),
    ok: p.ok,
  }));
  const slowZones = findSlowZones(r.passes, r.sizeBytes, r.logicalSectorSize || 512);
  const health = healthVerdict(d?.smart ?? null, r.errors, r.ioRetries, slowZones);
  const duration = seconds(r.startedAt, r.finishedAt);
  const bytesWritten = r.passes.reduce((s, p) => s + p.bytesWritten, 0);
  const bytesRead = r.passes.reduce((s, p) => s + p.bytesRead, 0);
  const tech = cfg.technicians.find((t) => t.name === input.job.operator);
  const cust = cfg.customers.find((c) => c.name === input.job.customer);
  const org = cfg.organisation;
  const writePasses = r.passes.filter((p) => p.kind === 'write').length;
  const vmode = r.verification.mode;
  const details = [
    `${input.method.label} (${input.method.id})`,
    `${writePasses} write pass(es), ${r.rounds} round(s)${r.blank ? ', final zero blanking pass' : ''}`,
    `verification ${vmode}: ${r.verification.result}`,
  ].join('; ');
  const appendixG: AppendixG = {
    person: { name: input.job.operator, title: tech?.title ?? null, organization: org.name, location: org.location ?? org.address, phone: tech?.phone ?? org.phone },
    media: {
      make: d?.vendor.value ?? null,
      model: d?.model.value ?? null,
      serial: d?.serial.value ?? null,
      propertyNumber: input.job.assetTag,
      type: mediaType(input),
      source: input.job.customer,
      classification: cfg.defaults.classification,
      dataBackedUp: cfg.defaults.dataBackedUp ?? 'unknown',
      backupLocation: cfg.defaults.backupLocation,
    },
    sanitization: {
      methodType: input.method.nistCategory === 'clear' ? 'Clear' : input.method.nistCategory === 'purge' ? 'Purge' : 'None',
      methodUsed: methodUsed(input.method.id, input.method.nistCategory),
      methodDetails: details,
      toolUsed: `${input.tool.name} ${input.tool.version}${input.tool.imageSha256 ? ` (image sha256 ${input.tool.imageSha256})` : ''}`,
      verificationMethod: verificationMethod(vmode),
      postSanitizationClassification: checked.outcome === 'erased' ? (cfg.defaults.postClassification ?? 'Unclassified') : cfg.defaults.classification,
      notes: [checked.reason, cfg.defaults.notes].filter((x): x is string => Boolean(x)).join('; ') || null,
    },
    destination: { kind: cfg.defaults.destination, details: null },
    validation: { ...cfg.validation },
  };
  return {
    kind: CERT_KIND,
    schemaVersion: SCHEMA_VERSION,
    id: ctx.id,
    result: checked.outcome,
    reason: checked.reason,
    issuedAt: ctx.issuedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationSeconds: duration,
    operator: input.job.operator,
    customer: input.job.customer,
    assetTag: input.job.assetTag,
    language: ctx.lang,
    organisation: { name: org.name, address: org.address, contact: org.contact, phone: org.phone, email: org.email },
    customerDetails: cust ? { ...cust } : null,
    device: {
      path: r.path,
      vendor: d?.vendor.value ?? null,
      model: d?.model.value ?? null,
      serial: d?.serial.value ?? null,
      wwn: d?.wwn.value ?? null,
      firmware: d?.firmware.value ?? null,
      sizeBytes: r.sizeBytes,
      logicalSectorSize: r.logicalSectorSize,
      physicalSectorSize: r.physicalSectorSize,
      rotational: d?.rotational ?? null,
      transport: d?.transport ?? null,
      chain: d ? d.chain.map(cleanHop) : [],
      identitySources: {
        vendor: d?.vendor.source ?? 'none',
        model: d?.model.source ?? 'none',
        serial: d?.serial.source ?? 'none',
        wwn: d?.wwn.source ?? 'none',
        firmware: d?.firmware.source ?? 'none',
      },
      hpa: d?.caps?.hpa ?? 'unknown',
      dco: d?.caps?.dco ?? 'unknown',
    },
    method: { ...input.method, rounds: r.rounds, blank: r.blank, writePasses },
    passes,
    verification: {
      mode: vmode,
      result: r.verification.result,
      digest: r.verification.digest,
      digestAlgorithm: r.verification.digest ? 'blake3' : null,
      seed: r.verification.seed,
      sampleSeed: r.verification.sampleSeed,
      sampledBlocks: r.verification.sampledBlocks,
      blockSize: r.verification.blockSize,
      mismatchedBlocks: r.verification.mismatchedBlocks,
    },
    errors: r.errors.map((e) => ({ ...e })),
    ioRetries: r.ioRetries,
    throughput: { bytesWritten, bytesRead, averageBytesPerSec: duration > 0 ? Math.round((bytesWritten + bytesRead) / duration) : 0 },
    slowZones,
    slowZoneThreshold: SLOW_ZONE_THRESHOLD,
    smart: d?.smart ? { verdict: d.smart.verdict, reasons: [...d.smart.reasons], powerOnHours: d.smart.powerOnHours, temperatureC: d.smart.temperatureC } : null,
    health,
    appendixG,
    host: { ...input.host },
    tool: { ...input.tool },
  };
}
