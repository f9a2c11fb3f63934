// erasebox list [--json] [--all] [--no-smart] [--caps]
// Exit: 0 listed (even when empty), 1 discovery failed, 2 usage. JSON: docs/discovery.md.
import { EXIT, type Command } from './io';
import { listDisks } from '../hw/discover';
import { formatTable } from '../hw/table';
import { decimalBytes } from '../units';

const USAGE = `usage: erasebox list [--json] [--all] [--no-smart] [--caps]
  --json       one JSON array of disks (fields in docs/discovery.md)
  --all        include loop, ram, zram, optical and other virtual devices
  --no-smart   do not run smartctl (fast)
  --caps       probe firmware purge capabilities (hdparm, sg_opcodes, nvme id-ctrl)
`;

const run: Command = async (argv, io) => {
  const opts = { json: false, all: false, smart: true, caps: false };
  for (const a of argv) {
    if (a === '--help' || a === '-h') {
      io.stdout(USAGE);
      return EXIT.ok;
    } else if (a === '--json') opts.json = true;
    else if (a === '--all') opts.all = true;
    else if (a === '--no-smart') opts.smart = false;
    else if (a === '--caps') opts.caps = true;
    else {
      io.stderr(`erasebox list: unknown argument '${a}' (erasebox list --help)\n`);
      return EXIT.usage;
    }
  }
  let disks;
  try {
    disks = await listDisks({ all: opts.all, smart: opts.smart, caps: opts.caps, signal: io.signal });
  } catch (e) {
    io.stderr(`erasebox list: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
  if (opts.json) {
    io.stdout(JSON.stringify(disks, null, 2) + '\n');
    return EXIT.ok;
  }
  const rows = disks.map((d) => [
    d.path,
    d.chainLabel ?? d.transport,
    d.model.value ?? '-',
    d.serial.value ?? '-',
    decimalBytes(d.sizeBytes),
    d.smart ? d.smart.verdict : '-',
    d.protections.length ? `PROTECTED: ${d.protections.map((p) => p.reason).join('; ')}` : 'may be erased',
  ]);
  io.stdout(formatTable(['PATH', 'TRANSPORT CHAIN', 'MODEL', 'SERIAL', 'SIZE', 'SMART', 'PROTECTION'], rows));
  io.stdout(`${disks.length} disk(s), ${disks.filter((d) => !d.protections.length).length} may be erased\n`);
  return EXIT.ok;
};
export default run;
