// `erasebox wipe --all-eligible` argument rules, run in-process. Every case here ends before
// discovery (usage errors and the missing --yes), so no disk of this machine is ever looked at;
// the selection itself is tested with fixtures in eligible.test.ts and end to end in the qemu e2e.
import t from 'tap';
import wipe from '../../src/cli/wipe';
import type { CliIo } from '../../src/cli/io';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: {}, signal: new AbortController().signal, isTTY: false };
  const code = await wipe(argv, io);
  return { code, out, err };
}

const cases: Array<[string, string[], RegExp]> = [
  ['--all-eligible with a DEVICE', ['--all-eligible', '--method', 'zero', '--yes', '/dev/sdz'], /^erasebox wipe: --all-eligible takes no DEVICE \(got \/dev\/sdz\); give one or the other\n$/],
  ['--settle without --all-eligible', ['--settle', '5', '--method', 'zero', '--yes', '/dev/sdz'], /^erasebox wipe: --settle needs --all-eligible\n$/],
  ['a negative --settle', ['--all-eligible', '--settle=-1', '--method', 'zero', '--yes'], /^erasebox wipe: bad --settle '-1' \(seconds, 0 to 600\)\n$/],
  ['a --settle above 600', ['--all-eligible', '--settle', '601', '--method', 'zero', '--yes'], /^erasebox wipe: bad --settle '601'/],
  ['a --settle that is not a number', ['--all-eligible', '--settle', '3s', '--method', 'zero', '--yes'], /^erasebox wipe: bad --settle '3s'/],
  ['--all-eligible without --yes', ['--all-eligible', '--method', 'zero'], /^erasebox wipe: refusing to erase without --yes \(would erase: every eligible disk\)\n$/],
  ['neither DEVICE nor --all-eligible', ['--method', 'zero', '--yes'], /^erasebox wipe: no DEVICE given \(or --all-eligible\)\n$/],
];

for (const [name, argv, line] of cases) {
  t.test(`${name}: exit 2, one line`, async (t) => {
    const r = await run(argv);
    t.equal(r.code, 2);
    t.match(r.err, line);
    t.equal(r.err.trimEnd().split('\n').length, 1, 'one line');
    t.equal(r.out, '');
  });
}

t.test('--help shows the --all-eligible form', async (t) => {
  const r = await run(['--help']);
  t.equal(r.code, 0);
  t.match(r.out, /erasebox wipe --all-eligible \[--settle SECONDS\]/);
});
