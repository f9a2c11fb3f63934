// Pattern specs (data, as the method table and certificates describe them) and their compiled form.
import type { CompiledPattern } from './types';

export type PatternSpec =
  | { kind: 'constant'; byte: number }
  | { kind: 'repeat'; bytes: number[] } // phase = absolute device byte offset mod bytes.length
  | { kind: 'aes-ctr'; seed: string }; // hex AES-128 key; counter = offset / 16, IV 0

const hex2 = (b: number): string => '0x' + b.toString(16).padStart(2, '0').toUpperCase();

/** The label certificates carry: "0x00", "0x92 0x49 0x24", "random". */
export function patternLabel(p: PatternSpec): string {
  switch (p.kind) {
    case 'constant':
      return hex2(p.byte);
    case 'repeat':
      return p.bytes.map(hex2).join(' ');
    case 'aes-ctr':
      return 'random';
  }
}

/** Inverse of patternLabel (plus the seed for random passes); null when the label is not ours. */
export function patternFromLabel(label: string, seed: string | null): PatternSpec | null {
  if (label === 'random') return seed && /^[0-9a-f]{32}$/i.test(seed) ? { kind: 'aes-ctr', seed: seed.toLowerCase() } : null;
  const parts = label.trim().split(/\s+/);
  if (!parts.every((x) => /^0x[0-9a-f]{2}$/i.test(x))) return null;
  const bytes = parts.map((x) => parseInt(x.slice(2), 16));
  if (bytes.length === 1) return { kind: 'constant', byte: bytes[0] };
  return bytes.length <= 64 ? { kind: 'repeat', bytes } : null;
}

export function compilePattern(p: PatternSpec): CompiledPattern {
  switch (p.kind) {
    case 'constant':
      return { kind: 0, bytes: Uint8Array.of(p.byte & 0xff) };
    case 'repeat':
      if (p.bytes.length < 1 || p.bytes.length > 64) throw new Error('repeat pattern must have 1..64 bytes');
      return { kind: 1, bytes: Uint8Array.from(p.bytes) };
    case 'aes-ctr': {
      const key = Buffer.from(p.seed, 'hex');
      if (key.length !== 16) throw new Error('aes-ctr seed must be 16 bytes of hex');
      return { kind: 2, bytes: new Uint8Array(key) };
    }
  }
}
