// Discovery on the real /sys with loop devices this test attaches (never other disks).
import t from 'tap';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeDisk, listDisks, watchDisks } from '../../src/hw/discover';
import { checkTarget } from '../../src/hw/protect';
import type { DiscoveryEvent } from '../../src/hw/types';
import { attachLoop, canUseLoop, ownLoop } from '../helpers/loop';

const skip = canUseLoop() ? false : 'needs root and losetup';

/** Polls until pred holds, for up to 30 s. */
const waitFor = async (pred: () => boolean): Promise<boolean> => {
  for (let i = 0; i < 300 && !pred(); i++) await new Promise((r) => setTimeout(r, 100));
  return pred();
};

t.test('a live loop device is discovered with --all only, unprotected, and protected once mounted', { skip }, async (t) => {
  const loop = attachLoop(t, 16 << 20);
  const name = path.basename(loop.dev);
  t.notOk((await listDisks({ smart: false })).some((d) => d.name === name), 'hidden without all');
  const d = (await listDisks({ smart: false, all: true })).find((x) => x.name === name);
  t.ok(d, 'found with all');
  const all = await listDisks({ smart: false, all: true });
  t.notOk(all.some((x) => x.transport === 'loop' && x.sizeBytes === 0), 'unattached (size 0) loop devices are not listed, even with all');
  t.match(d, { path: loop.dev, transport: 'loop', sizeBytes: 16 << 20, logicalSectorSize: 512, chainLabel: `loop ${loop.file}` });
  t.same(d?.protections, []);
  t.equal(checkTarget(loop.dev), null);

  execFileSync('mkfs.ext2', ['-q', '-F', ownLoop(loop.dev)]);
  const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-mnt-'));
  execFileSync('mount', [loop.dev, mnt]);
  t.teardown(() => {
    try {
      execFileSync('umount', [mnt]);
    } catch {
      /* already unmounted */
    }
    fs.rmSync(mnt, { recursive: true, force: true });
  });
  const m = await describeDisk(loop.dev, { smart: false });
  t.match(m.protections, [{ code: 'mounted', reason: `${name} is mounted on ${mnt}` }]);
  t.match(checkTarget(loop.dev), { code: 'mounted' });
});

t.test('the watcher reports a loop device attached and detached', { skip }, async (t) => {
  const events: DiscoveryEvent[] = [];
  const stop = watchDisks((e) => events.push(e), { all: true, smart: false, intervalMs: 100 });
  t.teardown(stop);
  t.ok(await waitFor(() => events.length > 0), 'initial disks reported');
  let dev = '';
  await t.test('attach', async (tt) => {
    dev = attachLoop(tt, 4 << 20).dev;
    tt.ok(await waitFor(() => events.some((e) => e.kind === 'disk-added' && e.disk.path === dev && e.disk.sizeBytes === 4 << 20)), `disk-added ${dev}`);
  });
  // The sub-test's teardown detached the loop: its medium is gone (size 0).
  t.ok(await waitFor(() => events.some((e) => e.kind === 'disk-removed' && e.path === dev)), `disk-removed ${dev}`);
  stop();
});

t.test('the watcher turns a shown disk protected when it is mounted, and back when unmounted', { skip }, async (t) => {
  const loop = attachLoop(t, 16 << 20);
  execFileSync('mkfs.ext2', ['-q', '-F', ownLoop(loop.dev)]);
  const events: DiscoveryEvent[] = [];
  const stop = watchDisks((e) => events.push(e), { all: true, smart: false, intervalMs: 100 });
  t.teardown(stop);
  const codesOf = (e: DiscoveryEvent): string | null =>
    (e.kind === 'disk-added' || e.kind === 'disk-updated') && e.disk.path === loop.dev ? e.disk.protections.map((p) => p.code).join(',') : null;
  t.ok(await waitFor(() => events.some((e) => codesOf(e) === '')), 'shown unprotected first');
  const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-mnt-'));
  execFileSync('mount', [loop.dev, mnt]);
  let mounted = true;
  t.teardown(() => {
    if (mounted) execFileSync('umount', [mnt]);
    fs.rmSync(mnt, { recursive: true, force: true });
  });
  t.ok(await waitFor(() => events.some((e) => e.kind === 'disk-updated' && codesOf(e) === 'mounted')), 'disk-updated: mounted');
  execFileSync('umount', [mnt]);
  mounted = false;
  const n = events.length;
  t.ok(await waitFor(() => events.slice(n).some((e) => e.kind === 'disk-updated' && codesOf(e) === '')), 'disk-updated: free again');
  stop();
});

t.test('checkTarget: a loop device held exclusively by another process is refused as busy; free again after', { skip }, async (t) => {
  const loop = attachLoop(t, 4 << 20);
  t.equal(checkTarget(loop.dev), null, 'free');
  // Another program (here a child process) opens the node O_EXCL, as a second erasebox would.
  const { spawn } = await import('node:child_process');
  const holder = spawn(process.execPath, [
    '-e',
    `const fs=require('fs');const fd=fs.openSync(${JSON.stringify(ownLoop(loop.dev))},fs.constants.O_RDONLY|fs.constants.O_EXCL);process.stdout.write('held\\n');setTimeout(()=>fs.closeSync(fd),60000);`,
  ]);
  t.teardown(() => holder.kill());
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('exit', (c) => reject(new Error(`holder exited ${c}`)));
  });
  t.match(checkTarget(loop.dev), { code: 'busy', reason: `${loop.dev}: is in use (held exclusively by another program, e.g. another erasebox)` });
  holder.kill();
  await new Promise((r) => holder.once('exit', r));
  t.equal(checkTarget(loop.dev), null, 'free again once the holder is gone');
});
