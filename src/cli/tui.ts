// `erasebox [tui] [--all]`: the terminal UI. This file is the TUI's composition root: it builds
// the Backend from discovery, the engine and the certificate module; the TUI itself (src/tui/)
// only renders state and sends commands through that Backend.
import { ensureThreadPool } from '../engine/threadpool';
// Before anything uses libuv's pool (discovery reads, O_DIRECT I/O): room for many disks at once.
ensureThreadPool(32);
// Node prints warnings (blessed uses the deprecated Buffer()) straight to stderr, which is the
// screen the TUI draws on: one warning tears the layout. The TUI has a log view for what matters.
process.noDeprecation = true;

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { EXIT, type CliIo, type Command } from './io';
import { EMPTY_JOB, type Backend, type ConfigLoad, type PrintReport, type RunCallbacks, type RunHandle, type StartRequest } from '../tui/backend';
import { CONFIG_FILE, ConfigFileError, emptyConfig, parseConfig } from '../cert/config';
import { saveConfigEdit } from '../cert/config-edit';
import { formatJob, jobFilePath, parseJob } from '../tui/job-config';
import type { JobEvent } from '../app/events';

const HELP = `usage: erasebox [tui] [--all]

The terminal user interface: pick disks, a method and job details, confirm, watch the erase,
read the results and certificates. Keyboard only; needs a terminal of at least 80x24.

  --all    also show loop, ram and zram devices (for disk images and tests)
  --help   this text

Environment:
  ERASEBOX_CERT_DIR                where certificates go (default /certs if it exists, else ./certificates)
  ERASEBOX_TUI_JOB_FILE            where operator/customer/asset tag are remembered
  ERASEBOX_PRINTER=/dev/usb/lp0    print every certificate PDF and the system report (as wipe --print);
                                   ERASEBOX_PRINTER_FORMAT=ps for PostScript printers. Also the
                                   printer of p/P on the Results screen when erasebox.conf sets none
  ERASEBOX_PRINTER_ALLOW_FILE=1    tests only: a FIFO or plain file may stand in for the printer
The store configuration <cert-dir>/erasebox.conf is edited on the Settings screen (s).
  ERASEBOX_TUI_SIMULATED_BACKEND=1 made-up disks and progress; nothing is written (demo/tests)
Exit codes: 0 quit after no run or an all-erased run, 1 the last run had a failed or aborted disk,
2 usage (or no terminal), 130 stopped by a signal.
`;

function jobStore(io: CliIo): Pick<Backend, 'loadJob' | 'saveJob'> {
  const file = jobFilePath(io.env);
  return {
    loadJob: async () => (file ? parseJob(await fsp.readFile(file, 'utf8')) : { ...EMPTY_JOB }),
    saveJob: async (job) => {
      if (!file) return;
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, formatJob(job));
      await fsp.rename(tmp, file);
    },
  };
}

/** Same rule as defaultCertDir in src/app/wipe-job.ts, which is not imported here because it
 *  loads device code and the simulated backend must not. */
function certDirOf(env: NodeJS.ProcessEnv): string {
  if (env.ERASEBOX_CERT_DIR) return env.ERASEBOX_CERT_DIR;
  return require('node:fs').existsSync('/certs') ? '/certs' : path.resolve('certificates');
}

const shortErrors = (e: ConfigFileError): string => e.errors.map((x) => `${CONFIG_FILE}:${x.line}: ${x.message}`).join('\n');

/** <cert-dir>/erasebox.conf through src/cert/config: read (the valid lines of a broken file are
 *  used), and saved in place (comments kept) after validation, atomically. */
function configStore(io: CliIo): Pick<Backend, 'loadConfig' | 'saveConfig'> {
  const dir = certDirOf(io.env);
  const file = path.join(dir, CONFIG_FILE);
  const loadConfig = async (): Promise<ConfigLoad & { text: string | null }> => {
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, config: emptyConfig(), errors: [], text: null };
      throw e;
    }
    const { config, errors } = parseConfig(text);
    return { path: file, config, errors: errors.map((x) => `${CONFIG_FILE}:${x.line}: ${x.message}`), text };
  };
  return {
    loadConfig: async () => {
      const { path: p, config, errors } = await loadConfig();
      return { path: p, config, errors };
    },
    saveConfig: async (config) => {
      // A file with errors loses its invalid lines on save: keep the original next to it.
      const before = await loadConfig();
      try {
        await saveConfigEdit(dir, config);
      } catch (e) {
        throw e instanceof ConfigFileError ? new Error(shortErrors(e)) : e;
      }
      if (before.errors.length && before.text !== null) await fsp.writeFile(`${file}.bak`, before.text);
      return file;
    },
  };
}

/** PDFs of the print action, one after another (two presses must not interleave on one printer). */
let printQueue: Promise<unknown> = Promise.resolve();
const PRINT_LIMIT_MS = 180_000; // per PDF, as in the wipe job: an offline printer takes no data

async function printFiles(io: CliIo, files: string[]): Promise<PrintReport> {
  const { printFile } = require('../cert/print') as typeof import('../cert/print');
  const { config } = await configStore(io).loadConfig();
  const fromConf = config.printer.device;
  const device = fromConf ?? io.env.ERASEBOX_PRINTER;
  if (!device) throw new Error('no printer set: choose one in Settings (s on the Disks screen) or set ERASEBOX_PRINTER');
  const format = fromConf ? (config.printer.format ?? 'pdf') : io.env.ERASEBOX_PRINTER_FORMAT === 'ps' ? 'ps' : 'pdf';
  const allowNonDevice = io.env.ERASEBOX_PRINTER_ALLOW_FILE === '1';
  const results: PrintReport['results'] = [];
  let failed: string | null = null;
  for (const file of files) {
    if (failed) {
      results.push({ file, ok: false, detail: `not sent: ${failed}` });
      continue;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`printer ${device} took no data for ${PRINT_LIMIT_MS / 1000} s (offline or out of paper?)`)), PRINT_LIMIT_MS)));
      const bytes = await Promise.race([printFile(file, device, { format, allowNonDevice }), late]);
      results.push({ file, ok: true, detail: `${bytes} bytes, ${format}` });
    } catch (e) {
      failed = e instanceof Error ? e.message : String(e);
      results.push({ file, ok: false, detail: failed });
    } finally {
      clearTimeout(timer);
    }
  }
  return { device, results };
}

function printAction(io: CliIo): Pick<Backend, 'print'> {
  return {
    print: (files) => {
      const job = printQueue.then(() => printFiles(io, files));
      printQueue = job.catch(() => undefined);
      return job;
    },
  };
}

/** Lines for the certificate screen: the signature check first, then what the certificate says. */
async function certificateSummary(file: string): Promise<string[]> {
  const { verifyFile } = require('../cert/verify') as typeof import('../cert/verify');
  const check = await verifyFile(file, { fingerprints: [] });
  const c = JSON.parse(await fsp.readFile(file, 'utf8')) as import('../cert/model').Certificate;
  const d = c.device;
  const v = c.verification;
  return [
    `Certificate ${c.id}`,
    `Signature  ${check.status.toUpperCase()}: ${check.message}`,
    `Result     ${c.result.toUpperCase()}${c.reason ? ` - ${c.reason}` : ''}`,
    `Device     ${d.path}  ${[d.vendor, d.model].filter(Boolean).join(' ') || '-'}  serial ${d.serial ?? '-'}  ${d.sizeBytes} bytes`,
    `Transport  ${d.transport ?? '-'}: ${d.chain.map((h) => h.label).join(' > ') || '-'}  HPA ${d.hpa}, DCO ${d.dco}`,
    `Method     ${c.method.label} (NIST ${c.method.nistCategory}), rounds ${c.method.rounds}, blank ${c.method.blank ? 'yes' : 'no'}, ${c.method.writePasses} write passes`,
    `Verified   ${v.mode}: ${v.result}, ${v.mismatchedBlocks} mismatched blocks${v.digest ? `, ${v.digestAlgorithm ?? 'digest'} ${v.digest}` : ''}`,
    `Passes     ${c.passes.length}; ${c.errors.length} error ranges, ${c.ioRetries} retries; ${(c.throughput.averageBytesPerSec / 1e6).toFixed(1)} MB/s average`,
    `Health     ${c.health.verdict}${c.health.reasons.length ? `: ${c.health.reasons.join('; ')}` : ''}`,
    `Job        operator ${c.operator ?? '-'}, customer ${c.customer ?? '-'}, asset tag ${c.assetTag ?? '-'}`,
    `Time       ${c.startedAt} .. ${c.finishedAt} (${Math.round(c.durationSeconds)} s), issued ${c.issuedAt}`,
    `Host       ${c.host.hostname}  ${c.tool.name} ${c.tool.version}`,
    `File       ${file}`,
  ];
}

/** $ERASEBOX_PRINTER (e.g. /dev/usb/lp0; $ERASEBOX_PRINTER_FORMAT=ps for PostScript): every PDF of a run is printed. */
const printer = (env: NodeJS.ProcessEnv): { device: string; format: 'pdf' | 'ps' } | undefined =>
  env.ERASEBOX_PRINTER ? { device: env.ERASEBOX_PRINTER, format: env.ERASEBOX_PRINTER_FORMAT === 'ps' ? 'ps' : 'pdf' } : undefined;

/** The wipe job of `erasebox wipe` (src/app/wipe-job.ts) behind the Backend: the same checks,
 *  certificates and run report; job events become run notices. A refusal rejects `done`. */
export function startRun(io: CliIo, req: StartRequest, on: RunCallbacks): RunHandle {
  const { runWipeJob, defaultCertDir } = require('../app/wipe-job') as typeof import('../app/wipe-job');
  const { dispatchJob, isJobEvent } = require('../app/events') as typeof import('../app/events');
  if (req.devices.length === 0) throw new Error('no disk selected');
  const certDir = defaultCertDir(io.env);
  const ctrl = new AbortController();
  const log = (at: string, line: string): void => on.notice({ kind: 'log', at, line });
  const notice = (e: JobEvent): void =>
    dispatchJob<void>(e, {
      'certificate-written': (x) => {
        on.notice({ kind: 'certificate', at: x.at, disk: x.disk, id: x.id, jsonPath: x.jsonPath, pdfPath: x.pdfPath });
        for (const w of x.warnings) log(x.at, `${x.disk}: certificate warning: ${w}`);
      },
      'certificate-failed': (x) => on.notice({ kind: 'certificate-failed', at: x.at, disk: x.disk, reason: x.reason }),
      printed: (x) => log(x.at, `${x.disk ?? 'system report'}: printed on ${x.device}`),
      'print-failed': (x) => log(x.at, `${x.disk ?? 'system report'}: not printed: ${x.reason}`),
      'run-report-written': (x) => {
        on.notice({ kind: 'run-report', at: x.at, manifestPath: x.manifestPath, pdfPath: x.pdfPath });
        for (const w of x.warnings) log(x.at, `run report warning: ${w}`);
      },
      'run-report-failed': (x) => log(x.at, `run report not written: ${x.reason}`),
      'disk-skipped': (x) => log(x.at, `skipped ${x.disk}: ${x.reason}`),
    });
  const job = { operator: req.job.operator || null, customer: req.job.customer || null, assetTag: req.job.assetTag || null };
  const done = runWipeJob(
    { devices: req.devices, methodId: req.methodId, verify: req.verify, rounds: req.rounds, blank: req.blank, ...job, certDir, print: printer(io.env) },
    { emit: (e) => (isJobEvent(e) ? notice(e) : on.event(e)), signal: ctrl.signal, env: io.env },
  ).then((r) => {
    if (r.refused) throw new Error(`${r.refused.reason}; nothing was written`);
  });
  log(new Date().toISOString(), `certificates go to ${certDir}`);
  return { abort: () => ctrl.abort(new Error('aborted by the operator')), done };
}

function realBackend(io: CliIo, all: boolean): Backend {
  // Loaded here, not at the top: the simulated backend must not load device code at all.
  const { listDisks, watchDisks } = require('../hw/discover') as typeof import('../hw/discover');
  const { METHODS, methodInfo } = require('../engine/methods') as typeof import('../engine/methods');
  return {
    label: all ? 'all devices' : null,
    // The quick list (no smartctl, no probes) fills the table at once; the watcher then adds
    // SMART verdicts and purge capabilities as disk-updated events, and follows hot-plug.
    listDisks: () => listDisks({ all, smart: false, caps: false }),
    watch: (on) => watchDisks(on, { all, smart: true, caps: true }),
    methods: async () => METHODS.map(methodInfo),
    ...jobStore(io),
    ...configStore(io),
    ...printAction(io),
    start: (req, on) => startRun(io, req, on),
    certificateSummary,
  };
}

const run: Command = async (argv, io) => {
  let all = false;
  for (const a of argv) {
    if (a === '--all') all = true;
    else if (a === '--help' || a === '-h') {
      io.stdout(HELP);
      return EXIT.ok;
    } else {
      io.stderr(`erasebox: tui: unknown option '${a}' (erasebox tui --help lists them)\n`);
      return EXIT.usage;
    }
  }
  if (!io.isTTY) {
    io.stderr('erasebox: tui: needs a terminal (stdin and stdout); use `erasebox wipe` in scripts\n');
    return EXIT.usage;
  }
  const simulated = io.env.ERASEBOX_TUI_SIMULATED_BACKEND === '1';
  // The simulated backend keeps the real job-details file and the real erasebox.conf (in
  // ERASEBOX_CERT_DIR), so "remembered" and Settings are tested for real. Its certificates are
  // not files, so it keeps its own print.
  const backend: Backend = simulated
    ? { ...(require('../tui/simulated-backend') as typeof import('../tui/simulated-backend')).simulatedBackend(), ...jobStore(io), ...configStore(io) }
    : realBackend(io, all);
  const { runTui } = require('../tui/app') as typeof import('../tui/app');
  return runTui({ backend, signal: io.signal });
};
export default run;
