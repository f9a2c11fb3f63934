// A realistic CertificateInput: a 500 GB SATA disk behind a UAS bridge, DoD short (3 passes) plus
// full read-back verification, with speed profiles shaped like a real HDD (outer tracks faster).
import type { CertificateInput } from '../../src/cert/input';
import type { PassRecord, DiskResult } from '../../src/engine/result';
import type { Disk } from '../../src/hw/types';
import { emptyConfig, type StoreConfig } from '../../src/cert/config';

export const SIZE = 500_107_862_016;
const T0 = Date.parse('2026-05-04T08:00:00.000Z');

function profile(seed: number, slow: [number, number] | null): PassRecord['speedProfile'] {
  const out: PassRecord['speedProfile'] = [];
  for (let i = 0; i < 100; i++) {
    const base = 190e6 - i * 0.95e6; // 190 MB/s outer .. ~96 MB/s inner
    const wobble = ((i * 7919 + seed * 104729) % 13) * 0.4e6;
    let mean = base + wobble;
    if (slow && i >= slow[0] && i <= slow[1]) mean = 22e6 + i * 1e4;
    out.push({ min: Math.round(mean * 0.82), mean: Math.round(mean), max: Math.round(mean * 1.09) });
  }
  return out;
}

function pass(index: number, kind: 'write' | 'verify', pattern: string, seed: string | null, startS: number, durS: number, slow: [number, number] | null): PassRecord {
  const write = kind === 'write';
  return {
    index,
    kind,
    pattern,
    seed,
    startedAt: new Date(T0 + startS * 1000).toISOString(),
    finishedAt: new Date(T0 + (startS + durS) * 1000).toISOString(),
    bytesWritten: write ? SIZE : 0,
    bytesRead: write ? 0 : SIZE,
    verified: !write,
    digest: write ? null : 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262',
    digestOf: write ? null : 'read-back',
    mismatches: 0,
    throughputBytesPerSec: SIZE / durS,
    speedProfile: profile(index, slow),
    ok: true,
  };
}

export interface FixtureOptions {
  outcome?: 'erased' | 'failed' | 'aborted';
  slowZone?: boolean;
  retries?: number;
  errors?: boolean;
  smart?: boolean;
  operator?: string | null;
}

export function fixtureResult(o: FixtureOptions = {}): DiskResult {
  const passes = [
    pass(1, 'write', '0x00', null, 0, 3600, null),
    pass(2, 'write', '0xFF', null, 3600, 3650, o.slowZone ? [62, 64] : null),
    pass(3, 'write', 'random', '3f9c2a7be01d4c55a8e2f6b1c0d9e734', 7250, 3700, null),
    pass(4, 'verify', 'random', '3f9c2a7be01d4c55a8e2f6b1c0d9e734', 10950, 3300, null),
  ];
  const outcome = o.outcome ?? 'erased';
  const errors = o.errors
    ? [
        { op: 'write' as const, firstLba: 612_345_600, lastLba: 612_345_855, code: 'EIO', retries: 3 },
        { op: 'read' as const, firstLba: 700_000_000, lastLba: 700_000_007, code: 'EIO', retries: 3 },
      ]
    : [];
  if (outcome === 'aborted') {
    passes.splice(2);
    passes[1].finishedAt = new Date(T0 + 5000 * 1000).toISOString();
    passes[1].bytesWritten = Math.floor(SIZE * 0.4);
    passes[1].ok = false;
    passes[1].speedProfile = passes[1].speedProfile.map((b, i) => (i < 40 ? b : { min: 0, mean: 0, max: 0 }));
  }
  return {
    path: '/dev/sdc',
    outcome,
    reason: outcome === 'erased' ? null : outcome === 'aborted' ? 'stopped by SIGTERM' : 'unrecoverable write error at LBA 612345600-612345855',
    sizeBytes: SIZE,
    logicalSectorSize: 512,
    physicalSectorSize: 4096,
    methodId: 'dod-3',
    rounds: 1,
    blank: false,
    passes,
    verification: {
      mode: 'last',
      result: outcome === 'erased' ? 'passed' : 'not-run',
      digest: outcome === 'erased' ? 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262' : null,
      seed: '3f9c2a7be01d4c55a8e2f6b1c0d9e734',
      sampleSeed: null,
      sampledBlocks: null,
      blockSize: 1048576,
      mismatchedBlocks: 0,
    },
    errors,
    ioRetries: o.retries ?? (o.errors ? 6 : 0),
    startedAt: new Date(T0).toISOString(),
    finishedAt: new Date(T0 + (outcome === 'aborted' ? 5000 : 14250) * 1000).toISOString(),
  };
}

export function fixtureDisk(o: FixtureOptions = {}): Disk {
  return {
    path: '/dev/sdc',
    name: 'sdc',
    transport: 'usb-uas',
    chain: [
      { kind: 'pci', label: '0000:00:14.0 xHCI', driver: 'xhci_hcd' },
      { kind: 'usb-port', label: 'usb2 port 3' },
      { kind: 'usb-bridge', label: 'ASMedia ASM1153E', driver: 'uas', usbId: '174c:55aa:0100' },
    ],
    vendor: { value: 'Seagate', source: 'smartctl' },
    model: { value: 'ST500DM009-2F110A', source: 'smartctl' },
    serial: { value: 'ZA4XK2QP', source: 'smartctl' },
    wwn: { value: '0x5000c500b3a1c2d4', source: 'smartctl' },
    firmware: { value: 'CC41', source: 'smartctl' },
    sizeBytes: SIZE,
    logicalSectorSize: 512,
    physicalSectorSize: 4096,
    rotational: true,
    protections: [],
    smart: o.smart === false ? null : { verdict: 'reuse', reasons: ['all attributes within thresholds'], powerOnHours: 18342, temperatureC: 34 },
    caps: { ataSecurity: 'frozen', ataSanitize: [], scsiSanitize: [], scsiFormatUnit: null, nvmeSanitize: [], nvmeFormat: [], hpa: 'absent', dco: 'unknown' },
  };
}

export function fixtureInput(o: FixtureOptions = {}): CertificateInput {
  return {
    result: fixtureResult(o),
    disk: fixtureDisk(o),
    method: { id: 'dod-3', label: 'DoD 5220.22-M (3 passes)', nistCategory: 'clear' },
    job: { operator: o.operator === undefined ? 'Jürgen Weiß' : o.operator, customer: 'Stadtwerke Musterstadt GmbH', assetTag: 'INV-2026-00417' },
    tool: { name: 'erasebox', version: '0.1.0', imageSha256: '9b1f0c5e3d7a2b4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f' },
    host: {
      hostname: 'erasebox',
      manufacturer: 'Fujitsu',
      model: 'ESPRIMO P757',
      serial: 'YM7B012345',
      uuid: '4c4c4544-0042-3510-8058-b7c04f4d3232',
      bios: 'FUJITSU V5.0.0.12 R1.26.0 05/14/2021',
      cpu: 'Intel Core i5-7500 (4 threads)',
      memoryBytes: 17179869184,
    },
  };
}

export function fixtureConfig(): StoreConfig {
  const c = emptyConfig();
  c.organisation = { name: 'Datenschutz Recycling Süd GmbH', address: 'Hauptstraße 12, 80331 München', contact: 'Petra Öztürk', phone: '+49 89 1234567', email: 'zertifikate@example.de', location: 'München, Halle 2', logo: null };
  c.technicians = [{ name: 'Jürgen Weiß', title: 'Techniker Datenlöschung', phone: '+49 89 1234568' }];
  c.customers = [{ name: 'Stadtwerke Musterstadt GmbH', address: 'Am Markt 1, 12345 Musterstadt', contact: 'Frau Schulz', phone: '+49 123 45678' }];
  c.defaults = { ...c.defaults, language: 'de', classification: 'VS-NfD', postClassification: 'Unclassified', destination: 'external-reuse', dataBackedUp: 'no', notes: 'Lot 2026-05-A' };
  c.validation = { name: 'Dr. Anna Groß', title: 'Datenschutzbeauftragte', organization: 'Datenschutz Recycling Süd GmbH', location: 'München', phone: '+49 89 1234569' };
  return c;
}
