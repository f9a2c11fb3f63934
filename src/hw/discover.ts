// Discovery: every disk under /sys/block, its transport chain, identity (with sources),
// protections, SMART verdict and (on request) purge capabilities. Failures are per disk: one disk
// whose smartctl hangs never hides the others.
import * as path from 'node:path';
import { probeCaps } from './caps';
import type { ProcessRunner } from './exec';
import { identify, protectionsOf, SYSTEM_ROOTS, type BlockIdentity, type ProtectRoots } from './protect';
import { readSmart, toBrief } from './smart';
import { unavailable } from './smart/live';
import { chainLabel, classify, type Classified } from './sysfs/classify';
import { listDir, readAttr } from './sysfs/fsread';
import { mergeSmartIdentity, sysfsIdentity } from './sysfs/identity';
import type { Disk, DiscoveryEvent } from './types';

export interface DiscoverOptions {
  all?: boolean; // include loop, ram, zram, optical and other virtual devices
  smart?: boolean; // run smartctl (slow); default true
  caps?: boolean; // probe purge capabilities (runs hdparm / sg_opcodes / nvme); default false
  roots?: ProtectRoots; // sysfs/procfs roots; fixture trees in tests
  devRoot?: string; // where device nodes live; default /dev
  runner?: ProcessRunner; // external commands; injected in tests
  timeoutMs?: number; // per external command
  signal?: AbortSignal;
  intervalMs?: number; // watcher poll interval; default 1000
}

export { chainLabel } from './sysfs/classify';

const HIDDEN_NAMES = /^(ram|zram|sr|fd|nbd)\d+/;
const CONCURRENCY = 4;

function visible(c: Classified, all: boolean): boolean {
  // An unattached loop device (size 0) is no disk at all, even with --all: the kernel keeps
  // /dev/loop0..7 around empty, and listing them only buries the ones that hold an image.
  if (c.transport === 'loop' && readAttr(path.join(c.devDir, 'size')) === '0') return false;
  if (all) return true;
  return !c.virtual && !HIDDEN_NAMES.test(c.name);
}

const blockIdentity = (c: Classified): BlockIdentity => ({ name: c.name, majorMinor: readAttr(path.join(c.devDir, 'dev')) ?? '?', sysPath: c.devDir });

async function build(c: Classified, opts: DiscoverOptions): Promise<Disk> {
  const roots = opts.roots ?? SYSTEM_ROOTS;
  const devPath = path.join(opts.devRoot ?? '/dev', c.name);
  const bid = blockIdentity(c);
  let id = sysfsIdentity(c);
  const disk: Disk = {
    path: devPath,
    name: c.name,
    transport: c.transport,
    chain: c.chain,
    chainLabel: chainLabel(c.chain),
    ...id,
    protections: protectionsOf(bid, roots),
    smart: null,
    caps: null,
  };
  if (opts.smart !== false) {
    const usbId = c.chain.find((h) => h.usbId)?.usbId;
    if (c.virtual || c.transport === 'loop') disk.smart = toBrief(unavailable(`${c.transport === 'loop' ? 'loop' : 'virtual'} device: no SMART`));
    else {
      const live = await readSmart(devPath, { runner: opts.runner, timeoutMs: opts.timeoutMs, signal: opts.signal, transport: c.transport, usbId });
      disk.smart = { ...toBrief(live.assessment), deviceType: live.deviceType };
      id = mergeSmartIdentity(id, live.assessment.summary);
      Object.assign(disk, { vendor: id.vendor, model: id.model, serial: id.serial, wwn: id.wwn, firmware: id.firmware });
      if (live.bridge === 'unknown') (disk.notes ??= []).push(`USB bridge ${usbId ?? ''} unknown to smartctl: firmware commands are not offered`.replace('  ', ' '));
    }
  }
  if (opts.caps) disk.caps = await probeCaps(disk, { runner: opts.runner, timeoutMs: opts.timeoutMs, signal: opts.signal });
  return disk;
}

async function mapLimited<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

function markSharedWwns(disks: Disk[]): void {
  const by = new Map<string, Disk[]>();
  for (const d of disks) if (d.wwn.value) by.set(d.wwn.value, [...(by.get(d.wwn.value) ?? []), d]);
  for (const [wwn, group] of by) {
    if (group.length < 2) continue;
    for (const d of group) (d.notes ??= []).push(`WWN ${wwn} is shared with ${group.filter((g) => g !== d).map((g) => g.name).join(', ')}: identify by path and serial, not WWN`);
  }
}

function classifiedNames(opts: DiscoverOptions): Classified[] {
  const sys = (opts.roots ?? SYSTEM_ROOTS).sys;
  return listDir(path.join(sys, 'block'))
    .map((n) => classify(sys, n))
    .filter((c): c is Classified => c !== null && visible(c, opts.all ?? false));
}

/** Every disk on every controller, protected ones included (with their reasons). */
export async function listDisks(opts: DiscoverOptions = {}): Promise<Disk[]> {
  const disks = await mapLimited(classifiedNames(opts), CONCURRENCY, (c) => build(c, opts));
  markSharedWwns(disks);
  return disks;
}

/** One disk by device path (any /dev path or symlink to it). Throws one-line errors. */
export async function describeDisk(devPath: string, opts: DiscoverOptions = {}): Promise<Disk> {
  const roots = opts.roots ?? SYSTEM_ROOTS;
  const id = identify(devPath, roots);
  if ('code' in id) throw new Error(id.reason);
  const c = classify(roots.sys, id.name);
  if (!c) throw new Error(`${devPath}: ${id.name} is not in ${roots.sys}/block`);
  return build(c, opts);
}

/**
 * Hot-plug watcher: polls /sys/block (default every second) and diffs names and device numbers.
 * Emits disk-added for the disks present at start, then disk-added / disk-removed as they come and
 * go, and disk-updated once SMART (slow) has been read for an added disk. Returns a stop function.
 */
export function watchDisks(onEvent: (e: DiscoveryEvent) => void, opts: DiscoverOptions = {}): () => void {
  // name -> "dev size": a replaced disk gets a new number; a detached loop or an emptied card
  // reader keeps its name but drops to size 0, which is a removal of the medium.
  const known = new Map<string, string>();
  // The last disk reported per name: a disk mounted, swapped on or claimed by RAID/LVM after it
  // was shown must turn protected on screen at once, not only when the wipe re-checks it.
  const shown = new Map<string, Disk>();
  const protectionKey = (d: Pick<Disk, 'protections'>): string => d.protections.map((p) => p.code).join(',');
  const keyOf = (c: Classified): string => `${readAttr(path.join(c.devDir, 'dev')) ?? '?'} ${readAttr(path.join(c.devDir, 'size')) ?? '?'}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    const now = new Map<string, Classified>();
    for (const c of classifiedNames(opts)) now.set(c.name, c);
    for (const [name, dev] of known) {
      const c = now.get(name);
      if (!c || keyOf(c) !== dev) {
        known.delete(name);
        shown.delete(name);
        if (!stopped) onEvent({ kind: 'disk-removed', path: path.join(opts.devRoot ?? '/dev', name) });
      }
    }
    for (const [name, c] of now) {
      if (known.has(name)) {
        const last = shown.get(name);
        if (!last) continue;
        const protections = protectionsOf(blockIdentity(c), opts.roots ?? SYSTEM_ROOTS);
        if (protectionKey({ protections }) === protectionKey(last)) continue;
        const updated = { ...last, protections };
        shown.set(name, updated);
        if (!stopped) onEvent({ kind: 'disk-updated', disk: updated });
        continue;
      }
      known.set(name, keyOf(c));
      try {
        const quick = await build(c, { ...opts, smart: false, caps: false });
        if (stopped) return;
        shown.set(name, quick);
        onEvent({ kind: 'disk-added', disk: quick });
        if (opts.smart !== false || opts.caps) {
          const full = await build(c, opts);
          if (!stopped && known.has(name)) {
            shown.set(name, full);
            onEvent({ kind: 'disk-updated', disk: full });
          }
        }
      } catch {
        known.delete(name); // vanished while we looked: the next tick decides again
      }
    }
  };
  const loop = (): void => {
    tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, opts.intervalMs ?? 1000);
    });
  };
  loop();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
