// Opening devices for the engine: real block devices by path (the production path).
export type { BlockDevice, BlockDeviceInfo, CompiledPattern, CompareResult, IoFailure } from './types';
export { DirectBlockDevice } from './direct';
export { FileBlockDevice } from './file';
export { MemoryBlockDevice } from './memory';
export { compilePattern, patternLabel, patternFromLabel, type PatternSpec } from './pattern';
export { createHasher, StreamDigest, type Hasher } from './hash';
