// Which firmware purge commands each disk's path can carry. Reports only; the firmware work runs
// them. An unknown or ambiguous bridge reports unknown: commands must not be tunnelled blindly.
import * as path from 'node:path';
import { runBounded, spawnRunner, type ProcessRunner } from '../exec';
import type { Disk, PurgeCaps } from '../types';
import { dcoRealMax, decodeIdentify, hexDumpBytes, hpaFromHdparm, identifyWords, nvmeCaps, scsiSanitizeFrom, supportedOpcodes } from './parse';

export interface CapsOptions {
  runner?: ProcessRunner;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const UNKNOWN_CAPS: PurgeCaps = {
  ataSecurity: 'unknown', ataSanitize: [], scsiSanitize: [], scsiFormatUnit: null, nvmeSanitize: [], nvmeFormat: [], hpa: 'unknown', dco: 'unknown',
};
const NONE: PurgeCaps = { ...UNKNOWN_CAPS, ataSecurity: 'unsupported', hpa: 'n/a', dco: 'n/a' };

const SCSI_PATHS = new Set(['sas', 'scsi', 'megaraid', 'virtio-scsi', 'usb-uas', 'usb-bot']);

export async function probeCaps(disk: Disk, opts: CapsOptions = {}): Promise<PurgeCaps> {
  const runner = opts.runner ?? spawnRunner;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const run = (cmd: string, args: string[]) => runBounded(runner, cmd, args, { timeoutMs, signal: opts.signal });
  if (disk.transport === 'loop' || disk.transport === 'virtio-blk' || disk.transport === 'other') return { ...NONE };
  const usb = disk.transport === 'usb-bot' || disk.transport === 'usb-uas';
  const protocol = disk.smart?.summary?.protocol ?? null;
  if (usb && !disk.smart?.deviceType) return { ...UNKNOWN_CAPS }; // bridge unknown to smartctl

  if (disk.transport === 'nvme') {
    const ctrl = disk.chain.find((h) => h.kind === 'nvme-ctrl')?.label.match(/nvme\d+/)?.[0] ?? disk.name.replace(/n\d+$/, '');
    const r = await run('nvme', ['id-ctrl', '-o', 'json', path.join(path.dirname(disk.path), ctrl)]);
    let j: unknown = null;
    try {
      j = r.error ? null : JSON.parse(r.stdout);
    } catch {
      j = null;
    }
    const c = nvmeCaps(j);
    return { ...NONE, nvmeSanitize: c?.sanitize ?? [], nvmeFormat: c?.format ?? [], ataSecurity: 'unsupported', hpa: 'n/a', dco: 'n/a' };
  }

  const caps: PurgeCaps = { ...UNKNOWN_CAPS };
  if (protocol === 'ATA' || disk.transport === 'ata') {
    const sec = disk.smart?.summary?.security;
    const r = await run('sg_sat_identify', ['--hex', '--readonly', disk.path]);
    const words = r.error || r.code !== 0 ? null : identifyWords(r.stdout);
    if (words) {
      const d = decodeIdentify(words);
      caps.ataSecurity = d.security;
      caps.ataSanitize = d.sanitize;
      caps.hpa = d.hpaFeature ? 'unknown' : 'absent';
      caps.dco = d.dcoFeature ? 'unknown' : 'absent';
    } else if (sec) {
      caps.ataSecurity = sec.locked ? 'locked' : sec.frozen ? 'frozen' : sec.supported === false ? 'unsupported' : 'supported';
    }
    if (caps.hpa === 'unknown') {
      const n = await run('hdparm', ['-N', disk.path]);
      const h = n.error ? null : hpaFromHdparm(n.stdout);
      if (h) caps.hpa = h.hpa;
      if (h && caps.dco === 'unknown') {
        const d = await run('hdparm', ['--dco-identify', disk.path]);
        const real = d.error ? null : dcoRealMax(d.stdout);
        if (real !== null) caps.dco = real > h.native ? 'present' : 'absent';
      }
    }
  } else {
    caps.ataSecurity = 'unsupported';
    caps.hpa = 'n/a';
    caps.dco = 'n/a';
  }
  if (SCSI_PATHS.has(disk.transport) || disk.transport === 'ata') {
    const r = await run('sg_opcodes', ['--no-inquiry', '--hex', disk.path]);
    if (!r.error && r.code === 0) {
      const ops = supportedOpcodes(hexDumpBytes(r.stdout));
      if (ops.length) {
        caps.scsiSanitize = scsiSanitizeFrom(ops);
        caps.scsiFormatUnit = ops.some((o) => o.opcode === 0x04);
      }
    }
  }
  return caps;
}
