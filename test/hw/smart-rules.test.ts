// Each verdict rule (src/hw/smart/rules.ts, docs/smart-verdict.md) triggered by a corpus capture.
// Where the corpus has no capture that trips a rule, the test edits a real capture in memory and
// says so in its name ("derived").
import t from 'tap';
import { fromObject } from '../../src/hw/smart/from-json';
import { RULES } from '../../src/hw/smart';
import type { SmartAssessment } from '../../src/hw/smart';
import { corpusJson, corpusSkip } from './corpus';

function judge(j: Record<string, unknown>): SmartAssessment {
  const r = fromObject(j);
  if ('reason' in r) throw new Error(r.reason);
  return r.assessment;
}
const fromCorpus = (rel: string, edit?: (j: any) => void): SmartAssessment => {
  const j = corpusJson(rel);
  edit?.(j);
  return judge(j);
};
const finding = (a: SmartAssessment, rule: string) => a.findings.filter((f) => f.rule === rule);

interface Case {
  rule: string;
  name: string;
  file: string;
  edit?: (j: any) => void;
  verdict: string;
  text: RegExp;
}

const CASES: Case[] = [
  { rule: 'overall-failed', name: 'NVMe PM1725a reports failed', file: 'nvme/samsung-mzwll3t2hajq-pm1725a-failed-critical-warning.json', verdict: 'destroy', text: /^smart_status\.passed false/ },
  {
    rule: 'exit-disk-failing', name: 'derived: WD3200BEVT without smart_status keeps exit bit 3', file: 'usb/wdc-wd3200bevt-usbjmicron-failed-now.json',
    edit: (j) => delete j.smart_status, verdict: 'destroy', text: /^smartctl\.exit_status 216 has bit 3/,
  },
  { rule: 'ata-attr-failing-now', name: 'WD3200BEVT Reallocated_Sector_Ct failing now', file: 'usb/wdc-wd3200bevt-usbjmicron-failed-now.json', verdict: 'destroy', text: /^Reallocated_Sector_Ct normalized 133 <= threshold 140 \(when_failed: now\)/ },
  { rule: 'ata-attr-failed-past', name: 'HD204UI Spin_Up_Time failed in the past is a note only', file: 'usb/samsung-hd204ui-usbsunplus-failed-past.json', verdict: 'reuse', text: /^Spin_Up_Time worst 1 <= threshold 25 in the past \(when_failed: past\): history/ },
  { rule: 'ata-pending', name: 'HUS726060 pending sectors', file: 'ata/hgst-hus726060ala640-he6-realloc-pending-uncorrectable.json', verdict: 'destroy', text: /^Current_Pending_Sector raw 878 > 0$/ },
  { rule: 'ata-offline-uncorrectable', name: 'HUS726060 offline uncorrectable', file: 'ata/hgst-hus726060ala640-he6-realloc-pending-uncorrectable.json', verdict: 'destroy', text: /^Offline_Uncorrectable raw 1272 > 0$/ },
  { rule: 'ata-reallocated', name: 'ST3500418AS 304 reallocated: destroy', file: 'ata/seagate-st3500418as-barracuda-reallocated-304.json', verdict: 'destroy', text: /^Reallocated_Sector_Ct raw 304 >= 100$/ },
  { rule: 'ata-reallocated', name: 'KC400 one retired block: caution', file: 'ata/kingston-skc400s371t-ssd-reallocated-1.json', verdict: 'reuse-with-caution', text: /^Retired_Block_Count raw 1 > 0$/ },
  { rule: 'ata-reported-uncorrect', name: 'WD3200BEVT reported uncorrectable', file: 'usb/wdc-wd3200bevt-usbjmicron-failed-now.json', verdict: 'destroy', text: /^Reported_Uncorrect raw 84 > 0$/ },
  { rule: 'ata-crc', name: 'Samsung 840 CRC errors are a note (cable, not media)', file: 'ata/samsung-ssd-840-xall.json', verdict: 'reuse', text: /^CRC_Error_Count raw 108 > 0$/ },
  { rule: 'self-test-failed', name: 'WD3200BEVT latest self-test read failure', file: 'usb/wdc-wd3200bevt-usbjmicron-failed-now.json', verdict: 'destroy', text: /^latest self-test failed: Completed: read failure \(Short offline at 16402 h, LBA 494591083\)/ },
  {
    rule: 'self-test-failed', name: 'derived: HDS721050 older self-test failure alone is caution', file: 'usb/hitachi-hds721050dle630-usbjmicron-failed-reallocated-1975.json',
    edit: (j) => {
      delete j.smart_status;
      j.smartctl.exit_status = 0;
      for (const a of j.ata_smart_attributes.table) if ([5, 196, 197].includes(a.id)) { a.raw.value = 0; a.when_failed = ''; }
    },
    verdict: 'reuse-with-caution', text: /^an older self-test failed: Completed: read failure \(Extended offline at 4 h, LBA 104870168\); 2 newer test\(s\) passed/,
  },
  { rule: 'scsi-grown-defects', name: 'ST373453LC 260 grown defects', file: 'scsi/seagate-st373453lc-grown-defects-260-uncorrected-errors.json', verdict: 'destroy', text: /^scsi_grown_defect_list 260 >= 100$/ },
  {
    rule: 'scsi-grown-defects', name: 'derived: ST18000NM004J with 12 grown defects is caution', file: 'scsi/seagate-st18000nm004j-exos-x18-sas-512e.json',
    edit: (j) => (j.scsi_grown_defect_list = 12), verdict: 'reuse-with-caution', text: /^scsi_grown_defect_list 12 > 0$/,
  },
  {
    rule: 'scsi-pending-defects', name: 'derived: ST18000NM004J with 3 pending defects', file: 'scsi/seagate-st18000nm004j-exos-x18-sas-512e.json',
    edit: (j) => (j.scsi_pending_defects.count = 3), verdict: 'destroy', text: /^scsi_pending_defects\.count 3 > 0$/,
  },
  { rule: 'scsi-uncorrected', name: 'ST373453LC uncorrected write errors', file: 'scsi/seagate-st373453lc-grown-defects-260-uncorrected-errors.json', verdict: 'destroy', text: /^scsi_error_counter_log\.write\.total_uncorrected_errors 535 > 0$/ },
  { rule: 'endurance-used', name: 'P4500 75% used is a note', file: 'nvme/intel-ssdpe2kx020t7-p4500-75pct-used-4kn.json', verdict: 'reuse', text: /^percentage_used 75%: over half/ },
  {
    rule: 'endurance-used', name: 'derived: P4510 at 85% used is caution', file: 'nvme/intel-ssdpe2kx010t8-p4510-73pct-used.json',
    edit: (j) => (j.nvme_smart_health_information_log.percentage_used = 85), verdict: 'reuse-with-caution', text: /^percentage_used 85% >= 80%$/,
  },
  {
    rule: 'endurance-used', name: 'derived: P4510 at 104% used is destroy', file: 'nvme/intel-ssdpe2kx010t8-p4510-73pct-used.json',
    edit: (j) => (j.nvme_smart_health_information_log.percentage_used = 104), verdict: 'destroy', text: /^percentage_used 104% >= 100%: rated endurance used up$/,
  },
  { rule: 'nvme-critical-warning', name: 'PM1725a volatile memory backup failed', file: 'nvme/samsung-mzwll3t2hajq-pm1725a-failed-critical-warning.json', verdict: 'destroy', text: /^critical_warning 0x10 bit 4: volatile memory backup device failed$/ },
  {
    rule: 'nvme-critical-warning', name: 'derived: 970 EVO Plus temperature warning alone is caution', file: 'nvme/samsung-970-evo-plus-250gb.json',
    edit: (j) => (j.nvme_smart_health_information_log.critical_warning = 2), verdict: 'reuse-with-caution', text: /^critical_warning 0x02 bit 1: temperature/,
  },
  { rule: 'nvme-media-errors', name: '970 EVO media errors', file: 'nvme/samsung-970-evo-500gb-media-errors-7.json', verdict: 'reuse-with-caution', text: /^media_errors 7 > 0/ },
  {
    rule: 'nvme-spare', name: 'derived: P3700 spare 5% below threshold 10%', file: 'nvme/intel-ssdpedmd800g4-p3700-51pct-used-4kn.json',
    edit: (j) => (j.nvme_smart_health_information_log.available_spare = 5), verdict: 'destroy', text: /^available_spare 5% < available_spare_threshold 10%$/,
  },
  { rule: 'exit-error-log', name: 'HUS724020 error log entries are a note', file: 'ata/hgst-hus724020ale640-512e-exit64.json', verdict: 'reuse', text: /^smartctl\.exit_status 64 has bit 6/ },
  { rule: 'exit-command-failed', name: 'A400 exit 4 is a note', file: 'ata/kingston-sa400m8120g-ssd-exit4.json', verdict: 'reuse', text: /^smartctl\.exit_status 4 has bit 2/ },
];

t.test('every rule in the table has a case here', async (t) => {
  const covered = new Set(CASES.map((c) => c.rule));
  for (const r of RULES) t.ok(covered.has(r.id), `rule ${r.id} is tested`);
});

for (const c of CASES) {
  t.test(`${c.rule}: ${c.name}`, { skip: corpusSkip }, async (t) => {
    const a = fromCorpus(c.file, c.edit);
    const hits = finding(a, c.rule);
    t.ok(hits.length > 0, `${c.rule} fired`);
    t.ok(hits.some((h) => c.text.test(h.text)), `reason text: ${hits.map((h) => h.text).join(' | ')}`);
    t.equal(a.verdict, c.verdict);
    t.ok(a.reasons.some((r) => c.text.test(r)), 'the reason is in reasons[]');
  });
}

t.test('derived partial captures: -H only, -A only, --info only', { skip: corpusSkip }, async (t) => {
  const rel = 'ata/wdc-wd20efrx-red-2tb-512e-healthy.json';
  const hOnly = fromCorpus(rel, (j) => {
    delete j.ata_smart_attributes;
    delete j.ata_smart_self_test_log;
  });
  t.equal(hOnly.verdict, 'reuse-with-caution', '-H only never earns a plain reuse');
  t.match(hOnly.reasons.join('\n'), /partial capture: missing attributes \(-A\)/);
  const aOnly = fromCorpus('ata/hgst-hus726060ala640-he6-realloc-pending-uncorrectable.json', (j) => delete j.smart_status);
  t.equal(aOnly.verdict, 'destroy', '-A only still condemns on attributes');
  t.match(aOnly.reasons.join('\n'), /partial capture: missing overall health \(-H\)/);
  const info = fromCorpus(rel, (j) => {
    delete j.ata_smart_attributes;
    delete j.smart_status;
    delete j.ata_smart_self_test_log;
  });
  t.equal(info.verdict, 'unavailable');
  t.match(info.reasons[0], /^SMART unavailable: the capture holds no SMART health data/);
});

t.test('smartctl messages are the unavailable reason', { skip: corpusSkip }, async (t) => {
  const a = fromCorpus('error/unable-to-detect-device-type-exit1.json');
  t.same(a.reasons, ['SMART unavailable: /dev/nonexistent: Unable to detect device type']);
});
