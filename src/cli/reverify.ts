// `erasebox reverify CERT DEVICE [--sample PCT | --full] [--json]`: re-reads a disk and checks it
// against the last pass its certificate records (pattern label + AES seed regenerate the bytes).
// Read-only (O_RDONLY|O_DIRECT). Exit 0 match, 1 mismatch or read errors, 2 unusable certificate
// or device. Default: --full, which also compares the BLAKE3 digest when the certificate has one.
import { ensureThreadPool } from '../engine/threadpool';
ensureThreadPool(2);

import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { EXIT, failer, type Command } from './io';
import { DirectBlockDevice } from '../hw/block/direct';
import { compilePattern, patternFromLabel, patternLabel, type PatternSpec } from '../hw/block/pattern';
import type { BlockDevice } from '../hw/block/types';
import { BufferPool } from '../engine/pool';
import { chunks, runPass } from '../engine/pass';
import { sampleMap } from '../engine/sample';
import { verifyCertificateText } from '../cert/verify';

const USAGE = 'usage: erasebox reverify CERT.json DEVICE [--sample PCT | --full] [--json]\n';

interface CertPart {
  id: string;
  sizeBytes: number;
  blockSize: number;
  pattern: PatternSpec;
  passIndex: number;
  digest: string | null; // read-back digest of a fully verified last pass
}

/** The fields reverify needs, from the certificate (which embeds the engine's DiskResult parts). */
export function readCert(text: string): CertPart | string {
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(text);
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  const passes = Array.isArray(c.passes) ? (c.passes as Record<string, unknown>[]) : null;
  const device = c.device as Record<string, unknown> | undefined;
  const verification = c.verification as Record<string, unknown> | undefined;
  if (!passes || !passes.length) return 'the certificate records no passes';
  if (typeof device?.sizeBytes !== 'number') return 'the certificate has no device.sizeBytes';
  const last = passes[passes.length - 1];
  const pattern = typeof last.pattern === 'string' ? patternFromLabel(last.pattern, typeof last.seed === 'string' ? last.seed : null) : null;
  if (!pattern) return `the last pass's pattern '${String(last.pattern)}' cannot be regenerated (random pass without a seed?)`;
  const fullyVerified = last.verified === true && last.digestOf === 'read-back' && !String(verification?.mode ?? '').startsWith('sample:');
  return {
    id: String(c.id ?? '?'),
    sizeBytes: device.sizeBytes,
    blockSize: typeof verification?.blockSize === 'number' && verification.blockSize > 0 ? verification.blockSize : 4096,
    pattern,
    passIndex: Number(last.index ?? passes.length),
    digest: fullyVerified && typeof last.digest === 'string' ? last.digest : null,
  };
}

const fail = failer('reverify');

const run: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { sample: { type: 'string' }, full: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  } catch (e) {
    return fail(io, `${(e as Error).message}\n${USAGE}`.trimEnd());
  }
  const { values: o, positionals } = parsed;
  if (positionals.length !== 2) return fail(io, `expected CERT and DEVICE\n${USAGE}`.trimEnd());
  if (o.full && o.sample !== undefined) return fail(io, '--sample and --full exclude each other');
  const pct = o.sample === undefined ? null : Number(o.sample);
  if (pct !== null && !(pct > 0 && pct <= 100)) return fail(io, `bad --sample '${o.sample}' (0 < PCT <= 100)`);
  const [certPath, devPath] = positionals;

  let text: string;
  try {
    text = fs.readFileSync(certPath, 'utf8');
  } catch (e) {
    return fail(io, `cannot read ${certPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const sig = verifyCertificateText(text, { fingerprints: [] });
  if (sig.status !== 'valid') return fail(io, `${certPath}: certificate ${sig.status}: ${sig.message}`);
  const cert = readCert(text);
  if (typeof cert === 'string') return fail(io, `${certPath}: ${cert}`);

  let device: BlockDevice;
  try {
    device = DirectBlockDevice.open(devPath, { writable: false });
  } catch (e) {
    return fail(io, `cannot open ${devPath}: ${(e as Error).message}`);
  }
  try {
    if (device.info.sizeBytes !== cert.sizeBytes) return fail(io, `${devPath} has ${device.info.sizeBytes} bytes, the certificate's disk had ${cert.sizeBytes}`);
    const sampleSeed = pct !== null ? randomBytes(16).toString('hex') : null;
    const extents = pct !== null ? sampleMap(cert.sizeBytes, pct, sampleSeed!) : chunks(cert.sizeBytes, 4 << 20);
    const total = pct !== null ? (extents as { length: number }[]).reduce((s, e) => s + e.length, 0) : cert.sizeBytes;
    const pool = new BufferPool((n) => device.allocBuffer(n), 4 << 20, 3);
    const r = await runPass(
      { device, pool, signal: io.signal, retries: 2, retryDelayMs: 200, syncEveryBytes: Infinity, onProgress: () => {}, onIoError: () => {} },
      { mode: 'read', extents, total, pattern: compilePattern(cert.pattern), blockSize: cert.blockSize, hash: true },
    );
    const digestMatch = cert.digest && pct === null && !r.aborted && r.failed.length === 0 ? r.digest === cert.digest : null;
    const match = !r.aborted && r.failed.length === 0 && r.mismatches === 0 && digestMatch !== false;
    const summary = {
      certificate: cert.id, device: devPath, pattern: patternLabel(cert.pattern), pass: cert.passIndex,
      scope: pct !== null ? `sample:${pct}` : 'full', sampleSeed, bytesRead: r.bytes, mismatchedBlocks: r.mismatches,
      firstMismatchOffset: r.firstMismatch >= 0 ? r.firstMismatch : null, readErrors: r.failed.length, digest: r.digest, digestMatch,
      aborted: r.aborted, result: match ? 'match' : 'mismatch',
    };
    if (o.json) io.stdout(JSON.stringify(summary) + '\n');
    else
      io.stdout(
        `${devPath}: ${match ? 'MATCH' : 'MISMATCH'} with certificate ${cert.id} (pass ${cert.passIndex}, ${summary.pattern}, ${summary.scope}): ` +
          `${r.bytes} bytes read, ${r.mismatches} mismatching block(s), ${r.failed.length} read error(s)` +
          (digestMatch === null ? '' : digestMatch ? ', digest matches' : ', DIGEST DIFFERS') + (r.aborted ? ', aborted' : '') + '\n',
      );
    return match ? EXIT.ok : EXIT.failed;
  } finally {
    await device.close();
  }
};
export default run;
