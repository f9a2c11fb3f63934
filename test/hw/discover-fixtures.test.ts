// Discovery on sysfs trees per transport (test/fixtures/sysfs, see test/fixtures/README.md).
import t from 'tap';
import { classify, chainLabel } from '../../src/hw/sysfs/classify';
import { listDisks, watchDisks } from '../../src/hw/discover';
import type { DiscoveryEvent } from '../../src/hw/types';
import type { ProcessRunner } from '../../src/hw/exec';
import { ALL_FIXTURES, materialize } from './sysfs-tree';
import * as fs from 'node:fs';
import { corpusFile, corpusSkip } from './corpus';

// Captured in a qemu guest (scripts/capture-fixtures.sh); sas-mpt3sas-expander and virtio-blk-host
// are the exceptions (see test/fixtures/README.md). Names and SCSI host numbers are the guest's.
const EXPECT: Record<string, { name: string; transport: string; chain: string; model: string | null; serial: [string | null, string]; wwn?: string | null; firmware?: string | null }> = {
  // libata keeps the full IDENTIFY in ata_device/.../id: 40-char model, not INQUIRY's 16.
  ahci: { name: 'sda', transport: 'ata', chain: 'pci 0000:00:04.0 ahci > ata port 1 > target 0:0:0', model: 'WDC WD20EFRX-68EUZN0', serial: ['WD-WCC4M0000001', 'vpd80'], wwn: 'naa.5000c500a1b2c3d4', firmware: '2.5+' },
  'sas-mptsas': { name: 'sdb', transport: 'sas', chain: 'pci 0000:00:05.0 mptsas > port 6:0 > SAS end device 6:0 0x5000c50099887766 > target 6:0:0', model: 'ST8000NM0075', serial: ['ZA1ABCDE', 'vpd80'], wwn: 'naa.5000c50099887766' },
  'sas-mpt3sas-expander': { name: 'sdh', transport: 'sas', chain: 'pci 0000:03:00.0 mpt3sas > port 0:0 > expander 0:0 > port 0:0:4 > SAS end device 0:0:4 0x5000cca2a1b2c3d5 > target 0:0:4', model: 'HUH721212AL5200', serial: ['8HGABCDE', 'vpd80'] },
  // QEMU's megasas passes the scsi-hd's own INQUIRY through; no wwn= means no NAA designator, no wwid.
  megaraid: { name: 'sdc', transport: 'megaraid', chain: 'pci 0000:00:06.0 megaraid_sas > target 7:2:0 (virtual drive)', model: 'QEMU HARDDISK', serial: ['MEGA0001', 'vpd80'], wwn: null },
  'spi-sym53c8xx': { name: 'sdd', transport: 'scsi', chain: 'pci 0000:00:07.0 sym53c8xx > target 8:0:0', model: 'ST373453LC', serial: ['3HW0ABCD', 'vpd80'], wwn: 'naa.5000c50011223344' },
  'virtio-scsi': { name: 'sde', transport: 'virtio-scsi', chain: 'pci 0000:00:08.0 virtio-pci > virtio0 virtio_scsi > target 9:0:0', model: 'QEMU HARDDISK', serial: ['VSCSI0001', 'vpd80'], wwn: null },
  'virtio-blk': { name: 'vda', transport: 'virtio-blk', chain: 'pci 0000:00:09.0 virtio-pci > virtio1 virtio_blk', model: null, serial: ['VBLK0001', 'sysfs'], wwn: null },
  'virtio-blk-host': { name: 'vda', transport: 'virtio-blk', chain: 'pci 0000:00:02.0 virtio-pci > virtio1 virtio_blk', model: null, serial: ['198111502556950915', 'sysfs'], wwn: null },
  nvme: { name: 'nvme0n1', transport: 'nvme', chain: 'pci 0000:00:0a.0 nvme > nvme controller nvme0', model: 'QEMU NVMe Ctrl', serial: ['NVME0001', 'sysfs'], wwn: 'nvme.1b36-4e564d4530303031-51454d55204e564d65204374726c-00000001', firmware: '7.2.22' },
  // BOT: no VPD 80 and no readable wwid; the only serial is the USB iSerial.
  'usb-bot': { name: 'sdg', transport: 'usb-bot', chain: 'pci 0000:00:0b.0 xhci_hcd > usb 2-1 46f4:0001:0000 QEMU QEMU USB HARDDRIVE (BOT) > target 10:0:0', model: 'QEMU HARDDISK', serial: ['BOT-ISERIAL-42', 'usb'], wwn: null },
  'usb-uas': { name: 'sdf', transport: 'usb-uas', chain: 'pci 0000:00:0b.0 xhci_hcd > usb 2-2 46f4:0003:0000 QEMU USB Attached SCSI HBA (UAS) > target 11:0:0', model: 'QEMU HARDDISK', serial: ['UAS0001', 'vpd80'], wwn: null },
};

for (const fx of Object.keys(EXPECT)) {
  t.test(`classify ${fx}`, async (t) => {
    const e = EXPECT[fx];
    const roots = materialize([fx], t);
    const c = classify(roots.sys, e.name);
    t.ok(c, 'classified');
    if (!c) return;
    t.equal(c.transport, e.transport);
    t.equal(chainLabel(c.chain), e.chain);
    const [disk] = await listDisks({ roots, smart: false });
    t.equal(disk.name, e.name);
    t.equal(disk.path, `/dev/${e.name}`);
    t.equal(disk.model.value, e.model, 'model');
    t.same([disk.serial.value, disk.serial.source], e.serial, 'serial and its source');
    if (e.wwn !== undefined) t.equal(disk.wwn.value, e.wwn, 'wwn');
    if (e.firmware !== undefined) t.equal(disk.firmware.value, e.firmware, 'firmware');
    t.equal(disk.sizeBytes, Number(fs.readFileSync(`${c.devDir}/size`, 'utf8')) * 512);
    t.same(disk.protections, [], 'nothing mounted in the fixture');
  });
}

t.test('every fixture manifest is exercised', async (t) => {
  for (const f of ALL_FIXTURES) t.ok(f in EXPECT || f === 'virtual', `${f} has expectations`);
});

t.test('loop and zram are hidden unless all', async (t) => {
  const roots = materialize(['virtual', 'ahci'], t);
  t.same((await listDisks({ roots, smart: false })).map((d) => d.name), ['sda']);
  const all = await listDisks({ roots, smart: false, all: true });
  t.same(all.map((d) => d.name), ['loop0', 'sda', 'zram0']);
  t.equal(all[0].transport, 'loop');
  t.equal(all[0].chainLabel, 'loop /tmp/disk.img');
  t.match(all[2].protections, [{ code: 'no-media' }]);
});

t.test('mounted partition and holders protect the disk (fixture mountinfo)', async (t) => {
  const roots = materialize(['ahci', 'nvme'], t);
  const sda = `${roots.sys}/devices/pci0000:00/0000:00:04.0/ata1/host0/target0:0:0/0:0:0:0/block/sda`;
  fs.mkdirSync(`${sda}/sda1`);
  fs.writeFileSync(`${sda}/sda1/dev`, '8:1\n');
  fs.writeFileSync(`${sda}/sda1/partition`, '1\n');
  fs.writeFileSync(`${roots.proc}/self/mountinfo`, '36 1 8:1 / /mnt/data rw,relatime shared:1 - ext4 /dev/sda1 rw\n');
  const nv = `${roots.sys}/devices/pci0000:00/0000:00:0a.0/nvme/nvme0/nvme0n1`;
  fs.mkdirSync(`${nv}/holders/md0`, { recursive: true });
  const disks = await listDisks({ roots, smart: false });
  t.match(disks.find((d) => d.name === 'sda')?.protections, [{ code: 'mounted', reason: 'sda1 is mounted on /mnt/data' }]);
  t.match(disks.find((d) => d.name === 'nvme0n1')?.protections, [{ code: 'holders', reason: /held by md0/ }]);
});

t.test('duplicate WWIDs are flagged, not merged (scsi_debug collision)', async (t) => {
  const roots = materialize(['ahci', 'spi-sym53c8xx'], t);
  const sd = `${roots.sys}/devices/pci0000:00/0000:00:07.0/host8/target8:0:0/8:0:0:0/wwid`;
  fs.writeFileSync(sd, 'naa.5000c500a1b2c3d4\n');
  const disks = await listDisks({ roots, smart: false });
  t.equal(disks.length, 2);
  t.match(disks[0].notes, [/WWN naa.5000c500a1b2c3d4 is shared with sdd/]);
});

/** A simulated smartctl that answers with a corpus capture for one device and fails others. */
function fakeSmartctl(answers: Record<string, string>): ProcessRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async run(cmd, args) {
      calls.push([cmd, ...args]);
      const dev = args[args.length - 1];
      const dType = args.includes('-d') ? args[args.indexOf('-d') + 1] : 'auto';
      const key = `${dev} ${dType}`;
      if (answers[key]) return { code: 0, stdout: fs.readFileSync(answers[key], 'utf8'), stderr: '' };
      if (cmd !== 'smartctl') return { code: null, stdout: '', stderr: '', error: 'ENOENT' };
      return {
        code: 1,
        stdout: JSON.stringify({ json_format_version: [1, 0], smartctl: { version: [7, 3], exit_status: 1, messages: [{ string: `${dev}: Unknown USB bridge [0x46f4:0x0001 (0x000)]`, severity: 'error' }] } }),
        stderr: '',
      };
    },
  };
}

t.test('simulated smartctl: AHCI identity comes from IDENTIFY, not the 16-char INQUIRY model', { skip: corpusSkip }, async (t) => {
  const roots = materialize(['ahci'], t);
  const runner = fakeSmartctl({ '/dev/sda auto': corpusFile('ata/wdc-wd20efrx-red-2tb-512e-healthy.json') });
  const [d] = await listDisks({ roots, runner });
  t.same(d.model, { value: 'WDC WD20EFRX-68EUZN0', source: 'smartctl' });
  t.equal(d.vendor.value, null, "SAT's 'ATA' vendor placeholder is dropped");
  t.equal(d.smart?.verdict, 'reuse');
  t.equal(d.smart?.deviceType, 'sat');
});

t.test('simulated smartctl: unknown USB bridge tries sat then snt*, then says unknown', async (t) => {
  const roots = materialize(['usb-bot'], t);
  const runner = fakeSmartctl({});
  const [d] = await listDisks({ roots, runner });
  t.same(runner.calls.map((c) => (c.includes('-d') ? c[c.indexOf('-d') + 1] : 'auto')), ['auto', 'sat', 'sntjmicron', 'sntasmedia', 'sntrealtek']);
  t.equal(d.smart?.verdict, 'unavailable');
  t.match(d.smart?.reasons[0], /^SMART unavailable: unknown USB bridge 46f4:0001:0000: no answer to -d sat, sntjmicron, sntasmedia, sntrealtek/);
  t.match(d.notes, [/USB bridge 46f4:0001:0000 unknown to smartctl/]);
});

t.test('simulated smartctl: a USB bridge that answers to -d sat is used with sat', { skip: corpusSkip }, async (t) => {
  const roots = materialize(['usb-bot'], t);
  const runner = fakeSmartctl({ '/dev/sdg sat': corpusFile('usb/sandisk-pssd-dsat-usb.json') });
  const [d] = await listDisks({ roots, runner });
  t.equal(d.smart?.deviceType, 'sat');
  t.equal(d.serial.source, 'smartctl', 'the drive serial replaces the bridge iSerial');
});

t.test('watcher on a fixture tree: hot-plugged and unplugged disks', async (t) => {
  const roots = materialize(['ahci', 'nvme'], t);
  const link = `${roots.sys}/block/nvme0n1`;
  const target = fs.readlinkSync(link);
  fs.unlinkSync(link); // start without the NVMe disk
  const events: DiscoveryEvent[] = [];
  const stop = watchDisks((e) => events.push(e), { roots, smart: false, intervalMs: 20 });
  t.teardown(stop);
  const waitFor = async (pred: () => boolean): Promise<boolean> => {
    for (let i = 0; i < 500 && !pred(); i++) await new Promise((r) => setTimeout(r, 20));
    return pred();
  };
  t.ok(await waitFor(() => events.length === 1), 'initial disk');
  t.match(events[0], { kind: 'disk-added', disk: { name: 'sda', transport: 'ata' } });
  fs.symlinkSync(target, link);
  t.ok(await waitFor(() => events.length === 2), 'plugged');
  t.match(events[1], { kind: 'disk-added', disk: { name: 'nvme0n1', transport: 'nvme', model: { value: 'QEMU NVMe Ctrl' } } });
  fs.unlinkSync(`${roots.sys}/block/sda`);
  t.ok(await waitFor(() => events.length === 3), 'unplugged');
  t.same(events[2], { kind: 'disk-removed', path: '/dev/sda' });
  stop();
});
