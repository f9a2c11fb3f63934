// Streaming BLAKE3 from the native addon (chosen by measurement, see docs/performance.md).
import { addon, type NativeHasher } from './native';

export type Hasher = NativeHasher;

export function createHasher(): Hasher {
  return new (addon().Blake3)();
}
