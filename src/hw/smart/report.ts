// Rows for `erasebox smart --from-json`: table, CSV and JSON views of the same assessments.
import { decimalBytes } from '../../units';
import type { SmartVerdict } from '../types';
import type { SmartAssessment } from './types';

export const VERDICTS: SmartVerdict[] = ['reuse', 'reuse-with-caution', 'destroy', 'unavailable'];

export const TABLE_HEADER = ['FILE', 'PROTOCOL', 'MODEL', 'SERIAL', 'CAPACITY', 'POWER-ON H', 'VERDICT', 'FIRST REASON'];
export const CSV_HEADER = ['file', 'protocol', 'model', 'serial', 'capacity_bytes', 'power_on_hours', 'verdict', 'first_reason'];

const protocolLabel = (a: SmartAssessment): string => {
  const p = a.summary.protocol;
  if (p === 'SCSI') return /SAS/i.test(a.summary.scsi?.transport ?? '') ? 'SAS' : 'SCSI';
  return p === 'unknown' ? '-' : p;
};

export function tableRow(file: string, a: SmartAssessment): string[] {
  const s = a.summary;
  return [file, protocolLabel(a), s.model ?? '-', s.serial ?? '-', decimalBytes(s.capacityBytes), s.powerOnHours === null ? '-' : String(s.powerOnHours), a.verdict, a.reasons[0] ?? ''];
}

export function csvRow(file: string, a: SmartAssessment): string[] {
  const s = a.summary;
  return [file, protocolLabel(a), s.model ?? '', s.serial ?? '', s.capacityBytes === null ? '' : String(s.capacityBytes), s.powerOnHours === null ? '' : String(s.powerOnHours), a.verdict, a.reasons[0] ?? ''];
}

export function jsonRecord(file: string, a: SmartAssessment): Record<string, unknown> {
  return { file, verdict: a.verdict, reasons: a.reasons, findings: a.findings, summary: a.summary };
}

export function countLine(verdicts: SmartVerdict[], unreadable: number): string {
  const counts = VERDICTS.map((v) => `${v} ${verdicts.filter((x) => x === v).length}`).join(', ');
  const tail = unreadable ? `; ${unreadable} input(s) not smartctl JSON` : '';
  return `${verdicts.length} capture(s): ${counts}${tail}`;
}
