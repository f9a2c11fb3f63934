// Crash-safe file writes for the certificate store. A reader never sees a partial file: data goes
// to a temp name in the same directory (opened 'wx'), is fsynced, then appears under its final
// name in one step, and the directory is fsynced. Without `overwrite` the final step is link(2),
// which fails with EEXIST instead of replacing an earlier certificate.
import { promises as fsp, constants as C } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export class AlreadyExistsError extends Error {
  readonly code = 'EEXIST';
  override name = 'AlreadyExistsError';
}

export interface WriteOptions {
  overwrite?: boolean; // default false: refuse to replace an existing file
  mode?: number; // default 0o644
}

export function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

export async function fsyncDir(dir: string): Promise<void> {
  const fd = await fsp.open(dir, C.O_RDONLY | C.O_DIRECTORY);
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

// Filesystems without hard links (vfat, exFAT on the stick's data partition) refuse link(2).
const NO_LINK = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS']);

export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: WriteOptions = {}): Promise<void> {
  const tmp = tempName(file);
  const fd = await fsp.open(tmp, 'wx', opts.mode ?? 0o644);
  try {
    try {
      await fd.writeFile(data);
      await fd.sync();
    } finally {
      await fd.close();
    }
    if (opts.overwrite) {
      await fsp.rename(tmp, file);
    } else {
      try {
        await fsp.link(tmp, file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') throw new AlreadyExistsError(`${file} already exists; certificates are never overwritten`);
        if (!NO_LINK.has(code)) throw err;
        // No hard links here: check, then rename. The window is tiny and ids are random UUIDs.
        const exists = await fsp.lstat(file).then(
          () => true,
          () => false,
        );
        if (exists) throw new AlreadyExistsError(`${file} already exists; certificates are never overwritten`);
        await fsp.rename(tmp, file);
      }
    }
    await fsyncDir(path.dirname(file));
  } finally {
    await fsp.unlink(tmp).catch(() => undefined); // gone after rename; the link case leaves it
  }
}
