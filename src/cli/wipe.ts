// `erasebox wipe`: checks every target, then erases them in parallel through the engine, prints
// progress (or JSON events), and writes one certificate per disk. Exit 0 all erased, 1 any disk
// failed or aborted (or its certificate could not be written), 2 usage error or refused (nothing
// was opened, nothing written).
import { ensureThreadPool } from '../engine/threadpool';
// Before anything uses libuv's pool: argv length bounds the number of devices on this command line.
ensureThreadPool(process.argv.length);

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { EXIT, type Command, type CliIo } from './io';
import { VERSION } from '../version';
import { checkTarget, identify } from '../hw/protect';
import { findMethod, METHODS } from '../engine/methods';
import { buildPlan, parseVerifyMode, PlanError } from '../engine/plan';
import { createRunWipe } from '../engine/runner';
import { dispatch, type EngineEvent } from '../engine/events';
import type { DiskResult } from '../engine/result';
import { progressLine, bytes } from '../engine/format';
import { DirectBlockDevice } from '../hw/block/direct';
import { describeDisk } from '../hw/discover';
import type { Disk } from '../hw/types';
import type { IssuedCertificate } from '../cert/input';
import { issueCertificate } from '../cert/issue';
import { writeRunReport } from '../cert/report';
import { getHostIdentity } from '../hw/host';

const USAGE =
  'usage: erasebox wipe --method ID [--verify none|last|all|sample:PCT] [--rounds N] [--blank] --yes\n' +
  '                     [--cert-dir DIR] [--operator NAME] [--customer NAME] [--asset-tag TAG] [--lang en|de] [--json] DEVICE...\n' +
  '  erasebox methods lists the methods.\n';

/** $ERASEBOX_CERT_DIR, else /certs when it exists (the stick's data partition), else ./certificates. */
export function defaultCertDir(env: NodeJS.ProcessEnv): string {
  if (env.ERASEBOX_CERT_DIR) return env.ERASEBOX_CERT_DIR;
  if (fs.existsSync('/certs')) return '/certs';
  return path.resolve('certificates');
}

async function identityOf(dev: string): Promise<Disk | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 60_000)));
  try {
    return await Promise.race([describeDisk(dev), timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

const fail = (io: CliIo, msg: string, code: number = EXIT.usage): number => {
  io.stderr(`erasebox wipe: ${msg}\n`);
  return code;
};

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
        json: { type: 'boolean', default: false },
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
  if (devices.length === 0) return fail(io, 'no DEVICE given');
  if (!o.yes) return fail(io, `refusing to erase without --yes (would erase: ${devices.join(' ')})`);

  // Every target is checked before any is opened: one refusal stops the whole run.
  const seen = new Map<string, string>();
  for (const dev of devices) {
    const refused = checkTarget(dev);
    if (refused) return fail(io, `refused: ${refused.reason}; nothing was written`);
    const id = identify(dev);
    if ('code' in id) return fail(io, `refused: ${id.reason}; nothing was written`);
    const prev = seen.get(id.majorMinor);
    if (prev) return fail(io, `refused: ${dev} and ${prev} are the same device (${id.name}); nothing was written`);
    seen.set(id.majorMinor, dev);
  }

  const certDir = o['cert-dir'] ?? defaultCertDir(io.env);
  const keyDir = path.join(certDir, 'keys');
  try {
    fs.mkdirSync(certDir, { recursive: true });
    fs.accessSync(certDir, fs.constants.W_OK);
  } catch (e) {
    return fail(io, `certificate directory ${certDir} is not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was written`);
  }

  const identities = new Map<string, Disk | null>();
  await Promise.all(devices.map(async (d) => identities.set(d, await identityOf(d))));
  const host = await getHostIdentity();

  const human = !o.json;
  const lastLine = new Map<string, number>();
  const throttleMs = io.isTTY ? 1000 : 5000;
  const say = (line: string): void => io.stderr(line + '\n');
  const onEvent = (e: EngineEvent): void => {
    if (o.json) io.stdout(JSON.stringify(e) + '\n');
    if (!human) return;
    dispatch<void>(e, {
      'run-start': (x) => say(`erasebox: ${method.label} (${x.methodId}), verify ${verify}, ${x.disks.length} disk(s)`),
      'disk-start': (x) => say(`${x.disk}  ${bytes(x.sizeBytes)}, ${x.passes} pass(es)`),
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

  // Certificates are issued as each disk ends, while the others keep running.
  const certs: Promise<boolean>[] = [];
  const issued: IssuedCertificate[] = [];
  const tool = { name: 'erasebox' as const, version: VERSION, imageSha256: io.env.ERASEBOX_IMAGE_SHA256 ?? null };
  const certify = async (r: DiskResult): Promise<boolean> => {
    try {
      const c = await issueCertificate(
        {
          result: r,
          disk: identities.get(r.path) ?? null,
          method: { id: method.id, label: method.label, nistCategory: method.nistCategory },
          job: { operator: o.operator ?? null, customer: o.customer ?? null, assetTag: o['asset-tag'] ?? null },
          tool,
          host,
        },
        { certDir, keyDir, lang },
      );
      issued.push(c);
      io.stderr(`${r.path}  certificate ${c.jsonPath}\n`);
      for (const w of c.warnings ?? []) io.stderr(`${r.path}  certificate warning: ${w}\n`);
      return true;
    } catch (e) {
      io.stderr(`erasebox wipe: ${r.path}: certificate not written: ${(e as Error).message}\n`);
      return false;
    }
  };
  const runWipe = createRunWipe({ open: (p, opts) => DirectBlockDevice.open(p, opts) });
  const results = await runWipe(
    { devices, methodId: method.id, verify, rounds, blank: o.blank },
    (e) => {
      onEvent(e);
      if (e.kind === 'disk-end') certs.push(certify(e.result));
    },
    io.signal,
  );
  const certOk = (await Promise.all(certs)).every(Boolean);
  // The run's signed manifest and system report: a failure here is reported, never hides a certificate.
  if (issued.length) {
    try {
      const rep = await writeRunReport({ certDir, keyDir, certificates: issued, host, tool, lang });
      io.stderr(`erasebox: run manifest ${rep.manifestPath}${rep.pdfPath ? `, system report ${rep.pdfPath}` : ''}\n`);
      for (const w of rep.warnings) io.stderr(`erasebox: run report warning: ${w}\n`);
    } catch (e) {
      io.stderr(`erasebox: run report not written: ${(e as Error).message}\n`);
    }
  }
  return results.every((r) => r.outcome === 'erased') && certOk ? EXIT.ok : EXIT.failed;
};

export default run;

/** The host identity certificates carry (SMBIOS/DMI through systeminformation). */
export const hostIdentity = getHostIdentity;
