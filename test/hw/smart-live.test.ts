// Live SMART reads: smartctl absent, hanging, a real process past its timeout, and the real
// smartctl on a loop device this test attaches.
import t from 'tap';
import { readSmart } from '../../src/hw/smart';
import { runBounded, spawnRunner, type ProcessRunner } from '../../src/hw/exec';
import { attachLoop, canUseLoop } from '../helpers/loop';

t.test('simulated: smartctl not installed (ENOENT) gives a clear unavailable reason', async (t) => {
  const runner: ProcessRunner = { run: async () => ({ code: null, stdout: '', stderr: '', error: 'ENOENT' }) };
  const r = await readSmart('/dev/sdz', { runner });
  t.equal(r.assessment.verdict, 'unavailable');
  t.same(r.assessment.reasons, ['SMART unavailable: smartctl is not installed (not found on PATH)']);
});

t.test('simulated: a runner that never answers is cut by the timeout', async (t) => {
  const runner: ProcessRunner = { run: () => new Promise(() => {}) };
  const r = await readSmart('/dev/sdz', { runner, timeoutMs: 100, transport: 'usb-bot' });
  t.equal(r.assessment.verdict, 'unavailable');
  t.same(r.assessment.reasons, ['SMART unavailable: smartctl did not answer within 100 ms']);
  t.equal(r.attempts.length, 1, 'a hung smartctl is not retried with other bridge types');
});

t.test('simulated: a runner that throws is a reason, not a crash', async (t) => {
  const runner: ProcessRunner = { run: async () => { throw Object.assign(new Error('boom'), { code: 'EACCES' }); } };
  const r = await readSmart('/dev/sdz', { runner });
  t.same(r.assessment.reasons, ['SMART unavailable: smartctl could not run: EACCES']);
});

t.test('real process: spawnRunner kills a command that outlives its timeout', async (t) => {
  const r = await runBounded(spawnRunner, 'sleep', ['30'], { timeoutMs: 200 });
  t.equal(r.error, 'timeout');
  t.equal(r.code, null);
  const missing = await spawnRunner.run('erasebox-no-such-command', [], { timeoutMs: 2000 });
  t.equal(missing.error, 'ENOENT');
});

t.test('real smartctl on a loop device: unavailable with smartctl\'s own reason', { skip: canUseLoop() ? false : 'needs root and losetup' }, async (t) => {
  const loop = attachLoop(t, 8 << 20);
  const r = await readSmart(loop.dev);
  t.equal(r.assessment.verdict, 'unavailable');
  t.match(r.assessment.reasons[0], new RegExp(`^SMART unavailable: ${loop.dev}: Unable to detect device type`));
  t.equal(r.assessment.summary.smartctlVersion?.split('.')[0], '7');
});
