// A wipe through a device that crawls through one region (simulated: a memory disk whose writes
// and reads in that byte range are delayed) must list that region as a slow zone in the signed
// certificate and its PDF, and turn the health verdict to reuse-with-caution. The speed profile is
// measured by the real engine with the real clock; only the slowness is simulated.
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { MemoryBlockDevice } from '../../src/hw/block/memory';
import type { CompiledPattern, CompareResult } from '../../src/hw/block/types';
import { runWipeJob, jobSucceeded } from '../../src/app/wipe-job';

const MiB = 1 << 20;
const SIZE = 64 * MiB;
const SLOW_FROM = 32 * MiB; // 50% .. 60% of the disk
const SLOW_TO = SLOW_FROM + Math.round(SIZE / 10);

/**
 * Test-only: a memory disk whose every request takes `baseMs`, and `slowMs` when it touches
 * [from, to). Memory itself is so fast that scheduler jitter would dominate the profile; fixed
 * delays make the speed profile depend on the simulated disk, not on the machine's load.
 */
class SimulatedSlowZoneDevice extends MemoryBlockDevice {
  constructor(path: string, private readonly from: number, private readonly to: number, private readonly baseMs: number, private readonly slowMs: number) {
    super(path, SIZE, { fill: 0x5a });
  }
  private async crawl(offset: number, length: number): Promise<void> {
    const slow = offset < this.to && offset + length > this.from;
    await new Promise((r) => setTimeout(r, slow ? this.slowMs : this.baseMs));
  }
  override async writePattern(buf: Buffer, offset: number, length: number, p: CompiledPattern, prefilled?: boolean): Promise<void> {
    await this.crawl(offset, length);
    return super.writePattern(buf, offset, length, p, prefilled);
  }
  override async readCompare(buf: Buffer, offset: number, length: number, p: CompiledPattern, bs: number): Promise<CompareResult> {
    await this.crawl(offset, length);
    return super.readCompare(buf, offset, length, p, bs);
  }
}

t.test('simulated slow zone: the engine measures it, the certificate and PDF list it', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-slow-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const dev = new SimulatedSlowZoneDevice('slow0', SLOW_FROM, SLOW_TO, 50, 250);
  const res = await runWipeJob(
    { devices: ['slow0'], methodId: 'zero', verify: 'none', rounds: 1, blank: false, operator: null, customer: null, assetTag: null, certDir: dir },
    {
      emit: () => {},
      signal: new AbortController().signal,
      env: {},
      checkTarget: () => ({ name: 'slow0', majorMinor: '250:9', sysPath: '/sys/fake/slow0' }),
      open: () => dev,
      describeDisk: () => Promise.reject(new Error('no discovery for a memory disk')),
      getHostIdentity: async () => ({ hostname: 'h', manufacturer: null, model: null, serial: null, uuid: null, bios: null, cpu: null, memoryBytes: null }),
      runner: { tuning: { chunkBytes: 64 * 1024, retryDelayMs: 1 }, progressIntervalMs: 5 },
    },
  );
  t.ok(jobSucceeded(res), 'the disk is erased: slowness is not failure');
  t.ok(dev.bytes.equals(Buffer.alloc(SIZE)), 'every byte zero');
  // (verify none: one pass keeps the test short; each 1% must take >= MIN_BUCKET_SECONDS to be judged.)
  const c0 = res.certificates[0];
  const jsonPath = c0 && c0.ok ? c0.certificate.jsonPath : undefined;
  t.ok(jsonPath, 'a certificate was written');
  const cert = JSON.parse(fs.readFileSync(jsonPath!, 'utf8'));
  const lba = (b: number): number => b / 512;
  const zones: { pass: number; firstLba: number; lastLba: number }[] = cert.slowZones;
  t.ok(zones.length >= 1, `slow zones listed: ${JSON.stringify(zones)}`);
  for (const z of zones) {
    // A 1% bucket is 0.64 MiB; the zone may start or end one bucket early or late, never elsewhere.
    t.ok(z.firstLba >= lba(SLOW_FROM - SIZE / 100) && z.lastLba < lba(SLOW_TO + SIZE / 100), `zone ${z.firstLba}-${z.lastLba} lies in the slow region`);
  }
  const covered = zones.filter((z) => z.pass === 1).reduce((n, z) => n + (z.lastLba - z.firstLba + 1), 0);
  t.ok(covered >= lba(SLOW_TO - SLOW_FROM) * 0.7, `the write pass's zones cover most of the slow region (${covered} sectors)`);
  t.equal(cert.health.verdict, 'reuse-with-caution');
  t.match(cert.health.reasons.join('\n'), /slow zone in pass 1: LBA \d+-\d+/);

  const pdf = jsonPath!.replace(/\.json$/, '.pdf');
  t.ok(fs.existsSync(pdf), 'the PDF sits next to the JSON');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const z0 = zones[0];
  t.match(text, new RegExp(`${z0.firstLba}\\s*[-–]\\s*${z0.lastLba}`), 'the PDF names the slow LBA range');
});
