// The single binary (npm run build -> dist/erasebox, a copy of dist/sea/erasebox) runs in a bare
// root that holds only the executable and the libraries ldd names: no node, no node_modules, no
// shell, empty environment. It unpacks its assets into a private temp dir and removes it on exit.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VERSION } from '../../src/version';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/sea/erasebox');

const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(...(args as [string, string[]]), { encoding: 'utf8', cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

t.test('dist/sea/erasebox is one ELF executable, and dist/erasebox is that binary or the dev launcher', async (t) => {
  t.ok(fs.existsSync(BIN), 'dist/sea/erasebox exists (npm run build)');
  t.equal(fs.readFileSync(BIN).subarray(0, 4).toString('latin1'), '\x7fELF');
  const dist = fs.readFileSync(path.join(ROOT, 'dist/erasebox'));
  if (dist.subarray(0, 4).toString('latin1') === '\x7fELF') t.equal(dist.length, fs.statSync(BIN).size, 'dist/erasebox is the same binary');
  else t.match(dist.toString('utf8'), /dist\/js\/src\/cli\/main\.js/, 'dist/erasebox is the development launcher (npm run build:dev)');
});

t.test('runs in a bare root without node: --version and methods', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-root-'));
  t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
  const mk = run('bash', [path.join(ROOT, 'scripts/mkroot.sh'), BIN, root]);
  t.equal(mk.status, 0, `mkroot: ${mk.stderr}`);
  const files = spawnSync('find', [root, '-type', 'f'], { encoding: 'utf8' }).stdout.trim().split('\n');
  t.notOk(files.some((f) => /\/node$|node_modules/.test(f)), 'no node and no node_modules in the root');
  t.ok(files.some((f) => f.endsWith('/libstdc++.so.6')), 'the root carries the libraries ldd names');

  const v = run('bash', [path.join(ROOT, 'scripts/run-in-root.sh'), root, '/bin/erasebox', '--version']);
  t.equal(v.status, 0, v.stderr);
  t.equal(v.stdout, `erasebox ${VERSION}\n`);

  const m = run('bash', [path.join(ROOT, 'scripts/run-in-root.sh'), root, '/bin/erasebox', 'methods']);
  t.equal(m.status, 0, m.stderr);
  t.match(m.stdout, /^zero\s/m, 'methods lists zero');
  t.match(m.stdout, /^nist-clear\s/m, 'methods lists nist-clear');

  t.same(fs.readdirSync(path.join(root, 'tmp')), [], 'the unpacked assets were removed on exit');
});

t.test('the assets travel inside: addon, terminfo, pdfkit data (SEA manifest)', async (t) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/sea/manifest.json'), 'utf8')) as string[];
  for (const name of ['erasebox.node', 'terminfo/l/linux', 'terminfo/x/xterm', 'terminfo/x/xterm-256color', 'pdfkit/data/sRGB_IEC61966_2_1.icc']) {
    t.ok(manifest.includes(name), `${name} is embedded`);
  }
  // The blob embeds the addon byte for byte: its bytes occur in the executable.
  const addon = fs.readFileSync(path.join(ROOT, 'native/build/Release/erasebox.node'));
  t.ok(fs.readFileSync(BIN).includes(addon), 'the built addon is inside the executable');
});
