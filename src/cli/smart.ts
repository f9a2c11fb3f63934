// erasebox smart DEVICE [--json]
// erasebox smart --from-json PATH... [--json | --csv]
// Exit: 0 every input read (any verdict, `unavailable` included; live: SMART was read);
//       1 some input is not smartctl JSON (live: SMART unavailable); 2 usage.
import { EXIT, type CliIo, type Command } from './io';
import { describeDisk } from '../hw/discover';
import { expandPaths, readCapture } from '../hw/smart';
import { CSV_HEADER, TABLE_HEADER, countLine, csvRow, jsonRecord, tableRow } from '../hw/smart/report';
import { formatTable, toCsv } from '../hw/table';
import { decimalBytes } from '../units';
import type { SmartVerdict } from '../hw/types';

const USAGE = `usage: erasebox smart DEVICE [--json]
       erasebox smart --from-json PATH... [--json | --csv]
  DEVICE        a disk, e.g. /dev/sda: runs smartctl --json -x and prints the verdict
  --from-json   judge captured \`smartctl --json -x\` output; PATH is a file or a folder
                (searched recursively for *.json)
  --json        machine-readable output (an array with --from-json)
  --csv         one CSV row per capture (with --from-json)
exit status: 0 all inputs read, 1 some input unreadable or SMART unavailable, 2 usage
`;

interface Args {
  fromJson: boolean;
  json: boolean;
  csv: boolean;
  paths: string[];
}

function parse(argv: string[]): Args | string {
  const a: Args = { fromJson: false, json: false, csv: false, paths: [] };
  let endOfOptions = false;
  for (const arg of argv) {
    if (!endOfOptions && arg === '--') endOfOptions = true;
    else if (!endOfOptions && arg === '--from-json') a.fromJson = true;
    else if (!endOfOptions && arg === '--json') a.json = true;
    else if (!endOfOptions && arg === '--csv') a.csv = true;
    else if (!endOfOptions && arg.startsWith('-')) return `unknown option '${arg}'`;
    else a.paths.push(arg);
  }
  if (a.json && a.csv) return '--json and --csv exclude each other';
  if (a.fromJson && !a.paths.length) return '--from-json needs at least one file or folder';
  if (!a.fromJson && a.csv) return '--csv needs --from-json';
  if (!a.fromJson && a.paths.length !== 1) return a.paths.length ? 'give one DEVICE (or --from-json PATH...)' : 'give a DEVICE or --from-json PATH...';
  return a;
}

const run: Command = async (argv, io) => {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const args = parse(argv);
  if (typeof args === 'string') {
    io.stderr(`erasebox smart: ${args} (erasebox smart --help)\n`);
    return EXIT.usage;
  }
  return args.fromJson ? fromFiles(args, io) : live(args.paths[0], args.json, io);
};
export default run;

async function fromFiles(args: Args, io: CliIo): Promise<number> {
  const { files, errors } = expandPaths(args.paths);
  const read: { file: string; a: import('../hw/smart').SmartAssessment }[] = [];
  for (const file of files) {
    const r = readCapture(file);
    if (r.ok) read.push({ file, a: r.parsed.assessment });
    else errors.push({ file, reason: r.reason });
  }
  for (const e of errors) io.stderr(`erasebox smart: ${e.file}: ${e.reason}\n`);
  if (args.json) io.stdout(JSON.stringify(read.map((r) => jsonRecord(r.file, r.a)), null, 2) + '\n');
  else if (args.csv) io.stdout(toCsv(CSV_HEADER, read.map((r) => csvRow(r.file, r.a))));
  else {
    if (read.length) io.stdout(formatTable(TABLE_HEADER, read.map((r) => tableRow(r.file, r.a))));
    io.stdout(countLine(read.map((r) => r.a.verdict as SmartVerdict), errors.length) + '\n');
  }
  return errors.length ? EXIT.failed : EXIT.ok;
}

async function live(dev: string, json: boolean, io: CliIo): Promise<number> {
  let disk;
  try {
    disk = await describeDisk(dev, { smart: true, signal: io.signal });
  } catch (e) {
    io.stderr(`erasebox smart: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.usage;
  }
  const smart = disk.smart;
  if (!smart) {
    io.stderr(`erasebox smart: ${dev}: SMART was not read\n`);
    return EXIT.failed;
  }
  if (json) {
    io.stdout(JSON.stringify({ path: disk.path, transport: disk.transport, verdict: smart.verdict, reasons: smart.reasons, deviceType: smart.deviceType ?? null, summary: smart.summary ?? null }, null, 2) + '\n');
  } else {
    const s = smart.summary;
    const lines = [
      `${disk.path}  ${s?.protocol ?? '-'}${smart.deviceType ? ` via -d ${smart.deviceType}` : ''}  ${disk.model.value ?? '-'}  serial ${disk.serial.value ?? '-'}  ${decimalBytes(disk.sizeBytes)}`,
      `verdict: ${smart.verdict}`,
      ...smart.reasons.map((r) => `  - ${r}`),
      `power-on hours: ${smart.powerOnHours ?? '-'}   temperature: ${smart.temperatureC === null ? '-' : `${smart.temperatureC} C`}`,
    ];
    if (s?.missing.length && smart.verdict !== 'unavailable') lines.push(`not in smartctl's answer: ${s.missing.join(', ')}`);
    io.stdout(lines.join('\n') + '\n');
  }
  if (smart.verdict === 'unavailable') {
    io.stderr(`erasebox smart: ${dev}: ${smart.reasons[0]}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
