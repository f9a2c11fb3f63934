// A real block device: O_DIRECT (and O_EXCL when writable) through the native addon. Size and
// sector sizes come from the kernel (BLKGETSIZE64, BLKSSZGET, BLKPBSZGET).
import { addon } from './native';
import { FdBlockDevice } from './fd';

export { roundUp } from './fd';

export class DirectBlockDevice extends FdBlockDevice {
  /** Opens a block device node; refuses (ENOTBLK) anything else and never creates a file. */
  static open(path: string, opts: { writable: boolean }): DirectBlockDevice {
    const o = addon().open(path, opts.writable);
    // O_DIRECT needs buffer, offset and length aligned to the logical block size; 4 KiB covers
    // every disk and the page size.
    const alignment = Math.max(4096, o.logicalSectorSize, o.physicalSectorSize);
    const info = { path, sizeBytes: o.sizeBytes, logicalSectorSize: o.logicalSectorSize, physicalSectorSize: o.physicalSectorSize, alignment };
    return new DirectBlockDevice(info, o.fd);
  }

  protected closeFd(): void {
    addon().close(this.fd);
  }
}
