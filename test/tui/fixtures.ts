// Test data for the TUI's pure parts: disks, methods and a complete engine event run.
import type { MethodInfo } from '../../src/engine/api';
import type { DiskResult } from '../../src/engine/result';
import type { Disk } from '../../src/hw/types';

export function disk(name: string, over: Partial<Disk> = {}): Disk {
  const none = { value: null, source: 'none' as const };
  return {
    path: `/dev/${name}`,
    name,
    transport: 'ata',
    chain: [{ kind: 'pci', label: 'pci 0000:00:1f.2', driver: 'ahci' }, { kind: 'ata-port', label: 'ata2' }],
    vendor: { value: 'ACME', source: 'sysfs' },
    model: { value: `Model ${name}`, source: 'smartctl' },
    serial: { value: `SN-${name}`, source: 'vpd80' },
    wwn: none,
    firmware: none,
    sizeBytes: 500e9,
    logicalSectorSize: 512,
    physicalSectorSize: 4096,
    rotational: true,
    protections: [],
    smart: { verdict: 'reuse', reasons: [], powerOnHours: 100, temperatureC: 30 },
    caps: { ataSecurity: 'supported', ataSanitize: ['crypto'], scsiSanitize: [], scsiFormatUnit: null, nvmeSanitize: [], nvmeFormat: [], hpa: 'absent', dco: 'unknown' },
    ...over,
  };
}

export const mounted = (name: string): Disk =>
  disk(name, { protections: [{ code: 'mounted', reason: `${name}1 is mounted on /mnt/x` }] });

export const METHODS: MethodInfo[] = [
  { id: 'zero', label: 'Zero fill', nistCategory: 'clear', description: 'one pass of 0x00', passCount: 1, defaultVerify: 'last' },
  { id: 'dod-3', label: 'DoD short', nistCategory: 'clear', description: 'three passes', passCount: 3, defaultVerify: 'all' },
];

export function result(path: string, outcome: DiskResult['outcome'], reason: string | null = null): DiskResult {
  const at = '2026-01-02T03:04:05.000Z';
  return {
    path,
    outcome,
    reason,
    sizeBytes: 1e9,
    logicalSectorSize: 512,
    physicalSectorSize: 512,
    methodId: 'zero',
    rounds: 1,
    blank: false,
    passes: [],
    verification: { mode: 'last', result: outcome === 'erased' ? 'passed' : 'failed', digest: 'ab'.repeat(32), seed: null, sampleSeed: null, sampledBlocks: null, blockSize: 4096, mismatchedBlocks: outcome === 'failed' ? 3 : 0 },
    errors: [],
    ioRetries: 0,
    startedAt: at,
    finishedAt: at,
  };
}
