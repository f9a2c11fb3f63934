// erasebox report: work with the certificate store outside a wipe run.
//   report pdf [--lang en|de] CERT.json...        re-render <id>.pdf beside a certificate (never overwrites)
//   report print --device /dev/usb/lpN [--ps] FILE...   send PDFs to a USB printer
//   report check-config STORE_DIR|FILE            validate erasebox.conf, line-precise errors
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { EXIT, type Command } from './io';
import { parseConfig, CONFIG_FILE, LANGS, type Lang } from '../cert/config';
import { verifyFile } from '../cert/verify';
import { loadOrCreateKey } from '../cert/keys';
import { resolveConfig } from '../cert/issue';
import { writeCertificatePdf } from '../cert/pdf/file';
import { printFile } from '../cert/print';
import type { Certificate } from '../cert/model';

const HELP = `usage: erasebox report pdf [--lang en|de] [--key-dir DIR] CERT.json...
       erasebox report print --device /dev/usb/lpN [--ps] FILE.pdf...
       erasebox report check-config STORE_DIR|FILE
Exit codes: 0 ok, 1 a file failed, 2 usage error or invalid input.
`;

const run: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  const err = (m: string, code: number = EXIT.usage): number => (io.stderr(`erasebox report: ${m}\n`), code);
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout(HELP);
    return sub ? EXIT.ok : EXIT.usage;
  }
  const opts = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--ps') opts.set('ps', '1');
    else if (a === '--lang' || a === '--device' || a === '--key-dir') {
      if (rest[i + 1] === undefined) return err(`${a} needs a value`);
      opts.set(a.slice(2), rest[++i]);
    } else if (a.startsWith('--')) return err(`unknown option ${a}`);
    else files.push(a);
  }
  if (sub === 'check-config') {
    if (files.length !== 1) return err('check-config wants one STORE_DIR or FILE');
    const st = await fsp.stat(files[0]).catch(() => null);
    const file = st?.isDirectory() ? path.join(files[0], CONFIG_FILE) : files[0];
    const text = await fsp.readFile(file, 'utf8').catch(() => null);
    if (text === null) return err(`cannot read ${file}`);
    const { errors } = parseConfig(text);
    for (const e of errors) io.stderr(`${file}:${e.line}: ${e.message}\n`);
    if (!errors.length) io.stdout(`${file}: ok\n`);
    return errors.length ? EXIT.usage : EXIT.ok;
  }
  if (!files.length) return err('no files given');
  if (sub === 'print') {
    const device = opts.get('device');
    if (!device) return err('print needs --device /dev/usb/lpN');
    let code: number = EXIT.ok;
    for (const f of files) {
      try {
        const n = await printFile(f, device, { format: opts.has('ps') ? 'ps' : 'pdf' });
        io.stdout(`${f}: ${n} bytes sent to ${device}\n`);
      } catch (e) {
        io.stderr(`erasebox report: ${f}: ${(e as Error).message}\n`);
        code = EXIT.failed;
      }
    }
    return code;
  }
  if (sub === 'pdf') {
    const lang = opts.get('lang');
    if (lang !== undefined && !(LANGS as readonly string[]).includes(lang)) return err(`--lang must be one of ${LANGS.join(', ')}`);
    let code: number = EXIT.ok;
    for (const f of files) {
      const v = await verifyFile(f, { fingerprints: [] });
      if (v.status !== 'valid' || v.kind !== 'json') {
        code = v.status === 'unreadable' ? EXIT.usage : EXIT.failed;
        io.stderr(`erasebox report: ${f}: not re-rendered: ${v.message}\n`);
        continue;
      }
      const dir = path.dirname(f);
      const warnings: string[] = [];
      const config = await resolveConfig(dir, undefined, warnings);
      const key = await loadOrCreateKey(opts.get('key-dir') ?? path.join(dir, 'keys'));
      const cert = JSON.parse(await fsp.readFile(f, 'utf8')) as Certificate;
      if (key.fingerprint !== cert.signature.fingerprint) {
        code = EXIT.failed;
        io.stderr(`erasebox report: ${f}: signed by another key than ${key.fingerprint.slice(0, 16)}; the PDF seal needs the certificate's key\n`);
        continue;
      }
      // The language only changes the PDF; the embedded JSON (and its signature) stay as issued.
      try {
        io.stdout(`${await writeCertificatePdf(cert, key, dir, config, lang as Lang | undefined)}\n`);
      } catch (e) {
        code = EXIT.failed;
        io.stderr(`erasebox report: ${f}: ${(e as Error).message}\n`);
      }
    }
    return code;
  }
  return err(`unknown subcommand '${sub}' (pdf, print, check-config)`);
};
export default run;
