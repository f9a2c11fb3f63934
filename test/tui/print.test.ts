// The print action of the Results screen, on the built CLI in tmux with the real backend: a loop
// device this test attaches is erased, then `p` prints its certificate PDF and `P` every PDF of
// the run plus the system report. No USB printer here: a plain file stands in for it (the
// "simulated printer", allowed by ERASEBOX_PRINTER_ALLOW_FILE=1). The failing printers are real:
// /dev/full (a character device that refuses data) and a device path that does not exist.
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { attachLoop, canUseLoop } from '../helpers/loop';
import { ensureBuilt, Term } from './tmux';

if (!canUseLoop()) {
  t.plan(0, 'needs root and loop devices');
  process.exit(0);
}
ensureBuilt();

const MiB = 1 << 20;

t.test('simulated printer: p prints the disk certificate PDF, P all PDFs and the system report; failing printers lose nothing', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-tui-print-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const certDir = path.join(dir, 'certs');
  fs.mkdirSync(certDir);
  const printer = path.join(dir, 'simulated-printer');
  fs.writeFileSync(printer, '');
  const conf = path.join(certDir, 'erasebox.conf');
  const setPrinter = (device: string): void => fs.writeFileSync(conf, `[defaults]\nmethod = zero\n\n[printer]\ndevice = ${device}\nformat = pdf\n`);
  setPrinter(printer);
  const loop = attachLoop(t, 8 * MiB, { fill: 0x5a });
  const env = { TERM: 'linux', LANG: 'C.UTF-8', ERASEBOX_CERT_DIR: certDir, ERASEBOX_TUI_JOB_FILE: path.join(dir, 'job.json'), HOME: dir, ERASEBOX_PRINTER_ALLOW_FILE: '1' };
  const term = new Term(t, { cols: 80, rows: 24, env, args: ['--all'] });

  await term.waitFor(new RegExp(`${path.basename(loop.dev)} `));
  await term.seekDisk(loop.dev);
  await term.keys('Space', 'Enter');
  let s = await term.waitFor(/Erase method for 1 disk/);
  t.match(s, /\(\*\) Zero fill/, 'method default from erasebox.conf');
  await term.keys('Enter');
  await term.waitFor(/Job details/);
  await term.keys('Enter');
  await term.waitFor(/ALL DATA on these 1 disk/);
  await term.type('1');
  await term.keys('Enter');
  s = await term.waitFor(/\| Results \|/, 180_000);
  t.match(s, /1 erased, 0 failed/);
  s = await term.waitFor(/\.pdf *$/m, 60_000); // the detail pane shows the PDF path
  t.match(s, /p print +P print all/, 'the help line names the print keys');

  const pdfs = (): string[] => fs.readdirSync(certDir).filter((f) => f.endsWith('.pdf'));
  const certPdf = path.join(certDir, pdfs().find((f) => !f.startsWith('run-'))!);
  await term.keys('p');
  s = await term.waitFor(/Printed 1 PDF\(s\) on \S*simulated-printer|Not printed/);
  t.match(s, /Printed 1 PDF\(s\) on \S*simulated-printer/);
  const one = fs.readFileSync(printer);
  t.ok(one.equals(fs.readFileSync(certPdf)), 'the printer got exactly the certificate PDF');
  t.equal(one.subarray(0, 5).toString(), '%PDF-');

  // P: every certificate PDF of the run, then the system report (written after run-end).
  await term.waitFor(/\S/); // the screen is up
  const report = await (async () => {
    for (let i = 0; i < 200; i++) {
      const r = pdfs().find((f) => f.startsWith('run-'));
      if (r) return path.join(certDir, r);
      await new Promise((res) => setTimeout(res, 150));
    }
    throw new Error('no system report was written');
  })();
  fs.writeFileSync(printer, '');
  await term.keys('P');
  s = await term.waitFor(/Printed 2 PDF\(s\)|Not printed/);
  t.match(s, /Printed 2 PDF\(s\) on \S*simulated-printer/);
  t.ok(fs.readFileSync(printer).equals(Buffer.concat([fs.readFileSync(certPdf), fs.readFileSync(report)])), 'certificate, then system report, whole and in order');

  // A printer that refuses data (a real character device), then one that is not there.
  setPrinter('/dev/full');
  await term.keys('p');
  s = await term.waitFor(/Not printed: /);
  t.match(s, /Not printed: printing to \/dev\/full failed: ENOSPC; the PDFs stay in the store/);
  setPrinter(path.join(dir, 'no-such-printer'));
  await term.keys('p');
  s = await term.waitFor(/not found/);
  t.match(s, /Not printed: printer \S*no-such-printer not found/);
  t.notOk(fs.existsSync(path.join(dir, 'no-such-printer')), 'a missing printer is never created as a file');
  t.ok(fs.statSync(certPdf).size > 1000, 'the certificate PDF is still in the store');
  await term.keys('l');
  s = await term.waitFor(/\| Log \|/);
  t.match(s, /printed on \S*simulated-printer: \S+/, 'the prints are in the log');
  t.match(s, /NOT printed on \/dev\/full: printing to \/dev\/full failed: ENOSPC/);
  t.match(s, /NOT printed on \S*no-such-printer/);
  await term.keys('Escape');
  await term.keys('q');
  t.match(await term.waitFor(/EXIT=\d+/), /EXIT=0/);
});
