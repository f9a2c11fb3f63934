// One wipe job, the whole flow shared by `erasebox wipe` and the TUI: every target checked (and
// de-duplicated by device number) before any is opened, identities, the engine run, one
// certificate per disk as each disk ends, optional printing, then the run's manifest and system
// report. Safety logic lives here once; the callers only parse input and render events.
// Failures after the checks are values per disk (etcher-sdk style), never a throw that stops the others.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DiskKey, EngineEvent } from '../engine/events';
import type { VerifyMode } from '../engine/api';
import type { DiskResult } from '../engine/result';
import { findMethod } from '../engine/methods';
import { createRunWipe, type RunnerDeps } from '../engine/runner';
import { DirectBlockDevice } from '../hw/block/direct';
import { checkTarget, identify, type BlockIdentity, type Protection, type ProtectionCode } from '../hw/protect';
import { describeDisk } from '../hw/discover';
import { getHostIdentity } from '../hw/host';
import type { Disk } from '../hw/types';
import type { CertificateInput, HostIdentity, IssueOptions, IssuedCertificate } from '../cert/input';
import type { Lang } from '../cert/config';
import { issueCertificate } from '../cert/issue';
import { loadOrCreateKey } from '../cert/keys';
import { writeRunReport, type RunReport, type RunReportOptions } from '../cert/report';
import { printFile, type PrintOptions } from '../cert/print';
import { VERSION } from '../version';
import type { JobEvent, WipeJobEvent } from './events';

export interface WipeJob {
  devices: string[];
  methodId: string;
  verify: VerifyMode;
  rounds: number;
  blank: boolean;
  operator: string | null;
  customer: string | null;
  assetTag: string | null;
  lang?: Lang; // PDF language; default from the store configuration
  certDir: string; // keys in <certDir>/keys
  /** Send every PDF (each certificate as its disk ends, then the system report) to this printer. */
  print?: { device: string; format?: 'pdf' | 'ps' };
  /**
   * What a protected target does to the job. Unset (an operator's explicit list): the whole job is
   * refused, nothing opened. True (`--all-eligible`, src/app/eligible.ts): that disk is left out
   * with a disk-skipped event and the others go on; the check itself is the same.
   */
  skipProtected?: boolean;
}

export interface WipeJobDeps {
  emit: (e: WipeJobEvent) => void;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv; // ERASEBOX_IMAGE_SHA256 goes into tool.imageSha256
  /** The protection check and the device number of one target (default: src/hw/protect). */
  checkTarget?: (dev: string) => Protection | BlockIdentity;
  open?: RunnerDeps['open'];
  describeDisk?: (dev: string) => Promise<Disk>;
  getHostIdentity?: () => Promise<HostIdentity>;
  issueCertificate?: (input: CertificateInput, opts: IssueOptions) => Promise<IssuedCertificate>;
  writeRunReport?: (o: RunReportOptions) => Promise<RunReport>;
  /** Loads or creates the store's signing key once before the engine starts (default: src/cert/keys). */
  prepareKey?: (keyDir: string) => Promise<unknown>;
  printFile?: (file: string, device: string, opts: PrintOptions) => Promise<number>;
  /** Engine tuning for tests (chunk size, progress interval). */
  runner?: Omit<RunnerDeps, 'open'>;
  identityTimeoutMs?: number; // per disk, default 60 s; then the certificate has no identity
  hostTimeoutMs?: number; // default 15 s; then the host is its hostname only
  printTimeoutMs?: number; // per PDF, default 3 min; then that and later prints fail (printer stuck)
}

/** Why nothing was written. `target`: a device was refused; `cert-dir`: no place for certificates;
 *  `nothing-eligible`: --all-eligible found no disk that may be erased; `interrupted`: stopped
 *  (SIGINT/SIGTERM) while --all-eligible waited for the disks to settle. */
export interface JobRefusal {
  kind: 'target' | 'cert-dir' | 'nothing-eligible' | 'interrupted';
  code: ProtectionCode | 'same-device' | 'cert-dir' | 'nothing-eligible' | 'interrupted';
  device: string | null;
  reason: string; // one line, without "nothing was written"
}

export type DiskCertificate = { disk: DiskKey; ok: true; certificate: IssuedCertificate } | { disk: DiskKey; ok: false; reason: string };

export interface WipeJobResult {
  refused: JobRefusal | null; // set: nothing was opened, everything else is empty
  results: DiskResult[]; // in the order of job.devices (skipped ones left out)
  certificates: DiskCertificate[]; // one per result, same order
  report: RunReport | null; // null when refused, no certificate was written, or it failed
  printFailures: number;
}

/** True when every disk was erased and certified: the exit-0 condition of `erasebox wipe`. */
export const jobSucceeded = (r: WipeJobResult): boolean =>
  !r.refused && r.results.length > 0 && r.results.every((x) => x.outcome === 'erased') && r.certificates.every((c) => c.ok);

/** $ERASEBOX_CERT_DIR, else /certs when it exists (the stick's data partition), else ./certificates. */
export function defaultCertDir(env: NodeJS.ProcessEnv): string {
  if (env.ERASEBOX_CERT_DIR) return env.ERASEBOX_CERT_DIR;
  if (fs.existsSync('/certs')) return '/certs';
  return path.resolve('certificates');
}

const realCheckTarget = (dev: string): Protection | BlockIdentity => checkTarget(dev) ?? identify(dev);

/** p's value, or `fallback` after `ms` (and on failure, unless `rethrow`). */
async function withTimeout<T, F>(p: () => Promise<T>, ms: number, fallback: F, rethrow = false): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    const run = Promise.resolve().then(p);
    return await Promise.race([rethrow ? run : run.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

const bareHost = (): HostIdentity => ({ hostname: os.hostname() || 'unknown', manufacturer: null, model: null, serial: null, uuid: null, bios: null, cpu: null, memoryBytes: null });
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const now = (): string => new Date().toISOString();

/** A target left out by a skipping job: its device, why (without the path), the protection's code. */
export interface SkippedTarget {
  device: string;
  code: ProtectionCode;
  reason: string;
}

/**
 * Every target checked before any is opened; the first refusal, or null. With `skip`, a protected
 * target is collected in it instead of refusing the job (the same device twice still refuses:
 * that is a wrong list, not a busy disk).
 */
export function checkTargets(devices: string[], check: (dev: string) => Protection | BlockIdentity, skip?: SkippedTarget[]): JobRefusal | null {
  const seen = new Map<string, string>();
  for (const dev of devices) {
    const id = check(dev);
    if ('code' in id) {
      if (!skip) return { kind: 'target', code: id.code, device: dev, reason: id.reason };
      skip.push({ device: dev, code: id.code, reason: id.reason.startsWith(`${dev}: `) ? id.reason.slice(dev.length + 2) : id.reason });
      continue;
    }
    const prev = seen.get(id.majorMinor);
    if (prev) return { kind: 'target', code: 'same-device', device: dev, reason: `${dev} and ${prev} are the same device (${id.name})` };
    seen.set(id.majorMinor, dev);
  }
  return null;
}

export async function runWipeJob(job: WipeJob, deps: WipeJobDeps): Promise<WipeJobResult> {
  const method = findMethod(job.methodId);
  if (!method) throw new Error(`unknown method ${job.methodId}`); // callers validate first
  if (job.devices.length === 0) throw new Error('no device given');
  const refusedResult = (refused: JobRefusal): WipeJobResult => ({ refused, results: [], certificates: [], report: null, printFailures: 0 });

  // The caller's screen or command line may be seconds old: check again, all before any open.
  const skipped: SkippedTarget[] | undefined = job.skipProtected ? [] : undefined;
  const refused = checkTargets(job.devices, deps.checkTarget ?? realCheckTarget, skipped);
  if (refused) return refusedResult(refused);
  const devices = skipped ? job.devices.filter((d) => !skipped.some((s) => s.device === d)) : job.devices;
  for (const s of skipped ?? []) deps.emit({ kind: 'disk-skipped', disk: s.device, at: now(), code: s.code, reason: s.reason, stage: 'check' });
  if (devices.length === 0) {
    return refusedResult({ kind: 'nothing-eligible', code: 'nothing-eligible', device: null, reason: 'no disk may be erased: every one is protected' });
  }
  const keyDir = path.join(job.certDir, 'keys');
  try {
    fs.mkdirSync(job.certDir, { recursive: true });
    fs.accessSync(job.certDir, fs.constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? errText(e);
    return refusedResult({ kind: 'cert-dir', code: 'cert-dir', device: null, reason: `certificate directory ${job.certDir} is not writable (${code})` });
  }
  // The signing key exists before the first disk can end. Created lazily by each certificate,
  // disks ending together on a fresh store raced: on vfat (the stick's CERTS, no hard links) each
  // made its own key and one run's certificates were signed by different keys. And a key that
  // cannot be made or read is found here, before anything is erased.
  try {
    await (deps.prepareKey ?? loadOrCreateKey)(keyDir);
  } catch (e) {
    return refusedResult({ kind: 'cert-dir', code: 'cert-dir', device: null, reason: `no signing key in ${keyDir}: ${errText(e)}` });
  }

  // Identity before the engine writes: the certificate describes the disk as it was (HPA, SMART).
  const describe = deps.describeDisk ?? ((d: string) => describeDisk(d));
  const identities = new Map<string, Disk | null>();
  const [host] = await Promise.all([
    withTimeout(deps.getHostIdentity ?? (() => getHostIdentity()), deps.hostTimeoutMs ?? 15_000, bareHost()),
    ...devices.map(async (d) => identities.set(d, await withTimeout(() => describe(d), deps.identityTimeoutMs ?? 60_000, null))),
  ]);

  const tool = { name: 'erasebox' as const, version: VERSION, imageSha256: deps.env.ERASEBOX_IMAGE_SHA256 || null };
  const issue = deps.issueCertificate ?? issueCertificate;
  const emitJob = (e: JobEvent): void => deps.emit(e);

  // Prints go one after another: two disks ending together must not interleave on one printer.
  let printFailures = 0;
  let printerStuck = false;
  let printQueue: Promise<void> = Promise.resolve();
  const print = (disk: DiskKey | null, file: string | null): void => {
    const p = job.print;
    if (!p) return;
    printQueue = printQueue.then(async () => {
      if (!file) {
        printFailures++;
        return emitJob({ kind: 'print-failed', disk, at: now(), file: null, device: p.device, reason: 'no PDF was written to print' });
      }
      if (printerStuck) {
        printFailures++;
        return emitJob({ kind: 'print-failed', disk, at: now(), file, device: p.device, reason: `printer ${p.device} stopped taking data; not sent` });
      }
      const limitMs = deps.printTimeoutMs ?? 180_000;
      const late = Symbol('late');
      try {
        const bytes = await withTimeout(() => (deps.printFile ?? printFile)(file, p.device, { format: p.format ?? 'pdf' }), limitMs, late, true);
        if (bytes === late) {
          printerStuck = true; // offline or out of paper: later PDFs would queue behind this one
          throw new Error(`printer ${p.device} took no data for ${Math.round(limitMs / 1000)} s (offline or out of paper?)`);
        }
        emitJob({ kind: 'printed', disk, at: now(), file, device: p.device, bytes });
      } catch (e) {
        printFailures++;
        emitJob({ kind: 'print-failed', disk, at: now(), file, device: p.device, reason: errText(e) });
      }
    });
  };

  const certs = new Map<DiskKey, DiskCertificate>();
  const certify = async (r: DiskResult): Promise<void> => {
    let c: IssuedCertificate;
    try {
      c = await issue(
        {
          result: r,
          disk: identities.get(r.path) ?? null,
          method: { id: method.id, label: method.label, nistCategory: method.nistCategory },
          job: { operator: job.operator, customer: job.customer, assetTag: job.assetTag },
          tool,
          host,
        },
        { certDir: job.certDir, keyDir, lang: job.lang },
      );
    } catch (e) {
      certs.set(r.path, { disk: r.path, ok: false, reason: errText(e) });
      emitJob({ kind: 'certificate-failed', disk: r.path, at: now(), reason: errText(e) });
      return;
    }
    certs.set(r.path, { disk: r.path, ok: true, certificate: c });
    const pdfPath = c.pdfPath ?? null;
    emitJob({ kind: 'certificate-written', disk: r.path, at: now(), id: c.id, result: c.result ?? r.outcome, jsonPath: c.jsonPath, pdfPath, digest: c.digest ?? null, warnings: c.warnings ?? [] });
    print(r.path, pdfPath);
  };

  // Certificates are issued as each disk ends, while the others keep running. The engine's
  // run-end is held back and emitted last: in the job's stream it means "everything is on the
  // store", so a consumer reading up to run-end has every certificate path.
  const pending: Promise<void>[] = [];
  let runEnd: EngineEvent | null = null;
  const runWipe = createRunWipe({ ...deps.runner, open: deps.open ?? ((p, o) => DirectBlockDevice.open(p, o)) });
  const results = await runWipe(
    { devices, methodId: method.id, verify: job.verify, rounds: job.rounds, blank: job.blank },
    (e) => {
      if (e.kind === 'run-end') runEnd = e;
      else deps.emit(e);
      if (e.kind === 'disk-end') pending.push(certify(e.result));
    },
    deps.signal,
  );
  await Promise.all(pending);
  const certificates = results.map((r): DiskCertificate => certs.get(r.path) ?? { disk: r.path, ok: false, reason: 'no certificate was issued' });

  // The run's signed manifest and system report: a failure here is reported, never hides a certificate.
  let report: RunReport | null = null;
  const issued = certificates.flatMap((c) => (c.ok ? [c.certificate] : []));
  if (issued.length) {
    try {
      report = await (deps.writeRunReport ?? writeRunReport)({ certDir: job.certDir, keyDir, certificates: issued, host, tool, lang: job.lang });
      emitJob({ kind: 'run-report-written', at: now(), id: report.id, manifestPath: report.manifestPath, pdfPath: report.pdfPath, warnings: report.warnings });
      if (report.pdfPath) print(null, report.pdfPath);
    } catch (e) {
      emitJob({ kind: 'run-report-failed', at: now(), reason: errText(e) });
    }
  }
  await printQueue;
  if (runEnd) deps.emit(runEnd);
  return { refused: null, results, certificates, report, printFailures };
}
