// `npm run bench`: erasebox vs dd, openssl|dd and nwipe on the same loop devices, in one run;
// writes bench/RESULTS.md. Needs root, `npm run build` done, nwipe installed.
// Env: BENCH_SIZE_MB (default 1024), BENCH_RUNS (default 5; nwipe at most 3),
// BENCH_BACKING (default "shm,disk"): shm = loop over a tmpfs file (RAM speed, the software limit),
// disk = loop --direct-io=on over a file on /var/tmp's filesystem (closer to a real drive).
// Loops are always detached and their files deleted.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const SIZE = Number(process.env.BENCH_SIZE_MB ?? 1024) * 2 ** 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BACKINGS = (process.env.BENCH_BACKING ?? 'shm,disk').split(',');
const NODE = process.execPath;
const loops = [];
const dirs = [];

function cleanup() {
  for (const d of loops.splice(0)) spawnSync('losetup', ['-d', d]);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

function backing(kind) {
  const dir = fs.mkdtempSync(kind === 'shm' ? '/dev/shm/erasebox-bench-' : '/var/tmp/erasebox-bench-');
  dirs.push(dir);
  return (name, bytes) => {
    const file = path.join(dir, name);
    if (kind === 'shm') {
      fs.writeFileSync(file, '');
      fs.truncateSync(file, bytes);
    } else execFileSync('fallocate', ['-l', String(bytes), file]);
    const dev = execFileSync('losetup', ['-f', '--show', ...(kind === 'disk' ? ['--direct-io=on'] : []), file], { encoding: 'utf8' }).trim();
    loops.push(dev);
    // First touch of tmpfs pages (and of unwritten ext4 extents) is slow or skipped: write once so
    // every timed run sees allocated, written blocks.
    execFileSync('dd', ['if=/dev/zero', `of=${dev}`, 'bs=4M', `count=${Math.ceil(bytes / (4 << 20))}`, 'oflag=direct', 'conv=fsync', 'status=none']);
    return dev;
  };
}

const sh = (cmd) => {
  const t = performance.now();
  const r = spawnSync('bash', ['-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  return (performance.now() - t) / 1000;
};
const engine = (method, verify, devs, tuning) => {
  const env = { ...process.env, ...(tuning ? { BENCH_TUNING: JSON.stringify(tuning) } : {}) };
  const r = spawnSync(NODE, [path.join(here, 'engine.cjs'), method, verify, ...devs], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`engine ${method}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout);
};
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const f2 = (x) => x.toFixed(2);
const mbps = (bytes, s) => Math.round(bytes / s / 1e6);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const passSec = (o, kind) => Math.max(...o.passes.filter((p) => p.kind === kind).map((p) => p.seconds));
const K = '000102030405060708090a0b0c0d0e0f';

// One paired comparison: A (erasebox) and B (baseline) alternate, `runs` times.
function compare(rows, name, target, runA, runB, bytes, note, runs = RUNS) {
  const ratios = [];
  const as = [];
  const bs = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const a = runA();
    const b = runB();
    as.push(a.seconds);
    cpu.push(a.cpu);
    bs.push(b);
    ratios.push(b / a.seconds); // >1: erasebox faster (speed ratio = B time / A time)
  }
  const r = stats(ratios);
  rows.push({ name, target, a: stats(as), cpu: stats(cpu), b: stats(bs), r, bytes, note, ok: target ? r.median >= target : null });
  console.error(`${name}: ratio median ${f2(r.median)} (min ${f2(r.min)}, max ${f2(r.max)}), load ${load()}`);
}
const pass = (method, verify, devs, kind, tuning) => () => {
  const o = engine(method, verify, devs, tuning);
  return { seconds: passSec(o, kind), cpu: o.cpuSeconds };
};
// Whole process, timed from outside like the baseline: Node's own boot and exit included.
const whole = (method, verify, devs) => () => {
  const t = performance.now();
  const o = engine(method, verify, devs);
  return { seconds: (performance.now() - t) / 1000, cpu: o.cpuSeconds };
};

function scenarios(kind) {
  const attach = backing(kind);
  const [d0, d1, d2, d3] = [attach('d0', SIZE), attach('d1', SIZE), attach('d2', SIZE), attach('d3', SIZE)];
  const count = SIZE / (4 << 20);
  const rows = [];
  const loadStart = load();
  compare(rows, 'zero pass (write)', 0.9, pass('zero', 'none', [d0], 'write'),
    () => sh(`dd if=/dev/zero of=${d0} bs=4M count=${count} oflag=direct conv=fsync status=none`), SIZE,
    'no digest: an unverified constant pass records none (the label defines every byte)');
  compare(rows, 'verify read (compare with 0x00 + BLAKE3 of the bytes read)', 0.9, pass('verify-zero', 'last', [d0], 'verify'),
    () => sh(`dd if=${d0} bs=4M iflag=direct of=/dev/null status=none`), SIZE, 'the certificate\'s read-back digest; dd reads only');
  compare(rows, 'verify read, digest switched off (bench-only engine option)', null, pass('verify-zero', 'last', [d0], 'verify', { benchOnlyNoDigest: true }),
    () => sh(`dd if=${d0} bs=4M iflag=direct of=/dev/null status=none`), SIZE, 'pread + compare only: the I/O path alone; never reachable from the CLI');
  compare(rows, 'random pass with digest', 1.5, pass('random', 'none', [d0], 'write'),
    () => sh(`openssl enc -aes-128-ctr -K ${K} -iv 00000000000000000000000000000000 -nosalt -in /dev/zero 2>/dev/null | dd of=${d0} bs=4M count=${count} iflag=fullblock oflag=direct conv=fsync status=none`), SIZE,
    'AES-128-CTR + BLAKE3 of the written stream; the baseline has no digest');
  compare(rows, '4 disks in parallel, zero pass', 0.8, pass('zero', 'none', [d0, d1, d2, d3], 'write'),
    () => sh([d0, d1, d2, d3].map((d) => `dd if=/dev/zero of=${d} bs=4M count=${count} oflag=direct conv=fsync status=none &`).join(' ') + ' wait'), 4 * SIZE,
    'erasebox: slowest disk\'s pass, one process; dd: 4 processes');
  const nlog = path.join(dirs[dirs.length - 1], 'nwipe.log');
  compare(rows, 'zero + verify vs nwipe 0.34', 20, whole('zero', 'last', [d0]),
    () => sh(`nwipe --autonuke --nogui --nowait --noblank --method=zero --verify=last -l ${nlog} ${d0} </dev/null`), SIZE,
    'whole process wall time from spawn to exit, both', Math.min(RUNS, 3));
  return { kind, rows, loadStart, loadEnd: load(), attach, devs: [d0, d1, d2, d3] };
}

const results = BACKINGS.map(scenarios);

// Hash choice and the parallel digest: 1 GiB in memory, 4 MiB pieces.
const hashBench = spawnSync(NODE, ['-e', `
  const {addon} = require('${root}/dist/js/src/hw/block/native.js');
  const {StreamDigest} = require('${root}/dist/js/src/hw/block/hash.js');
  const crypto = require('node:crypto');
  const C = 4 << 20, N = 256;
  const bufs = [0, 1, 2, 3].map(() => { const b = addon().allocAligned(C, 4096); crypto.randomFillSync(b); return b; });
  const time = (f) => { const t = performance.now(); for (let i = 0; i < N; i++) f(i); return (N * C) / ((performance.now() - t) / 1000) / 1e6; };
  const par = async () => { const d = new StreamDigest(); const t = performance.now(); let chain = Promise.resolve();
    const inflight = [];
    for (let i = 0; i < N; i++) { const b = bufs[i % 4]; const at = i * C; const cv = d.prepare(b, C, at);
      chain = chain.then(async () => d.commit(b, C, at, await cv)); inflight.push(chain); if (inflight.length >= 4) await inflight.shift(); }
    await chain; d.digest(); return (N * C) / ((performance.now() - t) / 1000) / 1e6; };
  (async () => { const b3 = [], b3p = [], s2 = [];
    for (let r = 0; r < 3; r++) { const h = new (addon().Blake3)(); b3.push(time((i) => h.update(bufs[i % 4]))); b3p.push(await par());
      const s = crypto.createHash('sha256'); s2.push(time((i) => s.update(bufs[i % 4]))); }
    console.log(JSON.stringify({ blake3: b3, blake3par: b3p, sha256: s2 })); })();`], { encoding: 'utf8', env: { ...process.env, UV_THREADPOOL_SIZE: '8' } });
const hashes = JSON.parse(hashBench.stdout);

// Memory (tmpfs loops): 8 disks at once, and 1 disk at two sizes (flat in disk size).
const shm = results.find((r) => r.kind === 'shm') ?? scenarios('shm');
const small = shm.attach('s', SIZE / 4);
const e8devs = [...shm.devs, shm.attach('d4', SIZE / 2), shm.attach('d5', SIZE / 2), shm.attach('d6', SIZE / 2), shm.attach('d7', SIZE / 2)];
const rss8 = engine('zero', 'last', e8devs).maxRssBytes;
const rssSmall = engine('zero', 'last', [small]).maxRssBytes;
const rssBig = engine('zero', 'last', [shm.devs[0]]).maxRssBytes;

const mb = (b) => `${Math.round(b / 2 ** 20)} MiB`;
const cpuModel = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? '?';
const flags = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/flags\s*:\s*(.*)/)?.[1].split(' ') ?? [];
const simd = ['avx512f', 'avx2', 'aes', 'vaes', 'sha_ni'].filter((f) => flags.includes(f)).join(', ');
const title = { shm: 'loop devices over files in /dev/shm (tmpfs): RAM speed, the software limit', disk: 'loop devices `--direct-io=on` over files on /var/tmp (ext4 on the virtio disk): closer to a real drive' };
const table = (r) => [
  `### ${r.kind}: ${title[r.kind]}`,
  '',
  `Load average at start ${r.loadStart}, at end ${r.loadEnd}.`,
  '',
  '| scenario | target | erasebox s (median) | erasebox MB/s | erasebox cpu s | baseline s (median) | baseline MB/s | ratio min / median / max | met | notes |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...r.rows.map((x) => `| ${x.name} | ${x.target ? `>= ${x.target}x` : 'info'} | ${f2(x.a.median)} | ${mbps(x.bytes, x.a.median)} | ${f2(x.cpu.median)} | ${f2(x.b.median)} | ${mbps(x.bytes, x.b.median)} | ${f2(x.r.min)} / ${f2(x.r.median)} / ${f2(x.r.max)} | ${x.target ? (x.ok ? 'yes' : 'NO') : '-'} | ${x.note} |`),
  '',
];
const lines = [
  '# erasebox benchmarks',
  '',
  `Command: \`npm run bench\` (BENCH_SIZE_MB=${SIZE / 2 ** 20} BENCH_RUNS=${RUNS} BENCH_BACKING=${BACKINGS.join(',')}), ${new Date().toISOString()}.`,
  `Machine: ${os.cpus().length} vCPU ${cpuModel} (${simd}), kernel ${os.release()}, Node ${process.version}. The machine is shared with other jobs: see the load averages.`,
  `Devices: ${SIZE / 2 ** 20} MiB each, attached, pre-written and detached by the bench; the same devices for every tool, A/B alternated.`,
  '',
  'Ratio = baseline time / erasebox time (>1: erasebox faster). min / median / max over the paired runs.',
  'erasebox s = the pass as the engine times it (first request to last completion, incl. the final fdatasync), except the nwipe row (whole process from spawn to exit, Node boot included);',
  'erasebox cpu s = user + system CPU of the whole engine process (incl. ~0.08 s start-up; the loop driver\'s kernel copy runs in kworkers and is not counted). Baseline = process wall time.',
  '',
  ...results.flatMap(table),
  'Baselines: `dd if=/dev/zero of=DEV bs=4M oflag=direct conv=fsync`; `dd if=DEV bs=4M iflag=direct of=/dev/null`;',
  '`openssl enc -aes-128-ctr -K K -iv 0 -nosalt -in /dev/zero | dd of=DEV bs=4M iflag=fullblock oflag=direct conv=fsync`; four `dd` in parallel;',
  '`nwipe --autonuke --nogui --nowait --noblank --method=zero --verify=last -l LOG DEV` (Debian 12 nwipe 0.34).',
  '',
  '## Memory (peak RSS of the whole engine process, zero pass + full verify, tmpfs loops)',
  '',
  `| run | peak RSS |`,
  `|---|---|`,
  `| 8 disks at once (4 x ${SIZE / 2 ** 20} MiB + 4 x ${SIZE / 2 ** 21} MiB) | ${mb(rss8)} (target <= 150 MiB: ${rss8 <= 150 * 2 ** 20 ? 'met' : 'NOT met'}) |`,
  `| 1 disk, ${SIZE / 2 ** 22} MiB | ${mb(rssSmall)} |`,
  `| 1 disk, ${SIZE / 2 ** 20} MiB | ${mb(rssBig)} |`,
  '',
  '## Hashes (in memory, 1 GiB in 4 MiB pieces, MB/s, 3 rounds)',
  '',
  `| hash | min | median | max |`,
  `|---|---|---|---|`,
  `| BLAKE3, one thread (native addon, C with SIMD dispatch) | ${Object.values(stats(hashes.blake3)).map(Math.round).join(' | ')} |`,
  `| BLAKE3, the engine's parallel digest (subtree CVs on the thread pool, 4 chunks in flight, pushed in order; = b3sum) | ${Object.values(stats(hashes.blake3par)).map(Math.round).join(' | ')} |`,
  `| SHA-256, one thread (node:crypto, OpenSSL) | ${Object.values(stats(hashes.sha256)).map(Math.round).join(' | ')} |`,
  '',
];
fs.writeFileSync(path.join(here, 'RESULTS.md'), lines.join('\n'));
console.error(lines.join('\n'));
