// Discovery, SMART and capability probes on what a qemu guest really answered: the sysfs tree of
// each transport plus the exact command outputs and exit codes recorded with it
// (scripts/capture-fixtures.sh, test/fixtures/README.md). The runner replays recorded argv only, so
// a probe that asks for something never captured shows up in `unexpected`.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listDisks } from '../../src/hw/discover';
import { decodeIdentify, dcoRealMax, hexDumpBytes, hpaFromHdparm, identifyWords, nvmeCaps, supportedOpcodes } from '../../src/hw/caps/parse';
import { classify } from '../../src/hw/sysfs/classify';
import { ataIdStrings } from '../../src/hw/sysfs/identity';
import { parseSmartJson } from '../../src/hw/smart/from-json';
import { materialize } from './sysfs-tree';
import { CMD_FIXTURES, readCmd, replayRunner } from './replay';

const one = async (fx: string, t: Parameters<Parameters<typeof t.test>[1]>[0]) => {
  const roots = materialize([fx], t);
  const runner = replayRunner(fx);
  const disks = await listDisks({ roots, runner, caps: true });
  t.equal(disks.length, 1, `${fx}: one disk`);
  t.same(runner.unexpected, [], 'every command the probes ran was captured');
  return { disk: disks[0], calls: runner.calls };
};

t.test('AHCI: SAT SMART, identity from IDENTIFY, ATA caps decoded from the real sg_sat_identify bytes', async (t) => {
  const { disk, calls } = await one('ahci', t);
  t.equal(disk.smart?.deviceType, 'sat');
  t.equal(disk.smart?.protocol, 'ATA');
  t.equal(disk.smart?.verdict, 'reuse');
  t.match(disk.smart?.reasons, [/passed/, /exit_status 4 has bit 2/], 'QEMU IDE fails one SMART command: smartctl exits 4');
  t.same(disk.model, { value: 'WDC WD20EFRX-68EUZN0', source: 'smartctl' });
  t.equal(disk.vendor.value, null, "SAT's 'ATA' vendor placeholder is dropped");
  t.same(disk.caps, { ataSecurity: 'unsupported', ataSanitize: [], scsiSanitize: [], scsiFormatUnit: null, nvmeSanitize: [], nvmeFormat: [], hpa: 'absent', dco: 'absent' });
  t.same(calls, ['smartctl --json -x /dev/sda', 'sg_sat_identify --hex --readonly /dev/sda', 'sg_opcodes --no-inquiry --hex /dev/sda']);
});

t.test('sg_sat_identify --hex prints bytes; they decode to the same IDENTIFY libata shows in sysfs', async (t) => {
  const words = identifyWords(readCmd('ahci', 'sg_sat_identify-hex.txt'));
  t.equal(words?.length, 256);
  const roots = materialize(['ahci'], t);
  const c = classify(roots.sys, 'sda');
  t.ok(c?.ataDevDir, 'ata_device dir found from the SCSI target id');
  const idText = fs.readFileSync(path.join(c!.ataDevDir!, 'id'), 'utf8');
  t.same(words, idText.split(/\s+/).filter(Boolean).map((w) => parseInt(w, 16)), 'SAT pass-through == libata cache');
  t.same(ataIdStrings(idText), { serial: 'WD-WCC4M0000001', firmware: '2.5+', model: 'WDC WD20EFRX-68EUZN0' });
  t.same(decodeIdentify(words!), { security: 'unsupported', enhancedErase: false, sanitize: [], hpaFeature: false, dcoFeature: false }, 'QEMU IDE: no security, sanitize, HPA or DCO');
  t.equal(ataIdStrings('0040 0010'), null, 'short id is no identity');
});

t.test('hdparm on paths without an answer: exit 0 and numbers that mean nothing', async (t) => {
  t.same(hpaFromHdparm(readCmd('ahci', 'hdparm-N.txt')), { hpa: 'absent', current: 16384, native: 16384 });
  t.match(readCmd('sas-mptsas', 'hdparm-N.txt'), /max sectors\s+= 0\/1, HPA is enabled/, 'capture: hdparm -N through mptsas');
  t.equal(hpaFromHdparm(readCmd('sas-mptsas', 'hdparm-N.txt')), null, 'not an HPA');
  t.match(readCmd('ahci', 'hdparm-dco-identify.txt'), /Real max sectors: 1\b/, 'capture: aborted DCO IDENTIFY decoded from zeros');
  t.equal(dcoRealMax(readCmd('ahci', 'hdparm-dco-identify.txt')), null, 'not a DCO');
});

t.test('sg_opcodes: libata answers an empty list, SCSI targets in QEMU reject the opcode', async (t) => {
  t.same(supportedOpcodes(hexDumpBytes(readCmd('ahci', 'sg_opcodes-hex.txt'))), []);
  for (const fx of ['sas-mptsas', 'megaraid', 'spi-sym53c8xx', 'virtio-scsi', 'usb-bot', 'usb-uas']) {
    t.match(fs.readFileSync(path.join(CMD_FIXTURES, fx, 'commands.tsv'), 'utf8'), /sg_opcodes-hex\.txt\t9\t/, `${fx}: exit 9 (invalid opcode)`);
  }
});

for (const [fx, dev] of [['sas-mptsas', 'sdb'], ['spi-sym53c8xx', 'sdd'], ['virtio-scsi', 'sde']] as const) {
  t.test(`${fx}: SCSI without SMART data is unavailable with smartctl's reason, caps unknown`, async (t) => {
    const { disk, calls } = await one(fx, t);
    t.equal(disk.smart?.verdict, 'unavailable');
    t.equal(disk.smart?.protocol, 'SCSI');
    t.match(disk.smart?.reasons[0], /^SMART unavailable: no SMART health data; smartctl.exit_status 4/);
    t.same(disk.caps, { ataSecurity: 'unsupported', ataSanitize: [], scsiSanitize: [], scsiFormatUnit: null, nvmeSanitize: [], nvmeFormat: [], hpa: 'n/a', dco: 'n/a' });
    t.same(calls, [`smartctl --json -x /dev/${dev}`, `sg_opcodes --no-inquiry --hex /dev/${dev}`]);
  });
}

t.test('MegaRAID: exit 2 without -T permissive, so it is retried with it', async (t) => {
  const { disk, calls } = await one('megaraid', t);
  t.same(calls.slice(0, 2), ['smartctl --json -x /dev/sdc', 'smartctl --json -x -T permissive /dev/sdc']);
  t.match(readCmd('megaraid', 'commands.tsv'), /smartctl-x\.json\t2\t/);
  t.equal(disk.smart?.verdict, 'unavailable');
  t.match(disk.smart?.reasons[0], /no SMART health data/);
});

for (const [fx, dev, id] of [['usb-bot', 'sdg', '46f4:0001:0000'], ['usb-uas', 'sdf', '46f4:0003:0000']] as const) {
  t.test(`${fx}: QEMU's bridge answers no -d type; unknown bridge, no firmware commands`, async (t) => {
    const { disk, calls } = await one(fx, t);
    t.same(calls, ['auto', 'sat', 'sntjmicron', 'sntasmedia', 'sntrealtek'].map((ty) => `smartctl --json -x ${ty === 'auto' ? '' : `-d ${ty} `}/dev/${dev}`));
    t.equal(disk.smart?.verdict, 'unavailable');
    t.match(disk.smart?.reasons[0], new RegExp(`^SMART unavailable: unknown USB bridge ${id}: .*Unknown USB bridge \\[0x${id.slice(0, 4)}:0x${id.slice(5, 9)}`));
    t.equal(disk.caps?.ataSecurity, 'unknown');
    t.match(disk.notes, [new RegExp(`USB bridge ${id} unknown to smartctl`)]);
  });
}

t.test('NVMe: SMART via nvme, Format NVM but no sanitize (sanicap 0)', async (t) => {
  const { disk, calls } = await one('nvme', t);
  t.equal(disk.smart?.deviceType, 'nvme');
  t.equal(disk.smart?.temperatureC, 50);
  // QEMU reports available_spare 0% with threshold 0%, which the spare rule flags.
  t.equal(disk.smart?.verdict, 'reuse-with-caution');
  t.match(disk.smart?.reasons, [/available_spare 0%/]);
  t.same(nvmeCaps(JSON.parse(readCmd('nvme', 'nvme-id-ctrl.json'))), { sanitize: [], format: ['user-data'] });
  t.same(disk.caps?.nvmeFormat, ['user-data']);
  t.same(disk.caps?.nvmeSanitize, []);
  t.same(calls, ['smartctl --json -x /dev/nvme0n1', 'nvme id-ctrl -o json /dev/nvme0']);
});

t.test('virtio-blk: smartctl cannot detect a type; no SG_IO, no caps probes', async (t) => {
  const { disk, calls } = await one('virtio-blk', t);
  t.equal(disk.smart?.verdict, 'unavailable');
  t.match(disk.smart?.reasons[0], /Unable to detect device type/);
  t.same(calls, ['smartctl --json -x /dev/vda']);
  t.match(readCmd('virtio-blk', 'commands.tsv'), /sg_inq\.txt\t75\t/, 'sg_inq fails on virtio-blk (capture)');
});

t.test('every captured smartctl output parses without throwing', async (t) => {
  for (const fx of fs.readdirSync(CMD_FIXTURES).filter((d) => fs.statSync(path.join(CMD_FIXTURES, d)).isDirectory())) {
    for (const f of fs.readdirSync(path.join(CMD_FIXTURES, fx)).filter((f) => /^smartctl.*\.json$/.test(f))) {
      const r = parseSmartJson(readCmd(fx, f));
      t.ok('assessment' in r, `${fx}/${f} parses`);
    }
  }
});
