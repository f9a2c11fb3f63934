// The single binary in a bare root (only the executable and the libraries ldd names; no node,
// no terminfo, no fonts on disk) does the real work: erases a loop device this test attaches,
// writes a signed certificate with its PDF (pdfkit's fonts and data come from inside the binary),
// and draws the TUI in tmux on TERM=linux from its embedded terminfo.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { attachLoop, backingBytes, canUseLoop } from '../helpers/loop';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'dist/sea/erasebox');
const skip = !fs.existsSync(BIN) ? 'dist/sea/erasebox missing (npm run build)' : !canUseLoop() ? 'needs root and losetup' : false;

function bareRoot(t: { teardown(fn: () => void): void }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-bare-'));
  t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
  const mk = spawnSync('bash', [path.join(ROOT, 'scripts/mkroot.sh'), BIN, root], { encoding: 'utf8' });
  if (mk.status !== 0) throw new Error(`mkroot failed: ${mk.stderr}`);
  return root;
}

const inRoot = (root: string, ...args: string[]) =>
  spawnSync('bash', [path.join(ROOT, 'scripts/run-in-root.sh'), root, '/bin/erasebox', ...args], { encoding: 'utf8', timeout: 120_000 });

t.test('bare root: a real wipe with certificate JSON + PDF, then verify-cert of both', { skip }, async (t) => {
  const root = bareRoot(t);
  const loop = attachLoop(t, 8 << 20, { fill: 0xc3 });
  const w = inRoot(root, 'wipe', '--method', 'zero', '--verify', 'all', '--yes', '--cert-dir', '/certs', '--lang', 'de', loop.dev);
  t.equal(w.status, 0, `wipe in the bare root: ${w.stderr}`);
  t.ok(backingBytes(loop).equals(Buffer.alloc(8 << 20)), 'every byte of the loop device is zero');
  const certDir = path.join(root, 'certs');
  const pdfs = fs.readdirSync(certDir).filter((f) => /^[0-9a-f-]{36}\.pdf$/.test(f));
  t.equal(pdfs.length, 1, 'one certificate PDF');
  const text = spawnSync('pdftotext', [path.join(certDir, pdfs[0]), '-'], { encoding: 'utf8' }).stdout;
  t.match(text, /Löschzertifikat|Bereinigung|Seite 1 von/, 'the German PDF rendered with the embedded fonts');
  const v = inRoot(root, 'verify-cert', `/certs/${pdfs[0]}`, `/certs/${pdfs[0].replace(/\.pdf$/, '.json')}`);
  t.equal(v.status, 0, `verify-cert in the bare root: ${v.stdout}${v.stderr}`);
  t.same(fs.readdirSync(path.join(root, 'tmp')), [], 'the unpacked assets were removed on exit');
});

t.test('bare root: the TUI draws on TERM=linux from embedded terminfo and quits on q', { skip: skip || (spawnSync('tmux', ['-V']).status !== 0 ? 'tmux missing' : false) }, async (t) => {
  const root = bareRoot(t);
  const sock = path.join(os.tmpdir(), `erasebox-bare-tmux-${process.pid}`);
  const tmux = (...a: string[]) => spawnSync('tmux', ['-S', sock, ...a], { encoding: 'utf8' });
  t.teardown(() => {
    tmux('kill-server');
    fs.rmSync(sock, { force: true });
  });
  // env -i inside run-in-root: only TERM is passed on, as the image's getty would.
  const cmd = `bash ${path.join(ROOT, 'scripts/run-in-root.sh')} ${root} /usr/bin/env TERM=linux /bin/erasebox; echo EXIT=$?; sleep 30`;
  fs.mkdirSync(path.join(root, 'usr/bin'), { recursive: true });
  fs.copyFileSync('/usr/bin/env', path.join(root, 'usr/bin/env'));
  t.equal(tmux('new-session', '-d', '-x', '80', '-y', '25', cmd).status, 0);
  const screen = async (re: RegExp): Promise<string> => {
    let last = '';
    for (let i = 0; i < 200; i++) {
      last = tmux('capture-pane', '-p').stdout;
      if (re.test(last)) return last;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`screen never matched ${re}:\n${last}`);
  };
  const s = await screen(/erasebox .*Disks/);
  t.match(s, /Sel\s+Device/, 'the disk table header is drawn');
  t.match(s.split('\n').filter((l) => l.trim()).pop() ?? '', /q\s*quit|quit/i, 'a help line at the bottom');
  tmux('send-keys', 'q');
  await screen(/EXIT=0/);
  t.pass('quit with exit 0');
});
