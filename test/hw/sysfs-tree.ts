// Materialise a sysfs fixture manifest (test/fixtures/sysfs/*.json) into a temp directory:
// regular files for attributes (hex for binary VPD pages) and real symlinks for the links.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProtectRoots } from '../../src/hw/protect';

export const FIXTURES = path.resolve(__dirname, '../fixtures/sysfs');

interface Manifest {
  files: Record<string, string | { hex: string }>;
  links: Record<string, string>;
}

export function materialize(names: string[], t: { teardown(fn: () => unknown): void }): ProtectRoots & { root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-sysfs-'));
  t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
  const sys = path.join(root, 'sys');
  const proc = path.join(root, 'proc');
  fs.mkdirSync(path.join(sys, 'block'), { recursive: true });
  fs.mkdirSync(path.join(proc, 'self'), { recursive: true });
  fs.writeFileSync(path.join(proc, 'self/mountinfo'), '');
  fs.writeFileSync(path.join(proc, 'swaps'), 'Filename\tType\tSize\tUsed\tPriority\n');
  for (const n of names) {
    const m: Manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${n}.json`), 'utf8'));
    for (const [rel, content] of Object.entries(m.files)) {
      const p = path.join(sys, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, typeof content === 'string' ? `${content}\n` : Buffer.from(content.hex, 'hex'));
    }
    for (const [rel, target] of Object.entries(m.links)) {
      const p = path.join(sys, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      if (!fs.existsSync(p)) fs.symlinkSync(target, p);
    }
  }
  return { root, sys, proc, bootDeviceFiles: [], execPath: path.join(root, 'no-such-exe') };
}

export const ALL_FIXTURES = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
