// Every capture in the shared corpus, one by one: parses, never throws, failing drives never `reuse`.
import t from 'tap';
import * as path from 'node:path';
import { readCapture } from '../../src/hw/smart';
import { CORPUS, corpusFiles, corpusSkip } from './corpus';

// Drives the corpus describes as failing or degraded (SOURCES.md): none may get `reuse`.
const FAILING = [
  'ata/hgst-hus726060ala640-he6-realloc-pending-uncorrectable.json',
  'ata/seagate-st3500418as-barracuda-reallocated-304.json',
  'ata/wdc-wd4000fyyx-megaraid-reallocated-387-exit4.json',
  'ata/kingston-skc400s371t-ssd-reallocated-1.json',
  'scsi/seagate-st373453lc-grown-defects-260-uncorrected-errors.json',
  'nvme/samsung-mzwll3t2hajq-pm1725a-failed-critical-warning.json',
  'nvme/samsung-970-evo-500gb-media-errors-7.json',
  'usb/wdc-wd3200bevt-usbjmicron-failed-now.json',
  'usb/hitachi-hds721050dle630-usbjmicron-failed-reallocated-1975.json',
];

t.test('every corpus file is read and judged', { skip: corpusSkip }, async (t) => {
  const files = corpusFiles();
  t.ok(files.length >= 79, `corpus has ${files.length} files`);
  for (const f of files) {
    const rel = path.relative(CORPUS, f);
    const r = readCapture(f);
    t.ok(r.ok, `${rel} is smartctl JSON${r.ok ? '' : `: ${r.reason}`}`);
    if (!r.ok) continue;
    const a = r.parsed.assessment;
    t.ok(a.reasons.length > 0, `${rel}: ${a.verdict} has a reason`);
    if (rel.startsWith('error/')) {
      t.equal(a.verdict, 'unavailable', `${rel} is unavailable`);
      t.match(a.reasons[0], /^SMART unavailable: \S/, `${rel}: ${a.reasons[0]}`);
    } else {
      t.not(a.summary.protocol, 'unknown', `${rel}: protocol known`);
    }
  }
});

t.test('failing and degraded drives never get reuse', { skip: corpusSkip }, async (t) => {
  for (const rel of FAILING) {
    const r = readCapture(path.join(CORPUS, rel));
    if (!r.ok) {
      t.fail(`${rel}: ${r.reason}`);
      continue;
    }
    t.not(r.parsed.assessment.verdict, 'reuse', `${rel}: ${r.parsed.assessment.verdict}: ${r.parsed.assessment.reasons[0]}`);
  }
});

t.test('healthy drives get reuse with a clean reason', { skip: corpusSkip }, async (t) => {
  for (const rel of ['ata/wdc-wd20efrx-red-2tb-512e-healthy.json', 'scsi/toshiba-al15seb18eqy-sas-512e.json', 'nvme/micron-7450-mtfdkcc3t2tfs.json']) {
    const r = readCapture(path.join(CORPUS, rel));
    t.ok(r.ok);
    if (r.ok) {
      t.equal(r.parsed.assessment.verdict, 'reuse', rel);
      t.match(r.parsed.assessment.reasons[0], /^no rule triggered/);
    }
  }
});

t.test('summary fields are read per protocol', { skip: corpusSkip }, async (t) => {
  const get = (rel: string) => {
    const r = readCapture(path.join(CORPUS, rel));
    if (!r.ok) throw new Error(r.reason);
    return r.parsed.assessment.summary;
  };
  const ata = get('ata/hgst-hus726060ala640-he6-realloc-pending-uncorrectable.json');
  t.match(ata, { protocol: 'ATA', deviceType: 'ata', overall: 'passed' });
  t.match(ata.ata, { reallocated: 1040, pending: 878, offlineUncorrectable: 1272 });
  const scsi = get('scsi/seagate-st373453lc-grown-defects-260-uncorrected-errors.json');
  t.match(scsi, { protocol: 'SCSI', powerOnHours: 102880, temperatureC: 33, capacityBytes: 73407820800 });
  t.match(scsi.scsi, { grownDefects: 260, uncorrected: { read: 1, write: 535 } });
  const nvme = get('nvme/samsung-970-evo-500gb-media-errors-7.json');
  t.match(nvme, { protocol: 'NVMe', powerOnHours: 12798, capacityBytes: 500107862016 });
  t.match(nvme.nvme, { mediaErrors: 7, percentageUsed: 3, availableSpare: 99, availableSpareThreshold: 10, criticalWarning: 0 });
  const usb = get('usb/wdc-wd3200bevt-usbjmicron-failed-now.json');
  t.match(usb, { deviceType: 'usbjmicron', exitStatus: 216, overall: 'failed' });
  t.same(usb.exitBits.map((b) => b.slice(0, 5)), ['bit 3', 'bit 4', 'bit 6', 'bit 7']);
  t.equal(usb.selfTests[0].passed, false);
  t.equal(usb.selfTests[0].lba, 494591083);
  const sec = get('ata/samsung-ssd-840-xall.json');
  t.match(sec.security, { supported: true, enabled: false, frozen: true });
  const wwn = get('ata/samsung-ssd-860-evo-500gb-xall.json');
  t.equal(wwn.wwn, '5002538e40a22954', 'naa 5, oui 0x002538, id 0xe40a22954');

  const old = get('scsi/seagate-st1200mm0088-sas-10k.json');
  t.match(old, { smartctlVersion: '6.7', protocol: 'SCSI', model: 'SEAGATE ST1200MM0088' });
});
