import t from 'tap';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { VERSION } from '../../src/version';

function fakeIo(isTTY = false): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
    env: {},
    signal: new AbortController().signal,
    isTTY,
  };
  return io;
}

t.test('--version prints the package version', async (t) => {
  const io = fakeIo();
  t.equal(await main(['--version'], io), 0);
  t.equal(io.out, `erasebox ${VERSION}\n`);
  t.match(VERSION, /^\d+\.\d+\.\d+/);
});

t.test('--help lists every command', async (t) => {
  const io = fakeIo();
  t.equal(await main(['--help'], io), 0);
  for (const c of ['wipe', 'methods', 'verify-cert', 'reverify', 'list', 'smart']) t.match(io.out, new RegExp(`^  ${c} `, 'm'));
});

t.test('an unknown command is a usage error with one line', async (t) => {
  const io = fakeIo();
  t.equal(await main(['frobnicate'], io), 2);
  t.equal(io.err, "erasebox: unknown command 'frobnicate' (erasebox --help lists them)\n");
  t.equal(io.out, '');
});

t.test('no command without a terminal prints usage and exits 2', async (t) => {
  const io = fakeIo(false);
  t.equal(await main([], io), 2);
  t.match(io.err, /usage: erasebox/);
});
