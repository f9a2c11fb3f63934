// smartctl JSON (any version from 6.7's pre-release format to 7.5) -> SmartSummary. Pure.
import { decodeExitStatus } from './exit-status';
import { JsonReader, type Json } from './read-json';
import type { AtaAttributeState, AtaHealth, AtaSecurity, NvmeHealth, ScsiHealth, SelfTestEntry, SmartProtocol, SmartSummary } from './types';

const trimOrNull = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);

function protocolOf(r: JsonReader, j: Json): SmartProtocol {
  const p = r.str(j, 'device.protocol');
  if (p === 'ATA' || p === 'SCSI' || p === 'NVMe') return p;
  if (r.has(j, 'nvme_smart_health_information_log')) return 'NVMe';
  if (r.has(j, 'ata_smart_attributes')) return 'ATA';
  if (r.has(j, 'scsi_error_counter_log') || r.has(j, 'scsi_grown_defect_list')) return 'SCSI';
  return 'unknown';
}

function wwnOf(r: JsonReader, j: Json): string | null {
  const naa = r.num(j, 'wwn.naa');
  const oui = r.num(j, 'wwn.oui');
  const id = r.num(j, 'wwn.id');
  if (naa !== undefined && oui !== undefined && id !== undefined) {
    return `${naa.toString(16)}${oui.toString(16).padStart(6, '0')}${id.toString(16).padStart(9, '0')}`;
  }
  return trimOrNull(r.str(j, 'logical_unit_id'))?.replace(/^0x/, '') ?? null;
}

function attributes(r: JsonReader, j: Json): AtaAttributeState[] | null {
  const table = r.arr(j, 'ata_smart_attributes.table');
  if (!table) return null;
  const out: AtaAttributeState[] = [];
  table.forEach((a, i) => {
    const at = `ata_smart_attributes.table[${i}]`;
    const id = r.num(a, 'id', `${at}.id`);
    if (id === undefined) return;
    const wf = r.str(a, 'when_failed', `${at}.when_failed`);
    out.push({
      id,
      name: r.str(a, 'name', `${at}.name`) ?? `Attribute_${id}`,
      value: r.num(a, 'value', `${at}.value`) ?? null,
      worst: r.num(a, 'worst', `${at}.worst`) ?? null,
      thresh: r.num(a, 'thresh', `${at}.thresh`) ?? null,
      raw: r.num(a, 'raw.value', `${at}.raw.value`) ?? null,
      whenFailed: wf === 'now' || wf === 'past' ? wf : null,
    });
  });
  return out;
}

function ataHealth(attrs: AtaAttributeState[]): AtaHealth {
  const raw = (id: number): number | null => attrs.find((a) => a.id === id)?.raw ?? null;
  return {
    reallocated: raw(5),
    reallocEvents: raw(196),
    pending: raw(197),
    offlineUncorrectable: raw(198),
    reportedUncorrect: raw(187),
    crcErrors: raw(199),
    attributes: attrs,
    failingNow: attrs.filter((a) => a.whenFailed === 'now'),
    failedPast: attrs.filter((a) => a.whenFailed === 'past'),
  };
}

/** ATA self-test status: high nibble 0 = OK, 1-2 aborted/interrupted, 3-8 failures, 15 running. */
function ataSelfTests(r: JsonReader, j: Json): SelfTestEntry[] | null {
  const table = r.arr(j, 'ata_smart_self_test_log.extended.table') ?? r.arr(j, 'ata_smart_self_test_log.standard.table');
  if (!table) return r.has(j, 'ata_smart_self_test_log') ? [] : null;
  return table.map((e, i) => {
    const at = `ata_smart_self_test_log.table[${i}]`;
    const v = r.num(e, 'status.value', `${at}.status.value`);
    const explicit = r.bool(e, 'status.passed', `${at}.status.passed`);
    const nib = v === undefined ? -1 : v >> 4;
    const passed = explicit ?? (nib === 0 ? true : nib >= 3 && nib <= 8 ? false : null);
    return {
      type: r.str(e, 'type.string', `${at}.type.string`) ?? 'unknown',
      status: r.str(e, 'status.string', `${at}.status.string`) ?? 'unknown',
      passed,
      hours: r.num(e, 'lifetime_hours', `${at}.lifetime_hours`) ?? null,
      lba: r.num(e, 'lba', `${at}.lba`) ?? null,
    };
  });
}

/** SCSI self-test results (SPC): 0 completed, 1-2 aborted, 3-6 failed, 7 in progress. */
function scsiSelfTests(r: JsonReader, j: Json): SelfTestEntry[] | null {
  if (!j || typeof j !== 'object') return null;
  const keys = Object.keys(j as object)
    .filter((k) => /^scsi_self_test_\d+$/.test(k))
    .sort((a, b) => Number(a.slice(15)) - Number(b.slice(15)));
  if (!keys.length) return null;
  return keys.map((k) => {
    const v = r.num(j, `${k}.result.value`);
    return {
      type: r.str(j, `${k}.code.string`) ?? 'unknown',
      status: r.str(j, `${k}.result.string`) ?? 'unknown',
      passed: v === 0 ? true : v !== undefined && v >= 3 && v <= 6 ? false : null,
      hours: r.num(j, `${k}.power_on_time.hours`) ?? null,
      lba: r.num(j, `${k}.failed_lba.value`) ?? null,
    };
  });
}

/** NVMe self-test result (NVMe base spec, Self-test Log): 0 ok, 5-7 failures, 0xf unused entry. */
function nvmeSelfTests(r: JsonReader, j: Json): SelfTestEntry[] | null {
  const table = r.arr(j, 'nvme_self_test_log.table');
  if (!table) return r.has(j, 'nvme_self_test_log') ? [] : null;
  return table.map((e, i) => {
    const at = `nvme_self_test_log.table[${i}]`;
    const v = r.num(e, 'self_test_result.value', `${at}.self_test_result.value`);
    return {
      type: r.str(e, 'self_test_code.string', `${at}.self_test_code.string`) ?? 'unknown',
      status: r.str(e, 'self_test_result.string', `${at}.self_test_result.string`) ?? 'unknown',
      passed: v === 0 ? true : v !== undefined && v >= 5 && v <= 7 ? false : null,
      hours: r.num(e, 'power_on_hours', `${at}.power_on_hours`) ?? null,
      lba: r.num(e, 'lba', `${at}.lba`) ?? null,
    };
  });
}

function scsiHealth(r: JsonReader, j: Json): ScsiHealth | null {
  const known = ['scsi_grown_defect_list', 'scsi_error_counter_log', 'scsi_pending_defects', 'scsi_percentage_used_endurance_indicator'];
  if (!known.some((k) => r.has(j, k))) return null;
  const unc = (dir: string): number | null => r.num(j, `scsi_error_counter_log.${dir}.total_uncorrected_errors`) ?? null;
  return {
    grownDefects: r.num(j, 'scsi_grown_defect_list') ?? null,
    pendingDefects: r.num(j, 'scsi_pending_defects.count') ?? null,
    uncorrected: { read: unc('read'), write: unc('write'), verify: unc('verify') },
    percentageUsed: r.num(j, 'scsi_percentage_used_endurance_indicator') ?? null,
    transport: r.str(j, 'scsi_transport_protocol.name') ?? null,
  };
}

function nvmeHealth(r: JsonReader, j: Json): NvmeHealth | null {
  const log = r.obj(j, 'nvme_smart_health_information_log');
  if (!log) return null;
  const n = (k: string): number | null => r.num(log, k, `nvme_smart_health_information_log.${k}`) ?? null;
  return {
    criticalWarning: n('critical_warning'),
    mediaErrors: n('media_errors'),
    percentageUsed: n('percentage_used'),
    availableSpare: n('available_spare'),
    availableSpareThreshold: n('available_spare_threshold'),
    errorLogEntries: n('num_err_log_entries'),
    unsafeShutdowns: n('unsafe_shutdowns'),
  };
}

function security(r: JsonReader, j: Json): AtaSecurity | null {
  const s = r.obj(j, 'ata_security');
  if (!s) return null;
  const state = r.num(s, 'state', 'ata_security.state');
  return {
    // IDENTIFY word 128 bit 0 is "supported"; smartctl puts word 128 in `state`.
    supported: state === undefined ? null : (state & 1) === 1,
    enabled: r.bool(s, 'enabled', 'ata_security.enabled') ?? null,
    frozen: r.bool(s, 'frozen', 'ata_security.frozen') ?? null,
    locked: r.bool(s, 'locked', 'ata_security.locked') ?? (state === undefined ? null : (state & 4) === 4),
    text: r.str(s, 'string', 'ata_security.string') ?? null,
  };
}

function temperatureOf(r: JsonReader, j: Json, nvme: NvmeHealth | null): number | null {
  const t = r.num(j, 'temperature.current') ?? (nvme ? r.num(j, 'nvme_smart_health_information_log.temperature') : undefined);
  // 0 is what SCSI devices without a temperature log page report (QEMU, RAID volumes).
  return t === undefined || t === 0 ? null : t;
}

export function summarize(j: Json, r: JsonReader = new JsonReader()): SmartSummary {
  const protocol = protocolOf(r, j);
  const exitStatus = r.num(j, 'smartctl.exit_status') ?? null;
  const messages = (r.arr(j, 'smartctl.messages') ?? []).map((m, i) => r.str(m, 'string', `smartctl.messages[${i}].string`) ?? '').filter(Boolean);
  const version = r.arr(j, 'smartctl.version');
  const argv = (r.arr(j, 'smartctl.argv') ?? []).filter((a): a is string => typeof a === 'string');
  const passed = r.bool(j, 'smart_status.passed');
  const attrs = protocol === 'ATA' ? attributes(r, j) : null;
  const nvme = nvmeHealth(r, j);
  const scsi = protocol === 'SCSI' ? scsiHealth(r, j) : null;
  const selfTests = protocol === 'ATA' ? ataSelfTests(r, j) : protocol === 'SCSI' ? scsiSelfTests(r, j) : nvmeSelfTests(r, j);
  const model = trimOrNull(r.str(j, 'model_name')) ?? trimOrNull(r.str(j, 'scsi_model_name')) ?? trimOrNull([r.str(j, 'vendor'), r.str(j, 'product')].filter(Boolean).join(' '));
  const s: SmartSummary = {
    protocol,
    deviceType: r.str(j, 'device.type') ?? null,
    deviceName: r.str(j, 'device.name') ?? null,
    model,
    serial: trimOrNull(r.str(j, 'serial_number')),
    firmware: trimOrNull(r.str(j, 'firmware_version')) ?? trimOrNull(r.str(j, 'revision')) ?? trimOrNull(r.str(j, 'scsi_revision')),
    wwn: wwnOf(r, j),
    capacityBytes: r.num(j, 'user_capacity.bytes') ?? r.num(j, 'nvme_total_capacity') ?? null,
    logicalBlockSize: r.num(j, 'logical_block_size') ?? null,
    physicalBlockSize: r.num(j, 'physical_block_size') ?? null,
    rotationRate: r.num(j, 'rotation_rate') ?? null,
    smartctlVersion: version && version.every((v) => typeof v === 'number') ? version.join('.') : null,
    argv,
    exitStatus,
    exitBits: exitStatus === null ? [] : decodeExitStatus(exitStatus),
    messages,
    overall: passed === undefined ? null : passed ? 'passed' : 'failed',
    powerOnHours: r.num(j, 'power_on_time.hours') ?? r.num(j, 'nvme_smart_health_information_log.power_on_hours') ?? null,
    temperatureC: temperatureOf(r, j, nvme),
    ata: attrs ? ataHealth(attrs) : null,
    scsi,
    nvme,
    selfTests: selfTests ?? [],
    security: security(r, j),
    missing: [],
    unavailableReason: null,
  };
  s.missing = missingEvidence(s, j, r, selfTests !== null);
  return s;
}

function missingEvidence(s: SmartSummary, j: Json, r: JsonReader, hasSelfTestLog: boolean): string[] {
  const m: string[] = [];
  if (s.overall === null) m.push('overall health (-H)');
  if (s.protocol === 'ATA' && !s.ata) m.push('attributes (-A)');
  if (s.protocol === 'SCSI' && !s.scsi) m.push('defect list and error counters (-A / -l error)');
  if (s.protocol === 'NVMe' && !s.nvme) m.push('NVMe health log (-A)');
  if (!hasSelfTestLog && s.protocol !== 'unknown') m.push('self-test log (-l selftest)');
  if (!r.has(j, 'model_name') && !s.model) m.push('identity (-i)');
  return m;
}
