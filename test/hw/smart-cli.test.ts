// `erasebox smart --from-json`: the corpus as one folder, CSV round trip, hostile inputs.
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { parseCsv } from '../../src/hw/table';
import { CORPUS, corpusFile, corpusFiles, corpusSkip } from './corpus';

function fakeIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s), env: {}, signal: new AbortController().signal, isTTY: false };
  return io;
}
const smart = async (...argv: string[]) => {
  const io = fakeIo();
  const code = await main(['smart', ...argv], io);
  return { code, out: io.out, err: io.err };
};
const tmp = (t: { teardown(fn: () => unknown): void }): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-smart-'));
  t.teardown(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};

t.test('the whole corpus as one folder: one row per capture and a count line', { skip: corpusSkip }, async (t) => {
  const r = await smart('--from-json', CORPUS);
  t.equal(r.code, 0, r.err);
  t.equal(r.err, '');
  const lines = r.out.trimEnd().split('\n');
  const n = corpusFiles().length;
  t.equal(lines.length, n + 2, 'header, one row per file, count line');
  t.match(lines[0], /^FILE\s+PROTOCOL\s+MODEL\s+SERIAL\s+CAPACITY\s+POWER-ON H\s+VERDICT\s+FIRST REASON$/);
  t.match(lines[lines.length - 1], new RegExp(`^${n} capture\\(s\\): reuse \\d+, reuse-with-caution \\d+, destroy \\d+, unavailable 9$`), 'unavailable: the 8 error captures and the FARM-only capture');
  const hus = lines.find((l) => l.includes('hgst-hus726060ala640'));
  t.match(hus, /ATA\s+HGST HUS726060ALA640\s+\S+\s+6.00 TB\s+\d+\s+destroy\s+Current_Pending_Sector raw 878 > 0/);
});

t.test('--json: array with file, verdict, reasons and the summary', { skip: corpusSkip }, async (t) => {
  const r = await smart('--from-json', '--json', corpusFile('scsi'), corpusFile('usb/wdc-wd3200bevt-usbjmicron-failed-now.json'));
  t.equal(r.code, 0);
  const arr = JSON.parse(r.out);
  t.equal(arr.length, 15);
  const usb = arr.find((x: any) => x.file.endsWith('wd3200bevt-usbjmicron-failed-now.json'));
  t.equal(usb.verdict, 'destroy');
  t.ok(usb.reasons.includes('Current_Pending_Sector raw 1 > 0'));
  t.equal(usb.summary.deviceType, 'usbjmicron');
  for (const x of arr) t.ok(['reuse', 'reuse-with-caution', 'destroy', 'unavailable'].includes(x.verdict));
});

t.test('--csv parses back to the same rows as --json', { skip: corpusSkip }, async (t) => {
  const csv = await smart('--from-json', '--csv', CORPUS);
  const json = await smart('--from-json', '--json', CORPUS);
  t.equal(csv.code, 0);
  t.match(csv.out, /\r\n$/, 'CRLF line ends');
  const rows = parseCsv(csv.out);
  t.same(rows[0], ['file', 'protocol', 'model', 'serial', 'capacity_bytes', 'power_on_hours', 'verdict', 'first_reason']);
  const arr = JSON.parse(json.out);
  t.equal(rows.length - 1, arr.length);
  arr.forEach((x: any, i: number) => {
    const row = rows[i + 1];
    t.same([row[0], row[2], row[3], row[4], row[5], row[6], row[7]], [x.file, x.summary.model ?? '', x.summary.serial ?? '', x.summary.capacityBytes === null ? '' : String(x.summary.capacityBytes), x.summary.powerOnHours === null ? '' : String(x.summary.powerOnHours), x.verdict, x.reasons[0]]);
  });
});

t.test('hostile inputs: each named on stderr with a reason, the others still reported', { skip: corpusSkip }, async (t) => {
  const d = tmp(t);
  const good = corpusFile('ata/wdc-wd20efrx-red-2tb-512e-healthy.json');
  const text = fs.readFileSync(good, 'utf8');
  fs.writeFileSync(path.join(d, 'truncated.json'), text.slice(0, 700));
  fs.writeFileSync(path.join(d, 'other.json'), JSON.stringify({ name: 'package', version: '1.0.0' }));
  const wrong = JSON.parse(text);
  wrong.power_on_time.hours = 'many';
  fs.writeFileSync(path.join(d, 'wrongtype.json'), JSON.stringify(wrong));
  const big = path.join(d, 'big.json');
  const fd = fs.openSync(big, 'w');
  const chunk = Buffer.alloc(1 << 20, 0x20);
  for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.mkdirSync(path.join(d, 'dir.json'));
  execFileSync('mkfifo', [path.join(d, 'fifo.json')]);
  fs.symlinkSync(path.join(d, 'gone'), path.join(d, 'dangling.json'));
  fs.writeFileSync(path.join(d, 'text.json'), 'smartctl 7.3 2022-02-28 r5338 [x86_64-linux] (local build)\n=== START OF INFORMATION SECTION ===\n');
  fs.writeFileSync(path.join(d, 'array.json'), '[1,2,3]');
  fs.mkdirSync(path.join(d, 'empty'));
  const paths = ['truncated', 'other', 'wrongtype', 'big', 'dir', 'fifo', 'dangling', 'text', 'array'].map((n) => path.join(d, `${n}.json`));
  const r = await smart('--from-json', good, ...paths, path.join(d, 'empty'));
  t.equal(r.code, 1, 'exit 1: some input is not smartctl JSON');
  const err = r.err.trimEnd().split('\n');
  t.equal(err.length, 10, 'one line per bad input');
  const line = (n: string) => err.find((l) => l.includes(`/${n}`)) ?? '';
  t.match(line('truncated.json'), /truncated JSON/);
  t.match(line('other.json'), /not smartctl JSON: no `smartctl` and `json_format_version` keys/);
  t.match(line('wrongtype.json'), /not valid smartctl JSON: power_on_time.hours is string, expected number/);
  t.match(line('big.json'), /too large for a smartctl capture: 50.0 MiB > 16 MiB/);
  t.match(line('dir.json'), /cannot read: is a directory/);
  t.match(line('fifo.json'), /not a regular file/);
  t.match(line('dangling.json'), /dangling symbolic link/);
  t.match(line('text.json'), /smartctl text output, not JSON: capture with `smartctl --json -x DEVICE`/);
  t.match(line('array.json'), /top level is an array/);
  t.match(line('empty'), /folder holds no \*\.json files/);
  for (const l of err) t.notMatch(l, /\n\s+at /, 'no stack trace');
  t.match(r.out, /^1 capture\(s\): reuse 1, reuse-with-caution 0, destroy 0, unavailable 0; 10 input\(s\) not smartctl JSON$/m, 'the good file is still reported');
});

t.test('usage errors exit 2 with one line', async (t) => {
  for (const argv of [[], ['--from-json'], ['--from-json', 'x', '--json', '--csv'], ['--bogus'], ['--csv', '/dev/sda'], ['/dev/a', '/dev/b']]) {
    const r = await smart(...argv);
    t.equal(r.code, 2, argv.join(' '));
    t.match(r.err, /^erasebox smart: .+\n$/);
  }
});

t.test('smart DEVICE on something that is not a block device is refused', async (t) => {
  const r = await smart('/etc/hostname');
  t.equal(r.code, 2);
  t.equal(r.err, 'erasebox smart: /etc/hostname: not a block device\n');
});
