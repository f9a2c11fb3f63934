// Shared rig for runWipeJob tests: memory disks (real engine, real signing, a temp certificate
// store), an open() spy, and a target check that gives each disk its own device number. Nothing
// here can reach a real disk: open() only knows the memory disks it made.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryBlockDevice } from '../../src/hw/block/memory';
import type { BlockIdentity, Protection } from '../../src/hw/protect';
import type { HostIdentity } from '../../src/cert/input';
import type { WipeJobDeps } from '../../src/app/wipe-job';
import type { WipeJobEvent } from '../../src/app/events';

export interface MemoryRig {
  devs: Map<string, MemoryBlockDevice>;
  opened: string[];
  events: WipeJobEvent[];
  deps: WipeJobDeps;
  certDir: string;
}

export function memoryRig(
  t: { teardown(fn: () => void): void },
  names: string[],
  opts: { sizeBytes: number; host: HostIdentity; env?: NodeJS.ProcessEnv },
): MemoryRig {
  const devs = new Map(names.map((n) => [n, new MemoryBlockDevice(n, opts.sizeBytes, { fill: 0xa5 })]));
  const opened: string[] = [];
  const events: WipeJobEvent[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-app-'));
  t.teardown(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const deps: WipeJobDeps = {
    emit: (e) => events.push(e),
    signal: new AbortController().signal,
    env: opts.env ?? {},
    checkTarget: (dev: string): Protection | BlockIdentity => ({ name: path.basename(dev), majorMinor: `250:${names.indexOf(dev)}`, sysPath: `/sys/fake/${dev}` }),
    open: (p) => {
      opened.push(p);
      const d = devs.get(p);
      if (!d) throw new Error(`no such test device ${p}`);
      return d;
    },
    describeDisk: () => Promise.reject(new Error('no discovery for memory disks')),
    getHostIdentity: async () => opts.host,
    runner: { tuning: { chunkBytes: 256 * 1024, retryDelayMs: 1 }, progressIntervalMs: 5 },
  };
  return { devs, opened, events, deps, certDir: path.join(tmp, 'certs') };
}
