// Replay of command outputs captured in a qemu guest (test/fixtures/cmd/<transport>/commands.tsv):
// answers a call with the recorded stdout, stderr and exit code of the SAME argv; any other call
// is recorded in `unexpected` and answered as "not installed", so a test can assert there were none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProcessRunner } from '../../src/hw/exec';

export const CMD_FIXTURES = path.resolve(__dirname, '../fixtures/cmd');

export interface Replay extends ProcessRunner {
  calls: string[];
  unexpected: string[];
}

export function replayRunner(...transports: string[]): Replay {
  const table = new Map<string, { file: string; code: number; stderr: string | null }>();
  for (const tr of transports) {
    const dir = path.join(CMD_FIXTURES, tr);
    for (const line of fs.readFileSync(path.join(dir, 'commands.tsv'), 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [file, code, argv] = line.split('\t');
      const err = path.join(dir, file.replace(/\.(json|txt)$/, '.stderr.txt'));
      table.set(argv, { file: path.join(dir, file), code: Number(code), stderr: fs.existsSync(err) ? err : null });
    }
  }
  const calls: string[] = [];
  const unexpected: string[] = [];
  return {
    calls,
    unexpected,
    async run(cmd, args) {
      const key = [cmd, ...args].join(' ');
      calls.push(key);
      const hit = table.get(key);
      if (!hit) {
        unexpected.push(key);
        return { code: null, stdout: '', stderr: '', error: 'ENOENT' };
      }
      return { code: hit.code, stdout: fs.readFileSync(hit.file, 'utf8'), stderr: hit.stderr ? fs.readFileSync(hit.stderr, 'utf8') : '' };
    },
  };
}

export const readCmd = (transport: string, file: string): string => fs.readFileSync(path.join(CMD_FIXTURES, transport, file), 'utf8');
