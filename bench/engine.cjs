// CommonJS on purpose (the compiled engine is CommonJS).
// Bench driver: runs the erasebox engine (compiled dist/js) on the given devices and prints one
// JSON line: per-pass seconds (from engine events), whole wall time, CPU time and peak RSS.
// usage: node bench/engine.cjs METHOD VERIFY DEVICE...
// BENCH_TUNING='{"queueDepth":3}' overrides engine tuning (bench experiments only); it may contain
// benchOnlyNoDigest, the bench-only switch that no CLI path can set.
const t0 = performance.now();
const { ensureThreadPool } = require('../dist/js/src/engine/threadpool.js');
const [method, verify, ...devices] = process.argv.slice(2);
ensureThreadPool(devices.length);
const { createRunWipe } = require('../dist/js/src/engine/runner.js');
const { DirectBlockDevice } = require('../dist/js/src/hw/block/direct.js');

const tuning = process.env.BENCH_TUNING ? JSON.parse(process.env.BENCH_TUNING) : undefined;
const starts = new Map();
const passes = [];
const run = createRunWipe({ open: (p, o) => DirectBlockDevice.open(p, o), tuning });
run({ devices, methodId: method, verify, rounds: 1, blank: false }, (e) => {
  if (e.kind === 'pass-start') starts.set(`${e.disk}#${e.pass}`, { t: performance.now(), kind: e.passKind });
  if (e.kind === 'pass-end') {
    const s = starts.get(`${e.disk}#${e.pass}`);
    passes.push({ disk: e.disk, pass: e.pass, kind: s.kind, seconds: (performance.now() - s.t) / 1000, digest: e.digest });
  }
}, new AbortController().signal).then((results) => {
  const out = { outcomes: results.map((r) => r.outcome), reasons: results.map((r) => r.reason), passes, wallSeconds: (performance.now() - t0) / 1000, cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exitCode = results.every((r) => r.outcome === 'erased') ? 0 : 1;
});
