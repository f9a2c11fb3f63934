// `erasebox [tui] [--all]`: the terminal UI. This file is the TUI's composition root: it builds
// the Backend from discovery, the engine and the certificate module; the TUI itself
// (src/tui/) only renders state and sends commands through that Backend.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { EXIT, type CliIo, type Command } from './io';
import { EMPTY_JOB, type Backend } from '../tui/backend';
import { formatJob, jobFilePath, parseJob } from '../tui/job-config';

const HELP = `usage: erasebox [tui] [--all]

The terminal user interface: pick disks, a method and job details, confirm, watch the erase,
read the results and certificates. Keyboard only; needs a terminal of at least 80x24.

  --all    also show loop, ram and zram devices (for disk images and tests)
  --help   this text

Environment:
  ERASEBOX_TUI_JOB_FILE            where operator/customer/asset tag are remembered
  ERASEBOX_TUI_SIMULATED_BACKEND=1 made-up disks and progress; nothing is written (demo/tests)
`;

function jobStore(io: CliIo): Pick<Backend, 'loadJob' | 'saveJob'> {
  const file = jobFilePath(io.env);
  return {
    loadJob: async () => (file ? parseJob(await fsp.readFile(file, 'utf8')) : { ...EMPTY_JOB }),
    saveJob: async (job) => {
      if (!file) return;
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, formatJob(job));
      await fsp.rename(tmp, file);
    },
  };
}

function realBackend(io: CliIo, all: boolean): Backend {
  // Loaded here, not at the top: the simulated backend must not load device code at all.
  const { listDisks, watchDisks } = require('../hw/discover') as typeof import('../hw/discover');
  const unavailable = (what: string) => async (): Promise<never> => {
    throw new Error(`${what} is not available in this build`);
  };
  return {
    label: all ? 'all devices (--all)' : null,
    listDisks: () => listDisks({ all }),
    watch: (on) => watchDisks(on, { all }),
    methods: unavailable('the method table'),
    ...jobStore(io),
    start: () => {
      throw new Error('erasing is not available in this build');
    },
    certificateSummary: unavailable('reading certificates'),
  };
}

const run: Command = async (argv, io) => {
  let all = false;
  for (const a of argv) {
    if (a === '--all') all = true;
    else if (a === '--help' || a === '-h') {
      io.stdout(HELP);
      return EXIT.ok;
    } else {
      io.stderr(`erasebox: tui: unknown option '${a}' (erasebox tui --help lists them)\n`);
      return EXIT.usage;
    }
  }
  if (!io.isTTY) {
    io.stderr('erasebox: tui: needs a terminal (stdin and stdout); use `erasebox wipe` in scripts\n');
    return EXIT.usage;
  }
  const simulated = io.env.ERASEBOX_TUI_SIMULATED_BACKEND === '1';
  const backend = simulated ? require('../tui/simulated-backend').simulatedBackend() : realBackend(io, all);
  const { runTui } = require('../tui/app') as typeof import('../tui/app');
  return runTui({ backend, signal: io.signal });
};
export default run;
