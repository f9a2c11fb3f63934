#!/usr/bin/env node
// Makes a GPT disk image BIOS-bootable with GRUB without grub-bios-setup (which wants a real
// device and fails on image files: "guessing the root device failed"). Does what grub-bios-setup
// does for a core.img embedded in a BIOS boot partition, with no Reed-Solomon codes:
//   node scripts/grub-bios-embed.mjs IMG BOOT.IMG CORE.IMG START_LBA MAX_SECTORS
// - MBR: boot.img's code (bytes 0..0x1b7) over the image's protective MBR, keeping the disk
//   signature and partition table (0x1b8..0x1ff); the core.img LBA at 0x5c; the drive check
//   at 0x66 NOPed so the BIOS drive number in DL is used.
// - core.img: written at START_LBA; its first sector (diskboot.img) gets the blocklist of the
//   rest: start START_LBA+1, length sectors-1, load segment 0x820.
import { openSync, readFileSync, readSync, writeSync, closeSync } from 'node:fs';

const [img, bootPath, corePath, lbaArg, maxArg] = process.argv.slice(2);
if (!maxArg) {
  process.stderr.write('usage: grub-bios-embed.mjs IMG BOOT.IMG CORE.IMG START_LBA MAX_SECTORS\n');
  process.exit(2);
}
const lba = BigInt(lbaArg);
const boot = readFileSync(bootPath);
const core = Buffer.from(readFileSync(corePath));
if (boot.length !== 512) throw new Error(`boot.img is ${boot.length} bytes, expected 512`);
const sectors = Math.ceil(core.length / 512);
if (sectors > Number(maxArg)) throw new Error(`core.img needs ${sectors} sectors, the BIOS boot partition has ${maxArg}`);

const fd = openSync(img, 'r+');
try {
  const mbr = Buffer.alloc(512);
  readSync(fd, mbr, 0, 512, 0);
  if (mbr.readUInt16LE(0x1fe) !== 0xaa55) throw new Error(`${img}: no MBR signature (partition it first)`);
  boot.copy(mbr, 0, 0, 0x1b8);
  mbr.writeBigUInt64LE(lba, 0x5c);
  mbr[0x66] = 0x90;
  mbr[0x67] = 0x90;
  writeSync(fd, mbr, 0, 512, 0);

  const padded = Buffer.alloc(sectors * 512);
  core.copy(padded);
  padded.writeBigUInt64LE(lba + 1n, 0x1f4);
  padded.writeUInt16LE(sectors - 1, 0x1fc);
  padded.writeUInt16LE(0x820, 0x1fe);
  writeSync(fd, padded, 0, padded.length, Number(lba) * 512);
} finally {
  closeSync(fd);
}
process.stdout.write(`grub-bios-embed: core.img ${sectors} sectors at LBA ${lba}\n`);
