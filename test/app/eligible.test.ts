// `wipe --all-eligible` selection (src/app/eligible.ts) with injected discovery: real listDisks on
// sysfs fixture trees (test/fixtures/sysfs) and hand-made disk lists, then the real runWipeJob on
// memory disks (real engine, real signing, temp certificate store). No root, and never a real
// disk of this machine: discovery is always a fixture, open() only knows the memory disks.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryBlockDevice } from '../../src/hw/block/memory';
import { listDisks } from '../../src/hw/discover';
import type { Protection } from '../../src/hw/protect';
import type { Disk } from '../../src/hw/types';
import type { HostIdentity } from '../../src/cert/input';
import { verifyFile } from '../../src/cert/verify';
import { jobSucceeded, type WipeJob } from '../../src/app/wipe-job';
import { runEligibleWipeJob, selectEligible, MAX_EXTRA_WAIT_MS } from '../../src/app/eligible';
import { materialize } from '../hw/sysfs-tree';
import { memoryRig } from './memory-rig';

const MiB = 1 << 20;
const HOST: HostIdentity = { hostname: 'box-1', manufacturer: null, model: null, serial: null, uuid: null, bios: null, cpu: null, memoryBytes: null };

/** A discovered disk as listDisks gives it, with the given protections. */
function disk(p: string, protections: Protection[] = []): Disk {
  const none = { value: null, source: 'none' as const };
  return {
    path: p, name: path.basename(p), transport: 'ata', chain: [], vendor: none, model: none, serial: { value: `SN-${path.basename(p)}`, source: 'sysfs' }, wwn: none, firmware: none,
    sizeBytes: MiB, logicalSectorSize: 512, physicalSectorSize: 512, rotational: null, protections, smart: null, caps: null,
  };
}

/** Memory disks under /dev-like names (test/app/memory-rig.ts) and this file's job template. */
function rig(t: { teardown(fn: () => void): void }, names: string[]) {
  const r = memoryRig(t, names, { sizeBytes: MiB, host: HOST });
  const job: Omit<WipeJob, 'devices'> = { methodId: 'zero', verify: 'last', rounds: 1, blank: false, operator: null, customer: null, assetTag: null, certDir: r.certDir };
  return { ...r, job };
}

const untouched = (d: MemoryBlockDevice): boolean => d.bytes.every((b) => b === 0xa5);
const zeroed = (d: MemoryBlockDevice): boolean => d.bytes.every((b) => b === 0);

t.test('real discovery on a fixture tree: the mounted disk is skipped, loop/zram never considered, the others erased', async (t) => {
  // ahci (sda, with sda1 mounted), nvme0n1, virtio-scsi sde, plus loop0 and zram0 (virtual).
  const roots = materialize(['ahci', 'nvme', 'virtio-scsi', 'virtual'], t);
  const sda = `${roots.sys}/devices/pci0000:00/0000:00:04.0/ata1/host0/target0:0:0/0:0:0:0/block/sda`;
  fs.mkdirSync(`${sda}/sda1`);
  fs.writeFileSync(`${sda}/sda1/dev`, '8:1\n');
  fs.writeFileSync(`${sda}/sda1/partition`, '1\n');
  fs.writeFileSync(`${roots.proc}/self/mountinfo`, '36 1 8:1 / /mnt/data rw,relatime shared:1 - ext4 /dev/sda1 rw\n');
  const discovered: string[][] = [];
  const discover = async (): Promise<Disk[]> => {
    const ds = await listDisks({ roots, smart: false });
    discovered.push(ds.map((d) => d.name));
    return ds;
  };

  const r = rig(t, ['/dev/sda', '/dev/nvme0n1', '/dev/sde', '/dev/loop0', '/dev/zram0']);
  const res = await runEligibleWipeJob(r.job, { ...r.deps, discover });
  t.same(discovered, [['nvme0n1', 'sda', 'sde']], 'one look (no --settle); loop0 and zram0 are not even candidates');
  t.equal(res.refused, null);
  t.same(r.opened.sort(), ['/dev/nvme0n1', '/dev/sde'], 'only the two eligible disks were opened');
  t.same(res.results.map((x) => [x.path, x.outcome]).sort(), [['/dev/nvme0n1', 'erased'], ['/dev/sde', 'erased']]);
  t.ok(zeroed(r.devs.get('/dev/nvme0n1')!) && zeroed(r.devs.get('/dev/sde')!), 'the two eligible disks hold zeros');
  for (const n of ['/dev/sda', '/dev/loop0', '/dev/zram0']) t.ok(untouched(r.devs.get(n)!), `${n} untouched`);

  const skipped = r.events.filter((e) => e.kind === 'disk-skipped');
  t.match(skipped, [{ kind: 'disk-skipped', disk: '/dev/sda', code: 'mounted', reason: 'sda1 is mounted on /mnt/data', stage: 'discovery' }]);
  t.equal(skipped.length, 1);
  t.ok(r.events.indexOf(skipped[0]) < r.events.findIndex((e) => e.kind === 'run-start'), 'disk-skipped comes before run-start');
  t.ok(jobSucceeded(res), 'a skipped disk is not a failure of the run');
  t.equal(res.certificates.length, 2);
  for (const c of res.certificates) t.ok(c.ok && (await verifyFile(c.certificate.jsonPath, { fingerprints: [] })).status === 'valid', `${c.disk}: valid certificate`);
  const certs = fs.readdirSync(r.certDir).filter((f) => /^[0-9a-f-]{36}\.json$/.test(f));
  t.equal(certs.length, 2, 'no certificate for the skipped disk');
});

t.test('a protected disk among three: skipped and reported, the other two erased', async (t) => {
  const r = rig(t, ['/dev/sdb', '/dev/sdc', '/dev/sdd']);
  const res = await runEligibleWipeJob(r.job, {
    ...r.deps,
    discover: async () => [disk('/dev/sdb'), disk('/dev/sdc', [{ code: 'swap', reason: 'sdc2 is active swap' }, { code: 'read-only', reason: 'sdc is read-only' }]), disk('/dev/sdd')],
  });
  t.same(r.opened.sort(), ['/dev/sdb', '/dev/sdd']);
  t.ok(untouched(r.devs.get('/dev/sdc')!), 'the protected disk is byte-identical');
  t.ok(zeroed(r.devs.get('/dev/sdb')!) && zeroed(r.devs.get('/dev/sdd')!));
  t.match(r.events.filter((e) => e.kind === 'disk-skipped'), [{ disk: '/dev/sdc', code: 'swap', reason: 'sdc2 is active swap; sdc is read-only' }], 'every reason, one line');
  t.ok(jobSucceeded(res));
});

t.test('eligible at discovery, mounted by the time of the check: skipped by the same checkTarget, the others go on', async (t) => {
  const r = rig(t, ['/dev/sdb', '/dev/sdc', '/dev/sdd']);
  const res = await runEligibleWipeJob(r.job, {
    ...r.deps,
    discover: async () => [disk('/dev/sdb'), disk('/dev/sdc'), disk('/dev/sdd')],
    checkTarget: (dev) => (dev === '/dev/sdd' ? { code: 'mounted', reason: '/dev/sdd: sdd1 is mounted on /media/usb' } : r.deps.checkTarget!(dev)),
  });
  t.same(r.opened.sort(), ['/dev/sdb', '/dev/sdc']);
  t.ok(untouched(r.devs.get('/dev/sdd')!));
  t.match(r.events.filter((e) => e.kind === 'disk-skipped'), [{ disk: '/dev/sdd', code: 'mounted', reason: 'sdd1 is mounted on /media/usb', stage: 'check' }], 'path not repeated in the reason');
  t.same(res.results.map((x) => x.path), ['/dev/sdb', '/dev/sdc']);
  t.ok(jobSucceeded(res));
});

t.test('nothing eligible: refused, nothing opened, nothing written, each protected disk reported', async (t) => {
  const r = rig(t, ['/dev/sda', '/dev/sdb']);
  const res = await runEligibleWipeJob(r.job, {
    ...r.deps,
    discover: async () => [disk('/dev/sda', [{ code: 'boot-medium', reason: 'sda is the medium erasebox runs from' }]), disk('/dev/sdb', [{ code: 'holders', reason: 'sdb is held by md0 (RAID, LVM or device-mapper member)' }])],
    describeDisk: () => Promise.reject(new Error('must not be called')),
  });
  t.same(res.refused, { kind: 'nothing-eligible', code: 'nothing-eligible', device: null, reason: 'no disk may be erased: all 2 found are protected' });
  t.same(r.opened, []);
  t.same(r.events.map((e) => e.kind), ['disk-skipped', 'disk-skipped'], 'no engine event');
  for (const d of r.devs.values()) t.ok(untouched(d));
  t.notOk(fs.existsSync(r.certDir), 'not even the certificate directory was created');
  t.equal(jobSucceeded(res), false);
});

t.test('no disk at all: refused with "no disk found"', async (t) => {
  const r = rig(t, []);
  const res = await runEligibleWipeJob(r.job, { ...r.deps, discover: async () => [] });
  t.equal(res.refused?.reason, 'no disk found');
  t.same(r.opened, []);
});

t.test('every eligible disk turned protected before the check: refused at the check, nothing opened', async (t) => {
  const r = rig(t, ['/dev/sdb']);
  const res = await runEligibleWipeJob(r.job, { ...r.deps, discover: async () => [disk('/dev/sdb')], checkTarget: () => ({ code: 'swap', reason: '/dev/sdb: sdb is active swap' }) });
  t.equal(res.refused?.kind, 'nothing-eligible');
  t.same(r.opened, []);
  t.notOk(fs.existsSync(r.certDir));
});

t.test('two paths to the same device still refuse the whole job (same check as an explicit list)', async (t) => {
  const r = rig(t, ['/dev/sdb', '/dev/sdc']);
  const res = await runEligibleWipeJob(r.job, {
    ...r.deps,
    discover: async () => [disk('/dev/sdb'), disk('/dev/sdc')],
    checkTarget: (dev) => ({ name: 'sdb', majorMinor: '8:16', sysPath: `/sys/fake/${dev}` }),
  });
  t.equal(res.refused?.code, 'same-device');
  t.same(r.opened, []);
});

/** A fake clock: sleep advances it; discovery returns the next list of the script (the last repeats). */
function clock(script: string[][]) {
  let t0 = 0;
  let calls = 0;
  return {
    now: () => t0,
    sleep: async (ms: number) => void (t0 += ms),
    discover: async () => script[Math.min(calls++, script.length - 1)].map((p) => disk(p)),
    calls: () => calls,
  };
}

t.test('settle: waits until the eligible list has been the same for the settle time (fake clock)', async (t) => {
  // A SAS disk shows up after 1 s, a USB disk after 2.5 s; then nothing changes.
  const c = clock([['/dev/sda'], ['/dev/sda'], ['/dev/sda', '/dev/sdb'], ['/dev/sda', '/dev/sdb'], ['/dev/sda', '/dev/sdb'], ['/dev/sda', '/dev/sdb', '/dev/sdc']]);
  const sel = await selectEligible(c.discover, { settleMs: 3000, pollMs: 500, now: c.now, sleep: c.sleep });
  t.same(sel.eligible, ['/dev/sda', '/dev/sdb', '/dev/sdc']);
  t.equal(sel.settled, true);
  t.equal(sel.waitedMs, 2500 + 3000, 'stable for 3 s after the last change at 2.5 s');
});

t.test('settle 0: one look, no waiting', async (t) => {
  const c = clock([['/dev/sda'], ['/dev/sda', '/dev/sdb']]);
  const sel = await selectEligible(c.discover, { settleMs: 0, now: c.now, sleep: c.sleep });
  t.same(sel.eligible, ['/dev/sda']);
  t.equal(c.calls(), 1);
});

t.test('settle: an empty list is waited on up to the maximum, then given up (fake clock)', async (t) => {
  const c = clock([[]]);
  const sel = await selectEligible(c.discover, { settleMs: 3000, now: c.now, sleep: c.sleep });
  t.same(sel.eligible, []);
  t.equal(sel.settled, false);
  t.equal(sel.waitedMs, 3000 + MAX_EXTRA_WAIT_MS, 'the documented bound: settle + 60 s');
});

t.test('settle: a list that never stops changing ends at the maximum wait with the latest list (fake clock)', async (t) => {
  let n = 0;
  let now = 0;
  const sel = await selectEligible(async () => [disk(`/dev/sd${String.fromCharCode(97 + (n++ % 2))}`)], {
    settleMs: 2000,
    maxWaitMs: 10_000,
    now: () => now,
    sleep: async (ms) => void (now += ms),
  });
  t.equal(sel.settled, false);
  t.equal(sel.waitedMs, 10_000);
  t.equal(sel.eligible.length, 1);
});

t.test('an abort while settling: refused as interrupted, nothing opened', async (t) => {
  const r = rig(t, ['/dev/sdb']);
  const ctrl = new AbortController();
  const res = await runEligibleWipeJob(r.job, {
    ...r.deps,
    signal: ctrl.signal,
    discover: async () => {
      ctrl.abort();
      return [disk('/dev/sdb')];
    },
    settle: { settleMs: 5000, sleep: async () => undefined },
  });
  t.equal(res.refused?.kind, 'interrupted');
  t.same(r.opened, []);
  t.ok(untouched(r.devs.get('/dev/sdb')!));
});
