// Placeholder with the agreed signatures; the discovery work replaces the bodies.
import type { Disk, DiscoveryEvent } from './types';

export interface DiscoverOptions {
  all?: boolean; // include loop, ram and zram devices
  smart?: boolean; // run smartctl (slow); default true
}

/** Every disk on every controller, protected ones included (with their reasons). */
export async function listDisks(_opts: DiscoverOptions = {}): Promise<Disk[]> {
  throw new Error('discovery is not available in this build');
}

/** One disk by device path (any /dev path or symlink to it). */
export async function describeDisk(_path: string, _opts: DiscoverOptions = {}): Promise<Disk> {
  throw new Error('discovery is not available in this build');
}

/** Hot-plug watcher: calls onEvent for disks added, removed, updated; returns a stop function. */
export function watchDisks(_onEvent: (e: DiscoveryEvent) => void, _opts: DiscoverOptions = {}): () => void {
  throw new Error('discovery is not available in this build');
}
