// erasebox verify-cert [--pubkey FILE]... [--fingerprint HEX]... [--json] FILE...
// One line per file. Exit 0: all valid; 1: any invalid or tampered; 2: any unreadable, or usage.
import { promises as fsp } from 'node:fs';
import { EXIT, type Command } from './io';
import { verifyFile, type Pin, type VerifyResult } from '../cert/verify';
import { fingerprintOf, parsePublicKey } from '../cert/keys';

const HELP = `usage: erasebox verify-cert [--pubkey FILE] [--fingerprint HEX] [--json] FILE...
Checks certificates (JSON or PDF) and run manifests: schema, Ed25519 signature over the canonical
JSON, and for a PDF the signature over all of its bytes and the embedded JSON.
  --pubkey FILE       accept only this signer (PEM, raw 32 bytes or base64); repeatable
  --fingerprint HEX   accept only the signer with this SHA-256 key fingerprint; repeatable
  --json              one JSON object per file instead of text
Exit codes: 0 all valid, 1 any invalid or tampered, 2 any unreadable (missing, not JSON, not a
certificate) or bad usage.
`;

const run: Command = async (argv, io) => {
  const pin: Pin = { fingerprints: [] };
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      io.stdout(HELP);
      return EXIT.ok;
    } else if (a === '--json') json = true;
    else if (a === '--pubkey' || a === '--fingerprint') {
      const v = argv[++i];
      if (v === undefined) {
        io.stderr(`erasebox verify-cert: ${a} needs a value\n`);
        return EXIT.usage;
      }
      if (a === '--fingerprint') {
        if (!/^[0-9a-fA-F]{64}$/.test(v)) {
          io.stderr(`erasebox verify-cert: --fingerprint wants 64 hex digits, got '${v}'\n`);
          return EXIT.usage;
        }
        pin.fingerprints.push(v.toLowerCase());
      } else {
        try {
          pin.fingerprints.push(fingerprintOf(parsePublicKey(await fsp.readFile(v))));
        } catch (err) {
          io.stderr(`erasebox verify-cert: --pubkey ${v}: ${(err as Error).message}\n`);
          return EXIT.usage;
        }
      }
    } else if (a === '--') files.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a !== '-') {
      io.stderr(`erasebox verify-cert: unknown option ${a} (see --help)\n`);
      return EXIT.usage;
    } else files.push(a);
  }
  if (!files.length) {
    io.stderr('erasebox verify-cert: no files given (usage: erasebox verify-cert FILE...)\n');
    return EXIT.usage;
  }
  const results: VerifyResult[] = [];
  for (const f of files) {
    const r = await verifyFile(f, pin);
    results.push(r);
    if (json) io.stdout(JSON.stringify({ file: f, ...r }) + '\n');
    else {
      const tag = r.status === 'valid' ? 'OK' : r.status === 'invalid' ? 'INVALID' : 'UNREADABLE';
      const who = r.id ? ` ${r.kind ?? ''} ${r.id}` : '';
      const key = r.fingerprint ? ` key ${r.fingerprint.slice(0, 16)}` : '';
      io.stdout(`${tag} ${f}:${who} ${r.message}${r.status === 'valid' ? key : ''}\n`);
    }
  }
  if (!pin.fingerprints.length && results.some((r) => r.status === 'valid')) {
    io.stderr('erasebox verify-cert: warning: no --pubkey/--fingerprint given; the embedded key proves integrity, not who signed\n');
  }
  if (results.some((r) => r.status === 'unreadable')) return EXIT.usage;
  if (results.some((r) => r.status === 'invalid')) return EXIT.failed;
  return EXIT.ok;
};
export default run;
