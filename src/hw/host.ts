// The host's identity for certificates and the system report (SMBIOS/DMI via systeminformation).
// Every field degrades to null: a bare initramfs, a VM or a slow dmidecode must never block or
// fail a certificate. Each probe has its own time limit.
import * as os from 'node:os';
import type { HostIdentity } from '../cert/input';

// Values firmware vendors leave in unprogrammed DMI fields; they identify nothing.
const PLACEHOLDERS = /^(|default string|to be filled by o\.e\.m\.|not specified|system serial number|system product name|none|0+|n\/a|\s+)$/i;

export function clean(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return PLACEHOLDERS.test(t) ? null : t;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

export interface HostProbe {
  system: () => Promise<{ manufacturer?: string; model?: string; serial?: string; uuid?: string }>;
  bios: () => Promise<{ vendor?: string; version?: string; releaseDate?: string }>;
  cpu: () => Promise<{ manufacturer?: string; brand?: string; cores?: number }>;
  mem: () => Promise<{ total?: number }>;
  hostname: () => string;
}

function defaultProbe(): HostProbe {
  // Loaded lazily: systeminformation is large and only certificates and reports need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const si = require('systeminformation') as typeof import('systeminformation');
  return { system: () => si.system(), bios: () => si.bios(), cpu: () => si.cpu(), mem: () => si.mem(), hostname: () => os.hostname() };
}

export async function getHostIdentity(opts: { timeoutMs?: number; probe?: HostProbe } = {}): Promise<HostIdentity> {
  const ms = opts.timeoutMs ?? 5000;
  let probe: HostProbe;
  try {
    probe = opts.probe ?? defaultProbe();
  } catch {
    return { hostname: os.hostname(), manufacturer: null, model: null, serial: null, uuid: null, bios: null, cpu: null, memoryBytes: null };
  }
  const call = <T>(f: () => Promise<T>): Promise<T | null> => withTimeout(Promise.resolve().then(f), ms);
  const [sys, bios, cpu, mem] = await Promise.all([call(probe.system), call(probe.bios), call(probe.cpu), call(probe.mem)]);
  const biosText = [clean(bios?.vendor), clean(bios?.version), clean(bios?.releaseDate)].filter(Boolean).join(' ');
  const cpuText = [clean(cpu?.manufacturer), clean(cpu?.brand)].filter(Boolean).join(' ');
  let hostname: string;
  try {
    hostname = probe.hostname();
  } catch {
    hostname = 'unknown';
  }
  return {
    hostname: hostname || 'unknown',
    manufacturer: clean(sys?.manufacturer),
    model: clean(sys?.model),
    serial: clean(sys?.serial),
    uuid: clean(sys?.uuid)?.toLowerCase() ?? null,
    bios: biosText || null,
    cpu: cpuText ? `${cpuText}${cpu?.cores ? ` (${cpu.cores} threads)` : ''}` : null,
    memoryBytes: typeof mem?.total === 'number' && Number.isFinite(mem.total) && mem.total > 0 ? Math.round(mem.total) : null,
  };
}
