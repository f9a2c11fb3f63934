// One typed SMART summary for ATA, SCSI/SAS and NVMe, read from `smartctl --json` output, and the
// verdict derived from it. The same types serve live reads and captured files.
import type { SmartVerdict } from '../types';

export type SmartProtocol = 'ATA' | 'SCSI' | 'NVMe' | 'unknown';

export interface AtaAttributeState {
  id: number;
  name: string;
  value: number | null; // normalized
  worst: number | null;
  thresh: number | null;
  raw: number | null;
  whenFailed: 'now' | 'past' | null;
}

export interface SelfTestEntry {
  type: string;
  status: string;
  /** true: completed without error; false: the drive reported a failure; null: aborted, running, unknown */
  passed: boolean | null;
  hours: number | null;
  lba: number | null;
}

export interface AtaHealth {
  reallocated: number | null; // attr 5 raw
  reallocEvents: number | null; // attr 196 raw
  pending: number | null; // attr 197 raw
  offlineUncorrectable: number | null; // attr 198 raw
  reportedUncorrect: number | null; // attr 187 raw
  crcErrors: number | null; // attr 199 raw
  attributes: AtaAttributeState[];
  failingNow: AtaAttributeState[];
  failedPast: AtaAttributeState[];
}

export interface ScsiHealth {
  grownDefects: number | null;
  pendingDefects: number | null;
  uncorrected: { read: number | null; write: number | null; verify: number | null };
  percentageUsed: number | null; // SSD endurance indicator
  transport: string | null; // "SAS (SPL-4)"
}

export interface NvmeHealth {
  criticalWarning: number | null;
  mediaErrors: number | null;
  percentageUsed: number | null;
  availableSpare: number | null;
  availableSpareThreshold: number | null;
  errorLogEntries: number | null;
  unsafeShutdowns: number | null;
}

export interface AtaSecurity {
  supported: boolean | null;
  enabled: boolean | null;
  frozen: boolean | null;
  locked: boolean | null;
  text: string | null;
}

export interface SmartSummary {
  protocol: SmartProtocol;
  /** smartctl's device.type: sat, nvme, scsi, usbjmicron, sat+megaraid,1, ... */
  deviceType: string | null;
  deviceName: string | null;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  wwn: string | null;
  capacityBytes: number | null;
  logicalBlockSize: number | null;
  physicalBlockSize: number | null;
  rotationRate: number | null; // 0: solid state
  smartctlVersion: string | null;
  argv: string[];
  exitStatus: number | null;
  exitBits: string[]; // decoded bits, e.g. "bit 3: SMART status check returned DISK FAILING"
  messages: string[]; // smartctl.messages[].string
  overall: 'passed' | 'failed' | null;
  powerOnHours: number | null;
  temperatureC: number | null;
  ata: AtaHealth | null;
  scsi: ScsiHealth | null;
  nvme: NvmeHealth | null;
  selfTests: SelfTestEntry[]; // newest first
  security: AtaSecurity | null;
  /** Evidence the capture lacks, e.g. "overall health (-H)"; empty for a full -x capture. */
  missing: string[];
  /** Non-null when smartctl could not read the device at all. */
  unavailableReason: string | null;
}

export type Severity = 'destroy' | 'caution' | 'note';

export interface Finding {
  rule: string; // id of the rule in rules.ts and docs/smart-verdict.md
  severity: Severity;
  field: string;
  value: string;
  text: string; // one line naming field and value, e.g. "Current_Pending_Sector raw 1640 > 0"
}

export interface SmartAssessment {
  verdict: SmartVerdict;
  reasons: string[]; // Finding.text of every finding, worst first
  findings: Finding[];
  summary: SmartSummary;
}
