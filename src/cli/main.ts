// Composition root of the command line: parses the first word and hands the rest to one command
// module. Each command lives in its own file and is loaded only when used.
import { EXIT, type CliIo, type Command } from './io';
import { VERSION } from '../version';

const COMMANDS: Record<string, { summary: string; load: () => Command }> = {
  wipe: { summary: 'erase disks with an overwrite method, verify, write certificates', load: () => require('./wipe').default },
  methods: { summary: 'list the erase methods', load: () => require('./methods').default },
  'verify-cert': { summary: 'check certificates (JSON or PDF) and their signatures', load: () => require('./verify-cert').default },
  report: { summary: 're-render certificate PDFs, print them, check erasebox.conf', load: () => require('./report').default },
  reverify: { summary: 're-read a disk and check it against its certificate', load: () => require('./reverify').default },
  list: { summary: 'list disks, transports, SMART verdicts and protections', load: () => require('./list').default },
  smart: { summary: 'SMART summary and health verdict of a disk or of captured JSON', load: () => require('./smart').default },
  tui: { summary: 'the terminal user interface (default on a terminal)', load: () => require('./tui').default },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [`erasebox ${VERSION}`, 'usage: erasebox [COMMAND] [OPTIONS]', '', ...lines, '', 'erasebox COMMAND --help shows the options of one command.', ''].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') {
    io.stdout(`erasebox ${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(usage());
    return EXIT.ok;
  }
  // No command, or only options such as --all: the TUI on a terminal, the help text otherwise.
  if (first === undefined || first.startsWith('-')) {
    if (!io.isTTY && first === undefined) {
      io.stderr(usage());
      return EXIT.usage;
    }
    return COMMANDS.tui.load()(argv, io);
  }
  const cmd = COMMANDS[first];
  if (!cmd) {
    io.stderr(`erasebox: unknown command '${first}' (erasebox --help lists them)\n`);
    return EXIT.usage;
  }
  return cmd.load()(rest, io);
}

if (require.main === module) {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: string): void => {
    signals++;
    if (signals > 2) process.exit(130);
    process.stderr.write(`erasebox: ${name} received, stopping cleanly (certificates say "aborted")\n`);
    controller.abort(new Error(name));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  // A reader that goes away (`erasebox wipe --json ... | head`) must not crash a running wipe:
  // output is dropped, the disks and their certificates go on.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    signal: controller.signal,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`erasebox: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
