// Small sysfs readers; every one returns null instead of throwing (attributes come and go).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const readAttr = (p: string): string | null => {
  try {
    return fs.readFileSync(p, 'utf8').trim();
  } catch {
    return null;
  }
};

export const readBin = (p: string): Buffer | null => {
  try {
    return fs.readFileSync(p);
  } catch {
    return null;
  }
};

export const realpath = (p: string): string | null => {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
};

/** Basename of a symlink's target, e.g. the driver name from `.../driver`. */
export const linkName = (p: string): string | null => {
  try {
    return path.basename(fs.readlinkSync(p));
  } catch {
    return null;
  }
};

export const listDir = (p: string): string[] => {
  try {
    return fs.readdirSync(p).sort();
  } catch {
    return [];
  }
};
