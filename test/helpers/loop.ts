// Loop devices for tests: the only real block devices tests may write to. Each is attached over a
// backing file this helper creates, registered for teardown before it is used, and detached even
// when the test fails. Paths not created here are refused by `ownLoop`.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestLoop {
  dev: string; // /dev/loopN
  file: string; // backing file
}

const created = new Set<string>();

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const canUseLoop = (): boolean => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('losetup', ['--version'], { stdio: 'ignore' });
    return fs.existsSync('/dev/loop-control');
  } catch {
    return false;
  }
};

/** Attach a loop device of `bytes` over a new file (tmpfs by default), filled with `fill` if given. */
export function attachLoop(
  t: Teardown,
  bytes: number,
  opts: { fill?: number; dir?: string; sectorSize?: number; directIo?: boolean } = {},
): TestLoop {
  const dir = fs.mkdtempSync(path.join(opts.dir ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir()), 'erasebox-test-'));
  const file = path.join(dir, 'disk.img');
  const fd = fs.openSync(file, 'wx');
  try {
    if (opts.fill !== undefined) {
      const chunk = Buffer.alloc(Math.min(bytes, 1 << 20), opts.fill);
      for (let off = 0; off < bytes; off += chunk.length) fs.writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - off), off);
    } else fs.ftruncateSync(fd, bytes);
  } finally {
    fs.closeSync(fd);
  }
  const args = ['-f', '--show'];
  if (opts.sectorSize) args.push('--sector-size', String(opts.sectorSize));
  if (opts.directIo) args.push('--direct-io=on');
  let dev = '';
  t.teardown(() => {
    if (dev) detach(dev);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  dev = execFileSync('losetup', [...args, file], { encoding: 'utf8' }).trim();
  created.add(dev);
  return { dev, file };
}

function detach(dev: string): void {
  for (let i = 0; i < 20; i++) {
    try {
      execFileSync('losetup', ['-d', dev], { stdio: 'ignore' });
      created.delete(dev);
      return;
    } catch {
      execFileSync('sleep', ['0.1']);
    }
  }
  throw new Error(`could not detach ${dev}`);
}

/** Throws unless `dev` is a loop device this process attached: a guard for destructive helpers. */
export function ownLoop(dev: string): string {
  if (!created.has(dev)) throw new Error(`refusing ${dev}: not a loop device this test attached`);
  return dev;
}

/** Read a whole loop device's backing file (the bytes the device holds). */
export const backingBytes = (loop: TestLoop): Buffer => fs.readFileSync(loop.file);
