// Live SMART read: `smartctl --json -x` on a device, with the device type smartctl itself reports
// (device.type); USB bridges that auto-detection misses are retried as sat, then the snt* types.
import { describeRunError, runBounded, spawnRunner, type ProcessRunner } from '../exec';
import type { TransportKind } from '../types';
import { parseSmartJson } from './from-json';
import type { SmartAssessment, SmartSummary } from './types';
import { assess } from './verdict';

/** Tried in order when a USB bridge is not recognised (smartmontools drivedb is data we do not copy). */
export const USB_BRIDGE_TYPES = ['sat', 'sntjmicron', 'sntasmedia', 'sntrealtek'] as const;
export const SMARTCTL_TIMEOUT_MS = 30_000;

export interface SmartReadOptions {
  runner?: ProcessRunner;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** From discovery: decides whether bridge types are tried. */
  transport?: TransportKind;
  /** A known-good smartctl -d value (e.g. from an earlier read); skips detection. */
  deviceType?: string;
  /** USB VID:PID:bcdDevice, quoted in the reason when no type works. */
  usbId?: string;
}

export interface Attempt {
  type: string; // 'auto' or a -d value
  outcome: string;
}

export interface LiveSmart {
  assessment: SmartAssessment;
  /** The -d value that worked, as smartctl reported it in device.type; null if none did. */
  deviceType: string | null;
  /** USB bridges only: 'known' when some type answered, 'unknown' when none did. */
  bridge: 'known' | 'unknown' | null;
  attempts: Attempt[];
}

function emptySummary(reason: string): SmartSummary {
  return {
    protocol: 'unknown', deviceType: null, deviceName: null, model: null, serial: null, firmware: null, wwn: null,
    capacityBytes: null, logicalBlockSize: null, physicalBlockSize: null, rotationRate: null, smartctlVersion: null,
    argv: [], exitStatus: null, exitBits: [], messages: [], overall: null, powerOnHours: null, temperatureC: null,
    ata: null, scsi: null, nvme: null, selfTests: [], security: null, missing: [], unavailableReason: reason,
  };
}

export const unavailable = (reason: string): SmartAssessment => assess(emptySummary(reason));

export async function readSmart(dev: string, opts: SmartReadOptions = {}): Promise<LiveSmart> {
  const runner = opts.runner ?? spawnRunner;
  const timeoutMs = opts.timeoutMs ?? SMARTCTL_TIMEOUT_MS;
  const usb = opts.transport === 'usb-bot' || opts.transport === 'usb-uas';
  const plan: { type: string; extra: string[] }[] = opts.deviceType
    ? [{ type: opts.deviceType, extra: [] }]
    : [{ type: 'auto', extra: [] }, ...(usb ? USB_BRIDGE_TYPES.map((t) => ({ type: t, extra: [] })) : [])];
  // MegaRAID and some HBAs fail TEST UNIT READY through smartctl's default checks (notes: qemu megasas).
  if (opts.transport === 'megaraid' && !opts.deviceType) plan.push({ type: 'auto', extra: ['-T', 'permissive'] });
  const attempts: Attempt[] = [];
  let last: SmartAssessment | null = null;
  for (const step of plan) {
    const args = ['--json', '-x', ...step.extra, ...(step.type === 'auto' ? [] : ['-d', step.type]), dev];
    const r = await runBounded(runner, 'smartctl', args, { timeoutMs, signal: opts.signal });
    const label = step.extra.length ? `${step.type} ${step.extra.join(' ')}` : step.type;
    if (r.error) {
      // Not installed, hung or stopped: another -d value cannot help.
      const why = describeRunError('smartctl', r, timeoutMs);
      attempts.push({ type: label, outcome: why });
      return { assessment: unavailable(why), deviceType: null, bridge: usb ? 'unknown' : null, attempts };
    }
    const parsed = parseSmartJson(r.stdout);
    if ('reason' in parsed) {
      const why = `smartctl gave no usable JSON (exit ${r.code}): ${parsed.reason}`;
      attempts.push({ type: label, outcome: why });
      last = unavailable(why);
      continue;
    }
    const a = parsed.assessment;
    attempts.push({ type: label, outcome: a.verdict === 'unavailable' ? a.reasons[0] : `${a.summary.protocol} via ${a.summary.deviceType ?? label}` });
    if (a.verdict !== 'unavailable') {
      return { assessment: a, deviceType: a.summary.deviceType ?? (step.type === 'auto' ? null : step.type), bridge: usb ? 'known' : null, attempts };
    }
    last = a;
  }
  if (usb && !opts.deviceType) {
    const id = opts.usbId ? ` ${opts.usbId}` : '';
    const why = `unknown USB bridge${id}: no answer to -d ${USB_BRIDGE_TYPES.join(', ')} (${attempts[0]?.outcome ?? 'auto-detection failed'})`;
    return { assessment: unavailable(why), deviceType: null, bridge: 'unknown', attempts };
  }
  return { assessment: last ?? unavailable('smartctl was not run'), deviceType: null, bridge: null, attempts };
}
