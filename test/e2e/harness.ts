// Boots the real USB image (dist/erasebox.img) in qemu (TCG) with virtual disks on the storage
// transports erasebox supports, and reads the results back on the host. Used by image.test.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const IMAGE = path.join(ROOT, 'dist/erasebox.img');
export const QEMU = 'qemu-system-x86_64';

export type Firmware = 'bios' | 'uefi' | 'uefi-secureboot';
export type Transport = 'ahci' | 'sas1068' | 'megasas' | 'virtio-scsi' | 'nvme' | 'usb-bot' | 'usb-uas';

export interface TestDisk {
  transport: Transport;
  serial: string; // what qemu reports and the certificate must carry
  file: string;
}

export interface ImageInfo {
  imageSha256: string;
  partitions: Record<'bios' | 'esp' | 'certs', { startBytes: number; bytes: number }>;
}

export function haveQemu(): boolean {
  return spawnSync(QEMU, ['--version'], { stdio: 'ignore' }).status === 0;
}

function sh(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

const newest = (p: string): number => {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).filter((n) => n !== 'cache').map((n) => newest(path.join(p, n))));
};

/** dist/erasebox.img, rebuilt when any input (binary, build script, image/) is newer. */
export function ensureImage(): ImageInfo {
  const inputs = ['dist/sea/erasebox', 'scripts/build-image.sh', 'scripts/grub-bios-embed.mjs', 'image'].map((p) => path.join(ROOT, p));
  const stale = !fs.existsSync(IMAGE) || !fs.existsSync(`${IMAGE}.json`) || inputs.some((p) => fs.existsSync(p) && newest(p) > fs.statSync(IMAGE).mtimeMs);
  // Both e2e files may get here at once: one builds, the other waits and finds it up to date.
  if (stale) {
    fs.mkdirSync(path.join(ROOT, 'image/cache'), { recursive: true });
    sh('flock', [path.join(ROOT, 'image/cache/.image.lock'), 'bash', 'scripts/build-image.sh']);
  }
  return JSON.parse(fs.readFileSync(`${IMAGE}.json`, 'utf8')) as ImageInfo;
}

/** Fills a disk file with a known, nowhere-zero pattern: 0x5A bytes, each 512-byte sector tagged. */
export function makeDisk(file: string, mib: number, tag: string): void {
  const sector = 512;
  const chunk = Buffer.alloc(1 << 20, 0x5a);
  const fd = fs.openSync(file, 'w');
  try {
    for (let m = 0; m < mib; m++) {
      for (let s = 0; s < chunk.length / sector; s++) chunk.write(`${tag}:${m * 2048 + s};`, s * sector, 'latin1');
      fs.writeSync(fd, chunk, 0, chunk.length, m * chunk.length);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Offset of the first byte that is not `value`, or -1 when the whole file is `value`. */
export function firstByteNot(file: string, value: number): number {
  const buf = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'r');
  try {
    for (let off = 0; ; ) {
      const n = fs.readSync(fd, buf, 0, buf.length, off);
      if (n === 0) return -1;
      for (let i = 0; i < n; i++) if (buf[i] !== value) return off + i;
      off += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Counts the pattern's sector tags left anywhere in the file. */
export function tagsLeft(file: string, tag: string): number {
  const text = fs.readFileSync(file).toString('latin1');
  return text.split(`${tag}:`).length - 1;
}

export function sha256Range(file: string, start: number, end: number): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const h = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  try {
    for (let off = start; off < end; ) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, end - off), off);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      off += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

const MT = { ...process.env, MTOOLS_SKIP_CHECK: '1' };

/** Writes a file into the CERTS partition of an image copy (mtools, no loop device). */
export function putOnCerts(img: string, info: ImageInfo, name: string, text: string, work: string): void {
  const local = path.join(work, path.basename(name));
  fs.writeFileSync(local, text);
  sh('mcopy', ['-o', '-i', `${img}@@${info.partitions.certs.startBytes}`, local, `::/${name}`], { env: MT });
}

/** Copies the whole CERTS partition out of the image into dir; returns the relative file names. */
export function copyCertsOut(img: string, info: ImageInfo, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  sh('mcopy', ['-s', '-n', '-i', `${img}@@${info.partitions.certs.startBytes}`, '::/*', dir], { env: MT });
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

// qemu device flags per transport (notes/image-qemu.md §3). Controllers are added once.
const CONTROLLERS: Record<Transport, string[]> = {
  ahci: ['-device', 'ich9-ahci,id=ahci'],
  sas1068: ['-device', 'mptsas1068,id=mpt'],
  megasas: ['-device', 'megasas-gen2,id=mega'],
  'virtio-scsi': ['-device', 'virtio-scsi-pci,id=vscsi'],
  nvme: [],
  'usb-bot': [],
  'usb-uas': ['-device', 'usb-uas,bus=xhci.0,id=uas'],
};

function diskDevice(d: TestDisk, i: number): string[] {
  const id = `disk${i}`;
  const wwn = `0x5000c500${(0x10000000 + i).toString(16)}`;
  const drive = ['-drive', `if=none,id=${id},file=${d.file},format=raw,cache=unsafe`];
  const scsi = (bus: string): string[] => ['-device', `scsi-hd,bus=${bus},drive=${id},serial=${d.serial},vendor=ERASEBOX,product=E2E-${d.transport},wwn=${wwn}`];
  switch (d.transport) {
    case 'ahci':
      return [...drive, '-device', `ide-hd,bus=ahci.0,drive=${id},serial=${d.serial},model=ERASEBOX E2E AHCI,wwn=${wwn}`];
    case 'sas1068':
      return [...drive, ...scsi('mpt.0')]; // mptsas drops disks without wwn=
    case 'megasas':
      return [...drive, ...scsi('mega.0')];
    case 'virtio-scsi':
      return [...drive, ...scsi('vscsi.0')];
    case 'nvme':
      return [...drive, '-device', `nvme,drive=${id},serial=${d.serial}`];
    case 'usb-bot':
      return [...drive, '-device', `usb-storage,bus=xhci.0,drive=${id},serial=${d.serial}`];
    case 'usb-uas':
      return [...drive, '-device', `scsi-hd,bus=uas.0,scsi-id=0,lun=0,drive=${id},serial=${d.serial},vendor=ERASEBOX,product=E2E-UAS,wwn=${wwn}`];
  }
}

export function qemuArgs(fw: Firmware, stick: string, disks: TestDisk[], work: string): string[] {
  const args = ['-accel', 'tcg', '-cpu', 'max', '-smp', '2', '-m', '1536', '-nographic', '-no-reboot', '-monitor', 'none', '-serial', 'stdio'];
  if (fw === 'uefi') args.push('-bios', '/usr/share/ovmf/OVMF.fd');
  if (fw === 'uefi-secureboot') {
    const vars = path.join(work, 'OVMF_VARS.ms.fd');
    fs.copyFileSync('/usr/share/OVMF/OVMF_VARS_4M.ms.fd', vars);
    args.push('-machine', 'q35,smm=on', '-global', 'driver=cfi.pflash01,property=secure,value=on');
    args.push('-drive', 'if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.ms.fd');
    args.push('-drive', `if=pflash,format=raw,unit=1,file=${vars}`);
  }
  args.push('-device', 'qemu-xhci,id=xhci');
  args.push('-drive', `if=none,id=stick,file=${stick},format=raw`, '-device', 'usb-storage,bus=xhci.0,drive=stick,bootindex=0');
  const seen = new Set<Transport>();
  disks.forEach((d, i) => {
    if (!seen.has(d.transport)) args.push(...CONTROLLERS[d.transport]);
    seen.add(d.transport);
    args.push(...diskDevice(d, i));
  });
  return args;
}

export interface Boot {
  code: number | null;
  log: string;
  timedOut: boolean;
}

/** Runs qemu until the guest powers off (or timeoutMs); the serial console goes to logFile. */
export function boot(args: string[], logFile: string, timeoutMs: number, register: (kill: () => void) => void): Promise<Boot> {
  return new Promise((resolve) => {
    const out = fs.createWriteStream(logFile);
    const child: ChildProcess = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let timedOut = false;
    const onData = (b: Buffer): void => {
      log += b.toString('latin1');
      out.write(b);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    register(kill);
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      out.end();
      resolve({ code, log, timedOut });
    });
  });
}

export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(path.join(ROOT, 'dist/erasebox'), args, { encoding: 'utf8', cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
