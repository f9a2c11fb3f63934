// Capability decoders on constructed responses (byte layouts from ACS-3, SPC-4, NVMe base spec),
// and probeCaps with simulated tools.
import t from 'tap';
import { dcoRealMax, decodeIdentify, hexDumpBytes, hpaFromHdparm, identifyWords, nvmeCaps, scsiSanitizeFrom, supportedOpcodes } from '../../src/hw/caps/parse';
import { probeCaps } from '../../src/hw/caps';
import type { ProcessRunner } from '../../src/hw/exec';
import type { Disk } from '../../src/hw/types';

/** sg3_utils-style hex dump of 16-bit words, 8 per line. */
function wordsDump(w: number[]): string {
  const lines: string[] = [];
  for (let i = 0; i < w.length; i += 8) lines.push(` ${i.toString(16).padStart(2, '0')}     ${w.slice(i, i + 8).map((x) => x.toString(16).padStart(4, '0')).join(' ')}`);
  return lines.join('\n') + '\n';
}
function bytesDump(b: Buffer): string {
  const lines: string[] = [];
  for (let i = 0; i < b.length; i += 16) lines.push(` ${i.toString(16).padStart(2, '0')}     ${[...b.subarray(i, i + 16)].map((x) => x.toString(16).padStart(2, '0')).join(' ')}    ................`);
  return lines.join('\n') + '\n';
}

t.test('ATA IDENTIFY: sanitize, security and HPA/DCO bits', async (t) => {
  const w = new Array(256).fill(0);
  w[59] = (1 << 12) | (1 << 15) | (1 << 13); // sanitize: block + crypto
  w[82] = 1 << 10;
  w[83] = 1 << 11;
  w[128] = 0b101001; // supported, frozen, enhanced erase
  const words = identifyWords(wordsDump(w));
  t.equal(words?.length, 256);
  t.same(decodeIdentify(words!), { security: 'frozen', enhancedErase: true, sanitize: ['block', 'crypto'], hpaFeature: true, dcoFeature: true });
  w[128] = 0b101; // supported + locked
  t.equal(decodeIdentify(w).security, 'locked');
  w[128] = 0;
  t.equal(decodeIdentify(w).security, 'unsupported');
  t.equal(identifyWords('garbage\n'), null);
});

t.test('REPORT SUPPORTED OPERATION CODES: SANITIZE service actions and FORMAT UNIT', async (t) => {
  const desc = (op: number, sa: number | null) => {
    const d = Buffer.alloc(8);
    d[0] = op;
    if (sa !== null) {
      d.writeUInt16BE(sa, 2);
      d[5] = 1;
    }
    d.writeUInt16BE(10, 6);
    return d;
  };
  const body = Buffer.concat([desc(0x04, null), desc(0x48, 1), desc(0x48, 3), desc(0x28, null)]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  const ops = supportedOpcodes(hexDumpBytes(bytesDump(Buffer.concat([head, body]))));
  t.same(ops, [{ opcode: 4, sa: null }, { opcode: 0x48, sa: 1 }, { opcode: 0x48, sa: 3 }, { opcode: 0x28, sa: null }]);
  t.same(scsiSanitizeFrom(ops), ['overwrite', 'crypto']);
});

t.test('hdparm -N and --dco-identify', async (t) => {
  t.same(hpaFromHdparm('\n/dev/sdb:\n max sectors   = 976771055/976773168, HPA is enabled\n'), { hpa: 'present', current: 976771055, native: 976773168 });
  t.same(hpaFromHdparm(' max sectors   = 976773168/976773168, HPA is disabled\n')?.hpa, 'absent');
  t.equal(hpaFromHdparm('SG_IO: bad/missing sense data'), null);
  t.equal(dcoRealMax('DCO Revision: 0x0002\nThe following features can be selectively disabled via DCO:\n\tTransfer modes:\n\tReal max sectors: 976773168\n'), 976773168);
});

t.test('NVMe id-ctrl: sanicap, oacs and fna', async (t) => {
  t.same(nvmeCaps({ sanicap: 0b011, oacs: 0x17, fna: 0x4 }), { sanitize: ['block', 'crypto'], format: ['user-data', 'crypto'] });
  t.same(nvmeCaps({ sanicap: 0, oacs: 0x0a, fna: 0 }), { sanitize: [], format: ['user-data'] }, 'QEMU NVMe: format only');
  t.equal(nvmeCaps({ vid: 1 }), null);
});

const baseDisk = (over: Partial<Disk>): Disk => ({
  path: '/dev/sdz', name: 'sdz', transport: 'ata', chain: [], vendor: { value: null, source: 'none' }, model: { value: null, source: 'none' },
  serial: { value: null, source: 'none' }, wwn: { value: null, source: 'none' }, firmware: { value: null, source: 'none' },
  sizeBytes: 0, logicalSectorSize: 512, physicalSectorSize: 512, rotational: null, protections: [], smart: null, caps: null, ...over,
});

t.test('simulated tools: probeCaps on an AHCI disk and an unknown USB bridge', async (t) => {
  const w = new Array(256).fill(0);
  w[128] = 0b100001;
  w[82] = 1 << 10;
  const calls: string[] = [];
  const runner: ProcessRunner = {
    async run(cmd, args) {
      calls.push(`${cmd} ${args.join(' ')}`);
      if (cmd === 'sg_sat_identify') return { code: 0, stdout: wordsDump(w), stderr: '' };
      if (cmd === 'hdparm' && args[0] === '-N') return { code: 0, stdout: ' max sectors   = 100/200, HPA is enabled\n', stderr: '' };
      return { code: 5, stdout: '', stderr: 'Illegal request' };
    },
  };
  const caps = await probeCaps(baseDisk({}), { runner });
  t.match(caps, { ataSecurity: 'supported', ataSanitize: [], hpa: 'present', dco: 'absent', scsiFormatUnit: null });
  t.ok(calls.includes('sg_sat_identify --hex --readonly /dev/sdz'));
  calls.length = 0;
  const usb = await probeCaps(baseDisk({ transport: 'usb-bot', smart: { verdict: 'unavailable', reasons: [], powerOnHours: null, temperatureC: null, deviceType: null } }), { runner });
  t.match(usb, { ataSecurity: 'unknown', hpa: 'unknown', dco: 'unknown' });
  t.same(calls, [], 'nothing is sent through an unknown bridge');
});
