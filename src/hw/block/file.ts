// A block device over an existing plain file, for unit tests and images. Same native fill/compare
// code as the real device, buffered I/O (no O_DIRECT), never creates the file.
import * as fs from 'node:fs';
import { FdBlockDevice } from './fd';

export class FileBlockDevice extends FdBlockDevice {
  constructor(path: string, opts: { writable: boolean; logicalSectorSize?: number; physicalSectorSize?: number }) {
    const st = fs.statSync(path);
    if (!st.isFile()) throw Object.assign(new Error(`${path}: not a regular file`), { code: 'EINVAL' });
    const fd = fs.openSync(path, opts.writable ? 'r+' : 'r'); // r+ never creates
    const lss = opts.logicalSectorSize ?? 512;
    const pss = opts.physicalSectorSize ?? 4096;
    super({ path, sizeBytes: st.size, logicalSectorSize: lss, physicalSectorSize: pss, alignment: Math.max(4096, lss, pss) }, fd);
  }

  protected closeFd(): void {
    fs.closeSync(this.fd);
  }
}
