// SMART: one entry point for discovery, `erasebox smart`, the TUI and certificates.
import type { SmartBrief } from '../types';
import type { SmartAssessment } from './types';

export { readSmart, USB_BRIDGE_TYPES, SMARTCTL_TIMEOUT_MS, type LiveSmart, type SmartReadOptions } from './live';
export { readCapture, expandPaths, MAX_CAPTURE_BYTES, type CaptureResult } from './capture';
export { parseSmartJson } from './from-json';
export { assess } from './verdict';
export { RULES, THRESHOLDS } from './rules';
export { decodeExitStatus } from './exit-status';
export type * from './types';

export function toBrief(a: SmartAssessment): SmartBrief {
  return {
    verdict: a.verdict,
    reasons: a.reasons,
    powerOnHours: a.summary.powerOnHours,
    temperatureC: a.summary.temperatureC,
    protocol: a.summary.protocol,
    deviceType: a.summary.deviceType,
    summary: a.summary,
  };
}
