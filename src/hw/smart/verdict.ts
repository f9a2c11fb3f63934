// Findings -> one verdict. Worst severity wins; a capture without the core health evidence never
// earns a plain `reuse`; a capture with no health evidence at all is `unavailable`.
import type { SmartVerdict } from '../types';
import { RULES } from './rules';
import type { Finding, SmartAssessment, SmartSummary } from './types';

const ORDER = { destroy: 0, caution: 1, note: 2 } as const;

/** True when the capture carries any health evidence a rule can judge. */
export function hasHealthEvidence(s: SmartSummary): boolean {
  return s.overall !== null || s.ata !== null || s.scsi !== null || s.nvme !== null || s.selfTests.length > 0 || (s.exitStatus !== null && (s.exitStatus & 0b11011000) !== 0);
}

/** Why there is no SMART data, in smartctl's own words where it gave any. */
export function unavailableReason(s: SmartSummary, extra: string[] = []): string {
  if (s.unavailableReason) return s.unavailableReason;
  const msg = s.messages.find((m) => m.trim());
  if (msg) return msg.trim();
  if (extra.length) return extra[0];
  const bits = s.exitBits.filter((b) => /^bit [12]:/.test(b));
  if (bits.length) return `no SMART health data; smartctl.exit_status ${s.exitStatus} (${bits.join('; ')})`;
  return 'the capture holds no SMART health data (no smart_status, attributes or health log)';
}

export function assess(s: SmartSummary): SmartAssessment {
  if (s.unavailableReason || !hasHealthEvidence(s)) {
    const why = unavailableReason(s);
    const finding: Finding = { rule: 'unavailable', severity: 'note', field: 'smartctl', value: why, text: `SMART unavailable: ${why}` };
    return { verdict: 'unavailable', reasons: [finding.text], findings: [finding], summary: s };
  }
  const findings = RULES.flatMap((r) => r.check(s));
  // Partial captures: judge what is there, say what is missing, and do not call it a clean reuse.
  const core = s.missing.filter((m) => !m.startsWith('self-test') && !m.startsWith('identity'));
  if (core.length) {
    findings.push({
      rule: 'partial-capture',
      severity: 'caution',
      field: 'capture',
      value: core.join(', '),
      text: `partial capture: missing ${core.join(', ')}; verdict judged from what is present`,
    });
  }
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  let verdict: SmartVerdict = 'reuse';
  if (findings.some((x) => x.severity === 'destroy')) verdict = 'destroy';
  else if (findings.some((x) => x.severity === 'caution')) verdict = 'reuse-with-caution';
  const reasons = findings.map((x) => x.text);
  if (verdict === 'reuse') reasons.unshift(cleanReason(s));
  return { verdict, reasons, findings, summary: s };
}

function cleanReason(s: SmartSummary): string {
  const checked: string[] = [];
  if (s.overall) checked.push(`smart_status.passed ${s.overall === 'passed'}`);
  if (s.ata) checked.push('reallocated/pending/uncorrectable 0');
  if (s.scsi) checked.push('no grown defects or uncorrected errors');
  if (s.nvme) checked.push(`critical_warning 0, media_errors ${s.nvme.mediaErrors ?? '?'}, percentage_used ${s.nvme.percentageUsed ?? '?'}%`);
  return `no rule triggered (${checked.join('; ')})`;
}
