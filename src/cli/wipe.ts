// `erasebox wipe`: argument parsing and output around runWipeJob (src/app/wipe-job.ts), which
// checks every target, erases them in parallel through the engine and writes one certificate per
// disk. Exit 0 all erased, 1 any disk failed or aborted (or its certificate could not be written),
// 2 usage error or refused (nothing was opened, nothing written). Printing never changes the exit code.
// --all-eligible (the image's unattended run) selects through discovery instead of a DEVICE list
// and skips protected disks instead of refusing the run (src/app/eligible.ts).
import { ensureThreadPool } from '../engine/threadpool';
// Before anything uses libuv's pool: argv length bounds the number of devices on this command line.
ensureThreadPool(process.argv.length);

import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { EXIT, failer, type Command, type CliIo } from './io';
import { findMethod, METHODS } from '../engine/methods';
import { buildPlan, parseVerifyMode, PlanError } from '../engine/plan';
import { dispatch, type EngineEvent } from '../engine/events';
import { progressLine } from '../engine/format';
import { decimalBytes } from '../units';
import { defaultCertDir, jobSucceeded, runWipeJob, type WipeJob, type WipeJobDeps, type WipeJobResult } from '../app/wipe-job';
import { MAX_EXTRA_WAIT_MS, runEligibleWipeJob } from '../app/eligible';
import { dispatchJob, isJobEvent, type JobEvent, type WipeJobEvent } from '../app/events';

const USAGE =
  'usage: erasebox wipe --method ID [--verify none|last|all|sample:PCT] [--rounds N] [--blank] --yes\n' +
  '                     [--cert-dir DIR] [--operator NAME] [--customer NAME] [--asset-tag TAG] [--lang en|de]\n' +
  '                     [--print /dev/usb/lpN [--print-ps]] [--json] DEVICE...\n' +
  '       erasebox wipe --all-eligible [--settle SECONDS] --method ID ... --yes   (every disk that is not protected)\n' +
  '  erasebox methods lists the methods.\n';

const fail = failer('wipe');

const run: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        method: { type: 'string' },
        verify: { type: 'string' },
        rounds: { type: 'string' },
        blank: { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        'cert-dir': { type: 'string' },
        operator: { type: 'string' },
        customer: { type: 'string' },
        'asset-tag': { type: 'string' },
        lang: { type: 'string' },
        print: { type: 'string' },
        'print-ps': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'all-eligible': { type: 'boolean', default: false },
        settle: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return fail(io, `${(e as Error).message}\n${USAGE}`.trimEnd());
  }
  const o = parsed.values;
  const devices = parsed.positionals;
  if (o.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (!o.method) return fail(io, `--method is required (one of: ${METHODS.map((m) => m.id).join(', ')})`);
  const method = findMethod(o.method);
  if (!method) return fail(io, `unknown method '${o.method}' (erasebox methods lists them)`);
  const verify = o.verify === undefined ? method.defaultVerify : parseVerifyMode(o.verify);
  if (!verify) return fail(io, `bad --verify '${o.verify}' (none, last, all or sample:PCT with 0 < PCT <= 100)`);
  const rounds = o.rounds === undefined ? 1 : Number(o.rounds);
  if (!/^\d+$/.test(o.rounds ?? '1')) return fail(io, `bad --rounds '${o.rounds}' (a whole number from 1 to 100)`);
  try {
    buildPlan(method, { verify, rounds, blank: o.blank }, randomBytes);
  } catch (e) {
    if (e instanceof PlanError) return fail(io, e.message);
    throw e;
  }
  const lang = o.lang === undefined ? undefined : o.lang === 'en' || o.lang === 'de' ? o.lang : null;
  if (lang === null) return fail(io, `bad --lang '${o.lang}' (en or de)`);
  if (o.print === '') return fail(io, 'bad --print \'\' (a printer device such as /dev/usb/lp0)');
  if (o['print-ps'] && o.print === undefined) return fail(io, '--print-ps needs --print DEVICE');
  const allEligible = o['all-eligible'];
  if (allEligible && devices.length) return fail(io, `--all-eligible takes no DEVICE (got ${devices.join(' ')}); give one or the other`);
  if (o.settle !== undefined && !allEligible) return fail(io, '--settle needs --all-eligible');
  const settle = o.settle === undefined ? 0 : /^\d+(\.\d+)?$/.test(o.settle) ? Number(o.settle) : NaN;
  if (!(settle >= 0 && settle <= 600)) return fail(io, `bad --settle '${o.settle}' (seconds, 0 to 600)`);
  if (!allEligible && devices.length === 0) return fail(io, 'no DEVICE given (or --all-eligible)');
  if (!o.yes) return fail(io, `refusing to erase without --yes (would erase: ${allEligible ? 'every eligible disk' : devices.join(' ')})`);

  const say = (line: string): void => io.stderr(line + '\n');
  const onEngine = engineLines(io, o.json ? null : say, `${method.label} (${method.id}), verify ${verify}`);
  const onJob = jobLines(say);
  const spec: Omit<WipeJob, 'devices'> = {
    methodId: method.id,
    verify,
    rounds,
    blank: o.blank,
    operator: o.operator ?? null,
    customer: o.customer ?? null,
    assetTag: o['asset-tag'] ?? null,
    lang,
    certDir: o['cert-dir'] ?? defaultCertDir(io.env),
    print: o.print === undefined ? undefined : { device: o.print, format: o['print-ps'] ? 'ps' : 'pdf' },
  };
  const deps: WipeJobDeps = {
    emit: (e: WipeJobEvent) => {
      if (o.json) io.stdout(JSON.stringify(e) + '\n');
      if (isJobEvent(e)) onJob(e);
      else onEngine(e);
    },
    signal: io.signal,
    env: io.env,
  };
  let job: WipeJobResult;
  if (allEligible) {
    job = await runEligibleWipeJob(spec, {
      ...deps,
      settle: { settleMs: settle * 1000 },
      onSelected: (s) => {
        if (!s.settled && settle > 0) say(`erasebox: the disk list did not settle within ${Math.round((settle * 1000 + MAX_EXTRA_WAIT_MS) / 1000)} s; going on with what is there`);
        if (s.eligible.length) say(`erasebox: ${s.eligible.length} eligible disk(s): ${s.eligible.join(' ')}${s.skipped.length ? `; ${s.skipped.length} skipped` : ''}`);
      },
    });
  } else job = await runWipeJob({ ...spec, devices }, deps);
  if (job.refused?.kind === 'interrupted') return fail(io, `${job.refused.reason}; nothing was written`, EXIT.failed);
  if (job.refused) return fail(io, `${job.refused.kind === 'target' ? 'refused: ' : ''}${job.refused.reason}; nothing was written`);
  return jobSucceeded(job) ? EXIT.ok : EXIT.failed;
};

export default run;

/** Human lines for engine events (none in --json mode, where stdout carries the events). */
function engineLines(io: CliIo, say: ((line: string) => void) | null, what: string): (e: EngineEvent) => void {
  const lastLine = new Map<string, number>();
  const throttleMs = io.isTTY ? 1000 : 5000;
  return (e) => {
    if (!say) return;
    dispatch<void>(e, {
      'run-start': (x) => say(`erasebox: ${what}, ${x.disks.length} disk(s)`),
      'disk-start': (x) => say(`${x.disk}  ${decimalBytes(x.sizeBytes)}, ${x.passes} pass(es)`),
      'pass-start': (x) => say(`${x.disk}  pass ${x.pass}/${x.passes} ${x.passKind} ${x.pattern}`),
      progress: (x) => {
        const t = Date.now();
        if (t - (lastLine.get(x.disk) ?? 0) < throttleMs) return;
        lastLine.set(x.disk, t);
        say(progressLine(x));
      },
      'pass-end': (x) => say(`${x.disk}  pass ${x.pass} ${x.ok ? 'ok' : 'FAILED'}${x.mismatchedBlocks ? `, ${x.mismatchedBlocks} mismatching block(s)` : ''}`),
      'io-error': (x) => say(`${x.disk}  ${x.op} error ${x.code} at byte ${x.offset} (+${x.length}), attempt ${x.retry + 1}`),
      'disk-end': (x) => say(`${x.disk}  ${x.result.outcome.toUpperCase()}${x.result.reason ? `: ${x.result.reason}` : ''}`),
      'run-end': (x) => say(`erasebox: ${x.erased} erased, ${x.failed} failed, ${x.aborted} aborted`),
    });
  };
}

/** Certificates, printing and the run report: on stderr in both modes (paths matter to scripts too). */
function jobLines(say: (line: string) => void): (e: JobEvent) => void {
  const reprint = (device: string, file: string | null): string =>
    file ? `; the file is kept: erasebox report print --device ${device} ${file}` : '; the JSON certificate is kept';
  return (e) =>
    dispatchJob<void>(e, {
      'certificate-written': (x) => {
        say(`${x.disk}  certificate ${x.jsonPath}`);
        for (const w of x.warnings) say(`${x.disk}  certificate warning: ${w}`);
      },
      'certificate-failed': (x) => say(`erasebox wipe: ${x.disk}: certificate not written: ${x.reason}`),
      printed: (x) => say(x.disk ? `${x.disk}  printed ${x.file} on ${x.device}` : `erasebox: system report printed on ${x.device}`),
      'print-failed': (x) => say(`erasebox wipe: ${x.disk ?? 'system report'}: not printed: ${x.reason}${reprint(x.device, x.file)}`),
      'run-report-written': (x) => {
        say(`erasebox: run manifest ${x.manifestPath}${x.pdfPath ? `, system report ${x.pdfPath}` : ''}`);
        for (const w of x.warnings) say(`erasebox: run report warning: ${w}`);
      },
      'run-report-failed': (x) => say(`erasebox: run report not written: ${x.reason}`),
      'disk-skipped': (x) => say(`skipped ${x.disk}: ${x.reason}`),
    });
}
