// One unattended boot of the real image in qemu and every host-side check after it (shared by
// image-bios.test.ts and image-uefi.test.ts): options written to erasebox/boot-options.cfg on
// CERTS of a copy of the image, disks pre-filled with a tagged pattern, the guest wipes them with
// method zero and powers off; then pattern gone, all zero, one valid certificate per disk with
// the qemu serials and the image's SHA-256, boot partitions byte-identical.
// With `protect`, one more disk (a FAT file system over the pattern) is mounted read-only in the
// guest by the image's test hook (erasebox.test_protect=SERIAL, etc/init.d/S45test-protect) before
// the unattended run: `wipe --all-eligible` must skip it (and say so), erase all the others, and
// leave it byte-identical.
import type { Test } from 'tap';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  IMAGE, boot, copyCertsOut, ensureImage, firstByteNot, haveQemu, makeDisk, putOnCerts, qemuArgs, runCli, sha256Range, tagsLeft,
  type Firmware, type ImageInfo, type TestDisk, type Transport,
} from './harness';

const MIB = 32;
const PROTECT_MIB = 16;
const options = (extra: string): string => `set eb_args="erasebox.auto=1 erasebox.method=zero erasebox.verify=all erasebox.poweroff=1${extra}"\nset timeout=0\n`;

export async function wipeRun(
  t: Test,
  work: string,
  info: ImageInfo,
  kills: Array<() => void>,
  fw: Firmware,
  transports: Transport[],
  bootLine: RegExp,
  protect?: Transport,
): Promise<void> {
  const dir = path.join(work, fw);
  fs.mkdirSync(dir);
  const stick = path.join(dir, 'stick.img');
  fs.copyFileSync(IMAGE, stick);
  const certsStart = info.partitions.certs.startBytes;
  const certsEnd = certsStart + info.partitions.certs.bytes;
  const size = fs.statSync(stick).size;
  const bootBefore = sha256Range(stick, 0, certsStart);
  const tailBefore = sha256Range(stick, certsEnd, size);

  const disks: TestDisk[] = transports.map((tr, i) => ({
    transport: tr,
    serial: `EB${fw === 'bios' ? 'B' : fw === 'uefi' ? 'U' : 'S'}${i}${tr.replace(/[^a-z0-9]/g, '').toUpperCase()}`.slice(0, 20),
    file: path.join(dir, `${tr}.img`),
  }));
  // tagsLeft counts "TAG:" (TAG is the whole tag, serial included); every sector carries one.
  const tag = (d: TestDisk): string => `EBPAT-${d.serial}`;
  for (const d of disks) makeDisk(d.file, MIB, tag(d));
  t.same(disks.map((d) => tagsLeft(d.file, tag(d))), disks.map(() => MIB * 2048), `${fw}: every sector of every disk carries its tag before the run`);

  // The protected disk: the pattern under a FAT file system (mkfs.vfat writes only its first
  // sectors), so the guest can mount it and the pattern tags still fill the rest.
  const prot: TestDisk | null = protect ? { transport: protect, serial: `EB${fw === 'bios' ? 'B' : 'U'}${disks.length}PROTECTED`, file: path.join(dir, 'protected.img') } : null;
  let protBefore = '';
  let protTags = 0;
  if (prot) {
    makeDisk(prot.file, PROTECT_MIB, `EBKEEP-${prot.serial}`);
    const mk = spawnSync('mkfs.vfat', ['-n', 'EBKEEP', prot.file], { encoding: 'utf8' });
    t.equal(mk.status, 0, `mkfs.vfat on the protected disk file ${mk.stderr}`);
    protBefore = sha256Range(prot.file, 0, fs.statSync(prot.file).size);
    protTags = tagsLeft(prot.file, `EBKEEP-${prot.serial}`);
  }
  putOnCerts(stick, info, 'erasebox/boot-options.cfg', options(prot ? ` erasebox.test_protect=${prot.serial}` : ''), dir);

  const logFile = path.join(dir, 'serial.log');
  const res = await boot(qemuArgs(fw, stick, prot ? [...disks, prot] : disks, dir), logFile, 8 * 60_000, (k) => kills.push(k));
  t.notOk(res.timedOut, `${fw}: the guest powered off by itself (log: ${logFile})`);
  t.match(res.log, bootLine, `${fw}: firmware path seen by the guest`);
  t.match(res.log, /certificates go to \/dev\/\S+ \(CERTS\) on the boot stick/, `${fw}: CERTS mounted from the stick`);
  t.match(res.log, /ERASEBOX-AUTO-DONE rc=0/, `${fw}: the unattended wipe exited 0`);

  if (prot) {
    t.match(res.log, new RegExp(`test hook: /dev/\\S+ \\(serial ${prot.serial}\\) mounted read-only`), `${fw}: the test hook mounted the protected disk`);
    t.match(res.log, /skipped \/dev\/\S+: \S+ is mounted on \/mnt\/erasebox-test-protect/, `${fw}: the unattended run says it skipped the mounted disk`);
    t.equal(sha256Range(prot.file, 0, fs.statSync(prot.file).size), protBefore, `${fw} ${prot.transport} (mounted): byte-identical after the run`);
    t.ok(protTags > PROTECT_MIB * 2000, `${fw}: the protected disk holds its pattern (${protTags} tags)`);
  }
  t.match(res.log, /skipped \/dev\/\S+: \S+ is the medium erasebox runs from/, `${fw}: the boot stick is skipped as the boot medium`);

  for (const d of disks) {
    t.equal(tagsLeft(d.file, tag(d)), 0, `${fw} ${d.transport}: no sector of the known pattern left`);
    t.equal(firstByteNot(d.file, 0), -1, `${fw} ${d.transport}: every byte is zero`);
  }

  const out = path.join(dir, 'certs');
  const files = copyCertsOut(stick, info, out);
  const certs = files
    .filter((f) => f.endsWith('.json') && !f.includes('/'))
    .map((f) => ({ f, j: JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')) }))
    .filter(({ j }) => j && typeof j === 'object' && j.device && j.signature);
  t.equal(certs.length, disks.length, `${fw}: one certificate per disk (${files.join(', ')})`);
  t.same(
    certs.map(({ j }) => j.device.serial).sort(),
    disks.map((d) => d.serial).sort(),
    `${fw}: certificate serials are the qemu disks' serial= values`,
  );
  for (const { f, j } of certs) {
    t.equal(j.result, 'erased', `${fw} ${f}: result erased`);
    t.equal(j.tool?.imageSha256, info.imageSha256, `${fw} ${f}: tool.imageSha256 is the image's`);
  }
  if (prot) t.notOk(certs.some(({ j }) => j.device.serial === prot.serial), `${fw}: no certificate for the skipped disk`);

  // The run's --json log on CERTS: one disk-skipped event per protected disk, before run-start.
  const logs = files.filter((f) => /^logs\/auto-.*\.json$/.test(f));
  t.equal(logs.length, 1, `${fw}: the unattended run's JSON log is on CERTS`);
  if (logs.length) {
    const events = fs.readFileSync(path.join(out, logs[0]), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const skipped = events.filter((e) => e.kind === 'disk-skipped');
    const runStart = events.findIndex((e) => e.kind === 'run-start');
    t.ok(skipped.some((e) => e.code === 'boot-medium'), `${fw}: disk-skipped for the stick`);
    if (prot) t.ok(skipped.some((e) => e.code === 'mounted' && /mounted on \/mnt\/erasebox-test-protect/.test(e.reason)), `${fw}: disk-skipped (mounted) for the protected disk`);
    t.equal(skipped.length, prot ? 2 : 1, `${fw}: nothing else skipped (${skipped.map((e) => `${e.disk}: ${e.reason}`).join('; ')})`);
    t.ok(runStart > events.lastIndexOf(skipped[skipped.length - 1]), `${fw}: disk-skipped before run-start`);
    t.same(events.find((e) => e.kind === 'run-start')?.disks.length, disks.length, `${fw}: run-start lists exactly the eligible disks`);
  }

  if (certs.length) {
    const v = runCli(['verify-cert', ...certs.map(({ f }) => path.join(out, f))]);
    t.equal(v.status, 0, `${fw}: verify-cert accepts every certificate\n${v.stdout}${v.stderr}`);
  }

  t.equal(sha256Range(stick, 0, certsStart), bootBefore, `${fw}: MBR, GPT, BIOS boot and ESP byte-identical`);
  t.equal(sha256Range(stick, certsEnd, size), tailBefore, `${fw}: backup GPT byte-identical`);
}

/** Common set-up of an e2e file: skip without qemu, a work dir, qemu killed in teardown. */
export function e2eSetup(t: Test): { work: string; kills: Array<() => void>; info: () => ImageInfo } | null {
  t.setTimeout(20 * 60_000);
  if (!haveQemu()) {
    t.plan(0, 'qemu-system-x86_64 is not installed (bash scripts/setup.sh installs it)');
    return null;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-e2e-'));
  const kills: Array<() => void> = [];
  t.teardown(() => {
    for (const k of kills) k();
    if (!process.env.ERASEBOX_E2E_KEEP) fs.rmSync(work, { recursive: true, force: true });
  });
  let info: ImageInfo | null = null;
  return { work, kills, info: () => (info ??= ensureImage()) };
}
