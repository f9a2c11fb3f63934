// The erase methods as ONE data table. Passes are data: a fixed byte, a repeating multi-byte
// pattern, a random stream (AES-128-CTR, fresh seed per pass), or a random byte / its complement
// drawn once per run (nwipe's DoD and OPS-II definitions). The planner turns rows into passes.
import type { VerifyMode, MethodInfo } from './api';
import type { NistCategory } from '../cert/input';

export type PassSpec =
  | { kind: 'byte'; value: number }
  | { kind: 'bytes'; values: number[] } // repeating; phase = absolute device offset mod length
  | { kind: 'random' } // AES-128-CTR keystream from a fresh 16-byte seed
  | { kind: 'random-byte'; slot: number } // one random byte per run, shared by passes with the same slot
  | { kind: 'complement'; slot: number }; // bitwise complement of that slot's byte

export interface MethodDef {
  id: string;
  label: string;
  nistCategory: NistCategory;
  description: string;
  /** write passes of one round; empty for read-only methods */
  passes: PassSpec[];
  /** read-only methods: the byte every block must hold */
  expect?: number;
  defaultVerify: VerifyMode;
}

const b = (value: number): PassSpec => ({ kind: 'byte', value });
const bs = (...values: number[]): PassSpec => ({ kind: 'bytes', values });
const R: PassSpec = { kind: 'random' };
const rb = (slot: number): PassSpec => ({ kind: 'random-byte', slot });
const cb = (slot: number): PassSpec => ({ kind: 'complement', slot });

// Gutmann (1996) passes 5-31, in the paper's order (nwipe shuffles them; we keep them auditable).
const GUTMANN_FIXED: PassSpec[] = [
  b(0x55), b(0xaa), bs(0x92, 0x49, 0x24), bs(0x49, 0x24, 0x92), bs(0x24, 0x92, 0x49),
  b(0x00), b(0x11), b(0x22), b(0x33), b(0x44), b(0x55), b(0x66), b(0x77), b(0x88), b(0x99),
  b(0xaa), b(0xbb), b(0xcc), b(0xdd), b(0xee), b(0xff),
  bs(0x92, 0x49, 0x24), bs(0x49, 0x24, 0x92), bs(0x24, 0x92, 0x49),
  bs(0x6d, 0xb6, 0xdb), bs(0xb6, 0xdb, 0x6d), bs(0xdb, 0x6d, 0xb6),
];

export const METHODS: readonly MethodDef[] = [
  { id: 'nist-clear', label: 'NIST SP 800-88 Clear', nistCategory: 'clear', description: 'one random pass, then a full read-back verification', passes: [R], defaultVerify: 'last' },
  { id: 'zero', label: 'Zero fill', nistCategory: 'clear', description: 'one pass of 0x00', passes: [b(0x00)], defaultVerify: 'last' },
  { id: 'one', label: 'One fill', nistCategory: 'clear', description: 'one pass of 0xFF', passes: [b(0xff)], defaultVerify: 'last' },
  { id: 'random', label: 'Random', nistCategory: 'clear', description: 'one pass of a seeded AES-128-CTR stream', passes: [R], defaultVerify: 'last' },
  { id: 'dod-3', label: 'DoD 5220.22-M short', nistCategory: 'clear', description: 'a random byte, its complement, a random stream', passes: [rb(0), cb(0), R], defaultVerify: 'last' },
  {
    id: 'dod-7', label: 'DoD 5220.22-M ECE', nistCategory: 'clear',
    description: 'byte, complement, random, byte, byte, complement, random',
    passes: [rb(0), cb(0), R, rb(1), rb(2), cb(2), R], defaultVerify: 'last',
  },
  { id: 'gutmann', label: 'Gutmann', nistCategory: 'clear', description: '4 random, the 27 Gutmann patterns, 4 random', passes: [R, R, R, R, ...GUTMANN_FIXED, R, R, R, R], defaultVerify: 'last' },
  {
    id: 'bsi-vsitr', label: 'BSI VSITR', nistCategory: 'clear', description: '0x00 and 0xFF alternating six times, then 0xAA',
    passes: [b(0x00), b(0xff), b(0x00), b(0xff), b(0x00), b(0xff), b(0xaa)], defaultVerify: 'last',
  },
  { id: 'hmg-is5', label: 'HMG IS5 Enhanced', nistCategory: 'clear', description: '0x00, 0xFF, a random stream; the last pass verified', passes: [b(0x00), b(0xff), R], defaultVerify: 'last' },
  {
    id: 'rcmp-ops2', label: 'RCMP TSSIT OPS-II', nistCategory: 'clear',
    description: 'a random byte and its complement alternating (7 passes), then a random stream',
    passes: [rb(0), cb(0), rb(0), cb(0), rb(0), cb(0), rb(0), R], defaultVerify: 'last',
  },
  { id: 'verify-zero', label: 'Verify zeros', nistCategory: 'none', description: 'read only: check that every block is 0x00', passes: [], expect: 0x00, defaultVerify: 'last' },
  { id: 'verify-one', label: 'Verify ones', nistCategory: 'none', description: 'read only: check that every block is 0xFF', passes: [], expect: 0xff, defaultVerify: 'last' },
];

export function findMethod(id: string): MethodDef | undefined {
  return METHODS.find((m) => m.id === id);
}

export function methodInfo(m: MethodDef): MethodInfo {
  return { id: m.id, label: m.label, nistCategory: m.nistCategory, description: m.description, passCount: m.passes.length, defaultVerify: m.defaultVerify };
}

export const isReadOnly = (m: MethodDef): boolean => m.passes.length === 0;
