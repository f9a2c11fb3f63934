// The shared smartctl corpus lives beside the repository (../shared/corpus/smartctl).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus/smartctl');
export const corpusPresent = fs.existsSync(CORPUS);
export const corpusSkip = corpusPresent ? false : `smartctl corpus not found at ${CORPUS}`;

export const corpusFile = (rel: string): string => path.join(CORPUS, rel);
export const corpusJson = (rel: string): Record<string, unknown> => JSON.parse(fs.readFileSync(corpusFile(rel), 'utf8'));

export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  if (corpusPresent) walk(CORPUS);
  return out.sort();
}
