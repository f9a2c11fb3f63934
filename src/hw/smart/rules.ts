// The verdict rules as a table of data: each rule reads the summary and returns findings.
// docs/smart-verdict.md explains every id, threshold, why and its public source; keep both in step.
import { exitBit } from './exit-status';
import type { Finding, Severity, SmartSummary } from './types';

export const THRESHOLDS = {
  reallocatedDestroy: 100, // ATA attr 5 raw at or above: destroy (below: caution)
  grownDefectsDestroy: 100, // SCSI grown defect list at or above: destroy (below: caution)
  enduranceCaution: 80, // NVMe/SCSI percentage used at or above: caution
  enduranceDestroy: 100, // at or above: destroy
} as const;

export interface Rule {
  id: string;
  check: (s: SmartSummary) => Finding[];
}

const f = (rule: string, severity: Severity, field: string, value: string | number, text: string): Finding => ({
  rule,
  severity,
  field,
  value: String(value),
  text,
});

/** A raw counter rule: > 0 gives `low`, >= `high` (if given) gives destroy. */
function counter(rule: string, id: number, pick: (s: SmartSummary) => number | null, low: Severity, high?: number): Rule {
  return {
    id: rule,
    check: (s) => {
      const v = pick(s);
      if (v === null || v <= 0) return [];
      const name = attrName(s, id);
      if (high !== undefined && v >= high) return [f(rule, 'destroy', name, v, `${name} raw ${v} >= ${high}`)];
      return [f(rule, low, name, v, `${name} raw ${v} > 0`)];
    },
  };
}

// Names vary by vendor (e.g. 187 is Uncorrectable_Error_Cnt on Samsung); we keep the capture's name.
const DEFAULT_NAMES: Record<number, string> = {
  5: 'Reallocated_Sector_Ct',
  187: 'Reported_Uncorrect',
  197: 'Current_Pending_Sector',
  198: 'Offline_Uncorrectable',
  199: 'UDMA_CRC_Error_Count',
};
const attrName = (s: SmartSummary, id: number): string => s.ata?.attributes.find((a) => a.id === id)?.name ?? DEFAULT_NAMES[id] ?? `Attribute_${id}`;

/** NVMe critical_warning bits (NVMe Base Specification, SMART / Health Information log, byte 0). */
const CRITICAL_BITS: { bit: number; what: string; severity: Severity }[] = [
  { bit: 0, what: 'available spare below threshold', severity: 'destroy' },
  { bit: 1, what: 'temperature outside its thresholds', severity: 'caution' },
  { bit: 2, what: 'NVM subsystem reliability degraded', severity: 'destroy' },
  { bit: 3, what: 'media placed in read-only mode', severity: 'destroy' },
  { bit: 4, what: 'volatile memory backup device failed', severity: 'destroy' },
  { bit: 5, what: 'persistent memory region read-only or unreliable', severity: 'destroy' },
];

export const RULES: Rule[] = [
  {
    id: 'overall-failed',
    check: (s) => (s.overall === 'failed' ? [f('overall-failed', 'destroy', 'smart_status.passed', 'false', 'smart_status.passed false: the drive reports itself failing')] : []),
  },
  {
    id: 'exit-disk-failing',
    check: (s) =>
      s.overall !== 'failed' && exitBit(s.exitStatus, 3)
        ? [f('exit-disk-failing', 'destroy', 'smartctl.exit_status', s.exitStatus!, `smartctl.exit_status ${s.exitStatus} has bit 3: SMART status DISK FAILING`)]
        : [],
  },
  {
    id: 'ata-attr-failing-now',
    check: (s) => {
      const now = s.ata?.failingNow ?? [];
      if (now.length) return now.map((a) => f('ata-attr-failing-now', 'destroy', a.name, a.value ?? '?', `${a.name} normalized ${a.value} <= threshold ${a.thresh} (when_failed: now)`));
      return exitBit(s.exitStatus, 4) ? [f('ata-attr-failing-now', 'destroy', 'smartctl.exit_status', s.exitStatus!, `smartctl.exit_status ${s.exitStatus} has bit 4: prefail attributes at or below threshold`)] : [];
    },
  },
  {
    id: 'ata-attr-failed-past',
    check: (s) =>
      (s.ata?.failedPast ?? []).map((a) =>
        f('ata-attr-failed-past', 'note', a.name, a.worst ?? '?', `${a.name} worst ${a.worst} <= threshold ${a.thresh} in the past (when_failed: past): history, not a current failure`),
      ),
  },
  counter('ata-pending', 197, (s) => s.ata?.pending ?? null, 'destroy'),
  counter('ata-offline-uncorrectable', 198, (s) => s.ata?.offlineUncorrectable ?? null, 'destroy'),
  counter('ata-reallocated', 5, (s) => s.ata?.reallocated ?? null, 'caution', THRESHOLDS.reallocatedDestroy),
  counter('ata-reported-uncorrect', 187, (s) => s.ata?.reportedUncorrect ?? null, 'caution'),
  counter('ata-crc', 199, (s) => s.ata?.crcErrors ?? null, 'note'),
  {
    id: 'self-test-failed',
    check: (s) => {
      const done = s.selfTests.filter((t) => t.passed !== null);
      const failed = done.findIndex((t) => t.passed === false);
      if (failed < 0) return [];
      const t = done[failed];
      const at = `${t.type} at ${t.hours ?? '?'} h${t.lba !== null ? `, LBA ${t.lba}` : ''}`;
      if (failed === 0) return [f('self-test-failed', 'destroy', 'self-test log', t.status, `latest self-test failed: ${t.status} (${at})`)];
      return [f('self-test-failed', 'caution', 'self-test log', t.status, `an older self-test failed: ${t.status} (${at}); ${failed} newer test(s) passed`)];
    },
  },
  {
    id: 'scsi-grown-defects',
    check: (s) => {
      const v = s.scsi?.grownDefects ?? null;
      if (v === null || v <= 0) return [];
      if (v >= THRESHOLDS.grownDefectsDestroy) return [f('scsi-grown-defects', 'destroy', 'scsi_grown_defect_list', v, `scsi_grown_defect_list ${v} >= ${THRESHOLDS.grownDefectsDestroy}`)];
      return [f('scsi-grown-defects', 'caution', 'scsi_grown_defect_list', v, `scsi_grown_defect_list ${v} > 0`)];
    },
  },
  {
    id: 'scsi-pending-defects',
    check: (s) => {
      const v = s.scsi?.pendingDefects ?? null;
      return v !== null && v > 0 ? [f('scsi-pending-defects', 'destroy', 'scsi_pending_defects.count', v, `scsi_pending_defects.count ${v} > 0`)] : [];
    },
  },
  {
    id: 'scsi-uncorrected',
    check: (s) => {
      const u = s.scsi?.uncorrected;
      if (!u) return [];
      return (['read', 'write', 'verify'] as const)
        .filter((d) => (u[d] ?? 0) > 0)
        .map((d) => {
          const field = `scsi_error_counter_log.${d}.total_uncorrected_errors`;
          return f('scsi-uncorrected', 'destroy', field, u[d]!, `${field} ${u[d]} > 0`);
        });
    },
  },
  {
    id: 'endurance-used',
    check: (s) => {
      const v = s.nvme?.percentageUsed ?? s.scsi?.percentageUsed ?? null;
      if (v === null) return [];
      const field = s.nvme ? 'nvme_smart_health_information_log.percentage_used' : 'scsi_percentage_used_endurance_indicator';
      const short = s.nvme ? 'percentage_used' : 'scsi_percentage_used_endurance_indicator';
      if (v >= THRESHOLDS.enduranceDestroy) return [f('endurance-used', 'destroy', field, v, `${short} ${v}% >= ${THRESHOLDS.enduranceDestroy}%: rated endurance used up`)];
      if (v >= THRESHOLDS.enduranceCaution) return [f('endurance-used', 'caution', field, v, `${short} ${v}% >= ${THRESHOLDS.enduranceCaution}%`)];
      if (v >= 50) return [f('endurance-used', 'note', field, v, `${short} ${v}%: over half the rated endurance used`)];
      return [];
    },
  },
  {
    id: 'nvme-critical-warning',
    check: (s) => {
      const v = s.nvme?.criticalWarning ?? null;
      if (!v) return [];
      const hex = `0x${v.toString(16).padStart(2, '0')}`;
      const hits = CRITICAL_BITS.filter((b) => v & (1 << b.bit));
      if (!hits.length) return [f('nvme-critical-warning', 'caution', 'critical_warning', hex, `critical_warning ${hex}: reserved bits set`)];
      return hits.map((b) => f('nvme-critical-warning', b.severity, 'critical_warning', hex, `critical_warning ${hex} bit ${b.bit}: ${b.what}`));
    },
  },
  {
    id: 'nvme-media-errors',
    check: (s) => {
      const v = s.nvme?.mediaErrors ?? null;
      return v !== null && v > 0 ? [f('nvme-media-errors', 'caution', 'media_errors', v, `media_errors ${v} > 0: unrecovered data integrity errors`)] : [];
    },
  },
  {
    id: 'nvme-spare',
    check: (s) => {
      const sp = s.nvme?.availableSpare ?? null;
      const th = s.nvme?.availableSpareThreshold ?? null;
      if (sp === null || th === null) return [];
      if (sp < th) return [f('nvme-spare', 'destroy', 'available_spare', sp, `available_spare ${sp}% < available_spare_threshold ${th}%`)];
      if (sp < th + 10) return [f('nvme-spare', 'caution', 'available_spare', sp, `available_spare ${sp}% within 10 points of threshold ${th}%`)];
      return [];
    },
  },
  {
    id: 'exit-error-log',
    check: (s) => (exitBit(s.exitStatus, 6) ? [f('exit-error-log', 'note', 'smartctl.exit_status', s.exitStatus!, `smartctl.exit_status ${s.exitStatus} has bit 6: the device error log has entries`)] : []),
  },
  {
    id: 'exit-command-failed',
    check: (s) =>
      exitBit(s.exitStatus, 2)
        ? [f('exit-command-failed', 'note', 'smartctl.exit_status', s.exitStatus!, `smartctl.exit_status ${s.exitStatus} has bit 2: a SMART command failed, some data may be missing`)]
        : [],
  },
];
