// Target protection: the one place that decides whether a path may be written to.
// Used by `wipe` before anything is opened, by discovery to grey out disks, and by the TUI
// (through discovery). Roots are parameters so tests can point them at fixture trees.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ProtectionCode =
  | 'not-found'
  | 'not-block-device'
  | 'partition'
  | 'no-media'
  | 'read-only'
  | 'mounted'
  | 'swap'
  | 'holders'
  | 'boot-medium'
  | 'busy';

export interface Protection {
  code: ProtectionCode;
  reason: string; // one line, shown to the user
}

export interface ProtectRoots {
  sys: string; // normally /sys
  proc: string; // normally /proc
  /** Files naming the boot medium's device (one path per line); written by the image's init. */
  bootDeviceFiles: string[];
  /** The running executable: the disk it lives on is the boot medium. */
  execPath: string;
}

export const SYSTEM_ROOTS: ProtectRoots = {
  sys: '/sys',
  proc: '/proc',
  bootDeviceFiles: ['/run/erasebox/boot-device'],
  execPath: process.execPath,
};

export interface BlockIdentity {
  name: string; // kernel name, e.g. sda, loop3, nvme0n1
  majorMinor: string; // "8:0"
  sysPath: string; // resolved /sys/devices/... directory of the disk
}

const read = (p: string): string | null => {
  try {
    return fs.readFileSync(p, 'utf8').trim();
  } catch {
    return null;
  }
};

const list = (p: string): string[] => {
  try {
    return fs.readdirSync(p);
  } catch {
    return [];
  }
};

function devNumber(rdev: number): string {
  // Linux new_encode_dev: major = bits 8..19, minor = bits 0..7 and 20..31.
  const major = (rdev >> 8) & 0xfff;
  const minor = (rdev & 0xff) | ((rdev >> 12) & 0xfff00);
  return `${major}:${minor}`;
}

/** The whole-disk identity of a block device node, or a Protection saying why it has none. */
export function identify(devPath: string, roots: ProtectRoots = SYSTEM_ROOTS): BlockIdentity | Protection {
  let st: fs.Stats;
  try {
    st = fs.statSync(devPath);
  } catch {
    return { code: 'not-found', reason: `${devPath}: no such device` };
  }
  if (!st.isBlockDevice()) return { code: 'not-block-device', reason: `${devPath}: not a block device` };
  const mm = devNumber(st.rdev);
  let sysPath: string;
  try {
    sysPath = fs.realpathSync(path.join(roots.sys, 'dev/block', mm));
  } catch {
    return { code: 'not-found', reason: `${devPath}: block device ${mm} is not in sysfs` };
  }
  if (fs.existsSync(path.join(sysPath, 'partition'))) {
    return { code: 'partition', reason: `${devPath}: is a partition; select the whole disk` };
  }
  return { name: path.basename(sysPath), majorMinor: mm, sysPath };
}

/** The disk itself and every partition of it, as major:minor strings. */
function familyOf(id: BlockIdentity): Map<string, string> {
  const out = new Map<string, string>([[id.majorMinor, id.name]]);
  for (const entry of list(id.sysPath)) {
    const dev = read(path.join(id.sysPath, entry, 'dev'));
    if (dev && fs.existsSync(path.join(id.sysPath, entry, 'partition'))) out.set(dev, entry);
  }
  return out;
}

function rdevOf(p: string): string | null {
  try {
    const st = fs.statSync(p);
    return st.isBlockDevice() ? devNumber(st.rdev) : devNumber(st.dev);
  } catch {
    return null;
  }
}

/** mountinfo fields: id parent major:minor root mountpoint ... - fstype source options */
function mountedFrom(family: Map<string, string>, roots: ProtectRoots): string | null {
  const text = read(path.join(roots.proc, 'self/mountinfo')) ?? '';
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 5) continue;
    const sep = f.indexOf('-');
    const source = sep > 0 ? f[sep + 2] : undefined;
    const byNumber = family.get(f[2]);
    const bySource = source && source.startsWith('/dev/') ? family.get(rdevOf(source) ?? '') : undefined;
    const part = byNumber ?? bySource;
    if (part) return `${part} is mounted on ${f[4].replace(/\\040/g, ' ')}`;
  }
  return null;
}

function swapFrom(family: Map<string, string>, roots: ProtectRoots): string | null {
  const text = read(path.join(roots.proc, 'swaps')) ?? '';
  for (const line of text.split('\n').slice(1)) {
    const file = line.split(/\s+/)[0];
    if (!file) continue;
    const hit = family.get(rdevOf(file) ?? '');
    if (hit) return `${hit} is active swap`;
  }
  return null;
}

function holdersOf(id: BlockIdentity, family: Map<string, string>): string | null {
  for (const name of family.values()) {
    const dir = name === id.name ? id.sysPath : path.join(id.sysPath, name);
    const holders = list(path.join(dir, 'holders'));
    if (holders.length) return `${name} is held by ${holders.join(', ')} (RAID, LVM or device-mapper member)`;
  }
  return null;
}

function bootDisks(roots: ProtectRoots): Set<string> {
  const disks = new Set<string>();
  const addDiskOf = (mm: string | null): void => {
    if (!mm) return;
    try {
      let p = fs.realpathSync(path.join(roots.sys, 'dev/block', mm));
      if (fs.existsSync(path.join(p, 'partition'))) p = path.dirname(p);
      const dev = read(path.join(p, 'dev'));
      if (dev) disks.add(dev);
    } catch {
      /* not a block-backed file system: nothing to protect */
    }
  };
  try {
    addDiskOf(devNumber(fs.statSync(roots.execPath).dev));
  } catch {
    /* executable vanished: nothing to add */
  }
  for (const f of roots.bootDeviceFiles) {
    for (const line of (read(f) ?? '').split('\n')) if (line.trim()) addDiskOf(rdevOf(line.trim()));
  }
  return disks;
}

/** Every reason this disk must not be written to; empty means it may be erased. */
export function protectionsOf(id: BlockIdentity, roots: ProtectRoots = SYSTEM_ROOTS): Protection[] {
  const out: Protection[] = [];
  const family = familyOf(id);
  if (bootDisks(roots).has(id.majorMinor)) out.push({ code: 'boot-medium', reason: `${id.name} is the medium erasebox runs from` });
  const mounted = mountedFrom(family, roots);
  if (mounted) out.push({ code: 'mounted', reason: mounted });
  const swap = swapFrom(family, roots);
  if (swap) out.push({ code: 'swap', reason: swap });
  const holders = holdersOf(id, family);
  if (holders) out.push({ code: 'holders', reason: holders });
  if (read(path.join(id.sysPath, 'size')) === '0') out.push({ code: 'no-media', reason: `${id.name} has no medium (size 0)` });
  if (read(path.join(id.sysPath, 'ro')) === '1') out.push({ code: 'read-only', reason: `${id.name} is read-only` });
  return out;
}

/**
 * Whether another program holds the device exclusively (a mount the tables above missed, md, dm,
 * or another erasebox, e.g. the TUI on the serial console erasing it): an O_EXCL open without
 * O_CREAT claims a block device and fails with EBUSY while someone else has it. Opened read-only
 * and closed at once; nothing is read or written.
 */
function heldElsewhere(devPath: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(devPath, fs.constants.O_RDONLY | fs.constants.O_EXCL | fs.constants.O_NONBLOCK);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EBUSY';
  }
  fs.closeSync(fd);
  return false;
}

/**
 * Check a user-given target: null when it may be written, else the first reason it may not.
 * Unlike protectionsOf (used by discovery on every disk), this also opens the given node to see
 * whether it is held exclusively: it is only ever called on paths a user chose.
 */
export function checkTarget(devPath: string, roots: ProtectRoots = SYSTEM_ROOTS): Protection | null {
  const id = identify(devPath, roots);
  if ('code' in id) return id;
  const p = protectionsOf(id, roots);
  if (p.length) return { code: p[0].code, reason: `${devPath}: ${p[0].reason}` };
  if (heldElsewhere(devPath)) return { code: 'busy', reason: `${devPath}: is in use (held exclusively by another program, e.g. another erasebox)` };
  return null;
}
