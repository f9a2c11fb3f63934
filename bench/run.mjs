// `npm run bench`: erasebox vs dd, openssl|dd and nwipe on the same tmpfs-backed loop devices, in
// one run; writes bench/RESULTS.md. Needs root, `npm run build` done, nwipe installed.
// Env: BENCH_SIZE_MB (default 1024), BENCH_RUNS (default 3). Loops are always detached.
import { execFileSync, spawnSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const SIZE = Number(process.env.BENCH_SIZE_MB ?? 1024) * 2 ** 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NODE = process.execPath;
const work = fs.mkdtempSync('/dev/shm/erasebox-bench-');
const loops = [];

function attach(name, bytes) {
  const file = path.join(work, name);
  fs.writeFileSync(file, '');
  fs.truncateSync(file, bytes);
  const dev = execFileSync('losetup', ['-f', '--show', file], { encoding: 'utf8' }).trim();
  loops.push(dev);
  // First touch of tmpfs pages is slow; write once so every timed run sees allocated pages.
  execFileSync('dd', ['if=/dev/zero', `of=${dev}`, 'bs=4M', `count=${Math.ceil(bytes / (4 << 20))}`, 'oflag=direct', 'status=none']);
  return dev;
}
function cleanup() {
  for (const d of loops.splice(0)) spawnSync('losetup', ['-d', d]);
  fs.rmSync(work, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

const sh = (cmd) => {
  const t = performance.now();
  const r = spawnSync('bash', ['-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  return (performance.now() - t) / 1000;
};
const engine = (method, verify, devs) => {
  const r = spawnSync(NODE, [path.join(here, 'engine.cjs'), method, verify, ...devs], { encoding: 'utf8', env: { ...process.env } });
  if (r.status !== 0) throw new Error(`engine ${method}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout);
};
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const f2 = (x) => x.toFixed(2);
const mbps = (bytes, s) => Math.round(bytes / s / 1e6);

const rows = [];
function compare(name, target, runA, runB, bytes, note) {
  const ratios = [];
  const as = [];
  const bs = [];
  for (let i = 0; i < RUNS; i++) {
    const a = runA();
    const b = runB();
    as.push(a);
    bs.push(b);
    ratios.push(b / a); // >1: erasebox faster (speed ratio = B time / A time)
  }
  const r = stats(ratios);
  rows.push({ name, target, a: stats(as), b: stats(bs), r, bytes, note, ok: target ? r.median >= target : null });
  console.error(`${name}: ratio median ${f2(r.median)} (min ${f2(r.min)}, max ${f2(r.max)})`);
}

const [d0, d1, d2, d3] = [attach('d0', SIZE), attach('d1', SIZE), attach('d2', SIZE), attach('d3', SIZE)];
const count = SIZE / (4 << 20);
const K = '000102030405060708090a0b0c0d0e0f';
const passSec = (o, kind) => Math.max(...o.passes.filter((p) => p.kind === kind).map((p) => p.seconds));

compare('zero pass (write)', 0.9, () => passSec(engine('zero', 'none', [d0]), 'write'),
  () => sh(`dd if=/dev/zero of=${d0} bs=4M count=${count} oflag=direct conv=fsync status=none`), SIZE, 'erasebox: pass time incl. final fdatasync and BLAKE3 of the written stream; dd: process');
compare('verify read (compare with 0x00)', 0.9, () => passSec(engine('verify-zero', 'last', [d0]), 'verify'),
  () => sh(`dd if=${d0} bs=4M iflag=direct of=/dev/null status=none`), SIZE, 'erasebox: pread + compare + BLAKE3 of the bytes read; dd: read only');
compare('random pass with digest', 1.5, () => passSec(engine('random', 'none', [d0]), 'write'),
  () => sh(`openssl enc -aes-128-ctr -K ${K} -iv 00000000000000000000000000000000 -nosalt -in /dev/zero 2>/dev/null | dd of=${d0} bs=4M count=${count} iflag=fullblock oflag=direct conv=fsync status=none`), SIZE,
  'erasebox: AES-128-CTR + BLAKE3 digest; baseline has no digest');
compare('4 disks in parallel, zero pass', 0.8, () => passSec(engine('zero', 'none', [d0, d1, d2, d3]), 'write'),
  () => sh([d0, d1, d2, d3].map((d) => `dd if=/dev/zero of=${d} bs=4M count=${count} oflag=direct conv=fsync status=none &`).join(' ') + ' wait'), 4 * SIZE,
  'erasebox: slowest disk\'s pass; dd: 4 processes');
const nlog = path.join(work, 'nwipe.log');
compare('zero + verify vs nwipe 0.34', 20, () => engine('zero', 'last', [d0]).wallSeconds,
  () => sh(`nwipe --autonuke --nogui --nowait --noblank --method=zero --verify=last -l ${nlog} ${d0} </dev/null`), SIZE, 'whole process wall time, both');

// Hash choice: BLAKE3 (native) vs SHA-256 (node:crypto, OpenSSL) over 1 GiB in memory.
const hashBench = spawnSync(NODE, ['-e', `
  const {addon} = require('${root}/dist/js/src/hw/block/native.js');
  const crypto = require('node:crypto');
  const buf = addon().allocAligned(4 << 20, 4096); crypto.randomFillSync(buf);
  const time = (f) => { const t = performance.now(); for (let i = 0; i < 256; i++) f(); return (1 << 30) / ((performance.now() - t) / 1000) / 1e6; };
  const b3 = []; const s2 = [];
  for (let r = 0; r < 3; r++) { const h = new (addon().Blake3)(); b3.push(time(() => h.update(buf))); const s = crypto.createHash('sha256'); s2.push(time(() => s.update(buf))); }
  console.log(JSON.stringify({ blake3: b3, sha256: s2 }));`], { encoding: 'utf8' });
const hashes = JSON.parse(hashBench.stdout);

// Memory: 8 disks at once, and 1 disk at two sizes (flat in disk size).
const small = attach('s', SIZE / 4);
const e8devs = [d0, d1, d2, d3, attach('d4', SIZE / 2), attach('d5', SIZE / 2), attach('d6', SIZE / 2), attach('d7', SIZE / 2)];
const rss8 = engine('zero', 'last', e8devs).maxRssBytes;
const rssSmall = engine('zero', 'last', [small]).maxRssBytes;
const rssBig = engine('zero', 'last', [d0]).maxRssBytes;

const mb = (b) => `${Math.round(b / 2 ** 20)} MiB`;
const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? '?';
const lines = [
  '# erasebox benchmarks',
  '',
  `Command: \`npm run bench\` (BENCH_SIZE_MB=${SIZE / 2 ** 20} BENCH_RUNS=${RUNS}), ${new Date().toISOString()}.`,
  `Machine: ${os.cpus().length} vCPU ${cpu}, kernel ${os.release()}, Node ${process.version}; load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (the machine is shared).`,
  `Devices: loop devices over files in /dev/shm (tmpfs), ${SIZE / 2 ** 20} MiB each, attached and detached by the bench; the same devices for every tool, A/B alternated.`,
  '',
  'Ratio = baseline time / erasebox time (>1: erasebox faster). min / median / max over the paired runs.',
  '',
  '| scenario | target | erasebox s (median) | erasebox MB/s | baseline s (median) | baseline MB/s | ratio min / median / max | met | notes |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | >= ${r.target}x | ${f2(r.a.median)} | ${mbps(r.bytes, r.a.median)} | ${f2(r.b.median)} | ${mbps(r.bytes, r.b.median)} | ${f2(r.r.min)} / ${f2(r.r.median)} / ${f2(r.r.max)} | ${r.ok ? 'yes' : 'NO'} | ${r.note} |`),
  '',
  'Baselines: `dd if=/dev/zero of=DEV bs=4M oflag=direct conv=fsync`; `dd if=DEV bs=4M iflag=direct of=/dev/null`;',
  '`openssl enc -aes-128-ctr -K K -iv 0 -nosalt -in /dev/zero | dd of=DEV bs=4M iflag=fullblock oflag=direct conv=fsync`; four `dd` in parallel;',
  '`nwipe --autonuke --nogui --nowait --noblank --method=zero --verify=last -l LOG DEV` (Debian 12 nwipe 0.34).',
  '',
  '## Memory (peak RSS of the whole engine process, zero pass + full verify)',
  '',
  `| run | peak RSS |`,
  `|---|---|`,
  `| 8 disks at once (4 x ${SIZE / 2 ** 20} MiB + 4 x ${SIZE / 2 ** 21} MiB) | ${mb(rss8)} (target <= 150 MiB: ${rss8 <= 150 * 2 ** 20 ? 'met' : 'NOT met'}) |`,
  `| 1 disk, ${SIZE / 2 ** 22} MiB | ${mb(rssSmall)} |`,
  `| 1 disk, ${SIZE / 2 ** 20} MiB | ${mb(rssBig)} |`,
  '',
  '## Hash choice (one core, 4 MiB updates, 1 GiB, MB/s, 3 rounds)',
  '',
  `| hash | min | median | max |`,
  `|---|---|---|---|`,
  `| BLAKE3 (native addon, C with SIMD dispatch) | ${Object.values(stats(hashes.blake3)).map(Math.round).join(' | ')} |`,
  `| SHA-256 (node:crypto, OpenSSL) | ${Object.values(stats(hashes.sha256)).map(Math.round).join(' | ')} |`,
  '',
];
fs.writeFileSync(path.join(here, 'RESULTS.md'), lines.join('\n'));
console.error(lines.join('\n'));
