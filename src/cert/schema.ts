// JSON Schema (draft 2020-12) of certificate schemaVersion 1. docs/certificate.schema.json is
// this object, written by `node dist/js/src/cert/schema.js > docs/certificate.schema.json`
// and compared in test/cert/schema.test.ts.
type S = Record<string, unknown>;

const str: S = { type: 'string' };
const strN: S = { type: ['string', 'null'] };
const int0: S = { type: 'integer', minimum: 0 };
const intN: S = { type: ['integer', 'null'] };
const time: S = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' };
const hex: S = { type: ['string', 'null'], pattern: '^[0-9a-f]+$' };
const source: S = { enum: ['sysfs', 'vpd80', 'vpd83', 'inquiry', 'usb', 'smartctl', 'nvme-id', 'ioctl', 'none'] };
const verdict: S = { enum: ['reuse', 'reuse-with-caution', 'destroy', 'unavailable'] };
const obj = (properties: Record<string, S>, extra: S = {}): S => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !(properties[k] as S & { optional?: boolean }).optional),
  properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, stripOptional(v)])),
  ...extra,
});
function stripOptional(v: S): S {
  const { optional: _o, ...rest } = v as S & { optional?: boolean };
  return rest;
}
const person = obj({ name: strN, title: strN, organization: strN, location: strN, phone: strN });

export const CERTIFICATE_SCHEMA: S = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://erasebox.invalid/schema/certificate-1.json',
  title: 'erasebox erase certificate, schemaVersion 1',
  ...obj({
    kind: { const: 'erasebox.certificate' },
    schemaVersion: { const: 1 },
    id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
    result: { enum: ['erased', 'failed', 'aborted'] },
    reason: strN,
    issuedAt: time,
    startedAt: time,
    finishedAt: time,
    durationSeconds: { type: 'number', minimum: 0 },
    operator: strN,
    customer: strN,
    assetTag: strN,
    language: { enum: ['en', 'de'] },
    organisation: obj({ name: strN, address: strN, contact: strN, phone: strN, email: strN }),
    customerDetails: { oneOf: [{ type: 'null' }, obj({ name: str, address: strN, contact: strN, phone: strN })] },
    device: obj({
      path: str,
      vendor: strN,
      model: strN,
      serial: strN,
      wwn: strN,
      firmware: strN,
      sizeBytes: int0,
      logicalSectorSize: int0,
      physicalSectorSize: int0,
      rotational: { type: ['boolean', 'null'] },
      transport: { enum: ['ata', 'sas', 'megaraid', 'scsi', 'usb-bot', 'usb-uas', 'nvme', 'virtio-blk', 'virtio-scsi', 'loop', 'other', null] },
      chain: {
        type: 'array',
        items: obj({
          kind: { enum: ['pci', 'ata-port', 'sas-port', 'sas-end-device', 'scsi-target', 'usb-port', 'usb-bridge', 'nvme-ctrl', 'virtio', 'loop'] },
          label: str,
          driver: { ...str, optional: true },
          usbId: { ...str, optional: true },
        }),
      },
      identitySources: obj({ vendor: source, model: source, serial: source, wwn: source, firmware: source }),
      hpa: str,
      dco: str,
    }),
    method: obj({ id: str, label: str, nistCategory: { enum: ['clear', 'purge', 'none'] }, rounds: int0, blank: { type: 'boolean' }, writePasses: int0 }),
    passes: {
      type: 'array',
      items: obj({
        index: { type: 'integer', minimum: 1 },
        kind: { enum: ['write', 'verify'] },
        pattern: str,
        seed: hex,
        startedAt: time,
        finishedAt: time,
        bytesWritten: int0,
        bytesRead: int0,
        verified: { type: 'boolean' },
        digest: hex,
        digestAlgorithm: { enum: ['blake3', null] },
        digestOf: { enum: ['read-back', 'written', null] },
        mismatches: int0,
        throughputBytesPerSec: { type: 'number', minimum: 0 },
        speedProfile: { type: 'array', maxItems: 100, items: obj({ min: { type: 'number', minimum: 0 }, mean: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } }) },
        ok: { type: 'boolean' },
      }),
    },
    verification: obj({
      mode: { type: 'string', pattern: '^(none|last|all|sample:\\d+(\\.\\d+)?)$' },
      result: { enum: ['passed', 'failed', 'not-run'] },
      digest: hex,
      digestAlgorithm: { enum: ['blake3', null] },
      seed: hex,
      sampleSeed: hex,
      sampledBlocks: intN,
      blockSize: int0,
      mismatchedBlocks: int0,
    }),
    errors: { type: 'array', items: obj({ op: { enum: ['read', 'write', 'flush'] }, firstLba: int0, lastLba: int0, code: str, retries: int0 }) },
    ioRetries: int0,
    throughput: obj({ bytesWritten: int0, bytesRead: int0, averageBytesPerSec: { type: 'number', minimum: 0 } }),
    slowZones: {
      type: 'array',
      items: obj({ pass: int0, firstPercent: int0, lastPercent: int0, firstLba: int0, lastLba: int0, meanBytesPerSec: { type: 'number' }, medianBytesPerSec: { type: 'number' } }),
    },
    slowZoneThreshold: { type: 'number', minimum: 0, maximum: 1 },
    smart: { oneOf: [{ type: 'null' }, obj({ verdict, reasons: { type: 'array', items: str }, powerOnHours: { type: ['number', 'null'] }, temperatureC: { type: ['number', 'null'] } })] },
    health: obj({ verdict, reasons: { type: 'array', items: str } }),
    appendixG: obj({
      person,
      media: obj({
        make: strN,
        model: strN,
        serial: strN,
        propertyNumber: strN,
        type: { enum: ['magnetic', 'flash', 'unknown'] },
        source: strN,
        classification: strN,
        dataBackedUp: { enum: ['yes', 'no', 'unknown'] },
        backupLocation: strN,
      }),
      sanitization: obj({
        methodType: { enum: ['Clear', 'Purge', 'None'] },
        methodUsed: { enum: ['Overwrite', 'Block Erase', 'Crypto Erase', 'Other'] },
        methodDetails: str,
        toolUsed: str,
        verificationMethod: { enum: ['Full', 'Quick Sampling', 'None'] },
        postSanitizationClassification: strN,
        notes: strN,
      }),
      destination: obj({ kind: strN, details: strN }),
      validation: person,
    }),
    host: obj({ hostname: str, manufacturer: strN, model: strN, serial: strN, uuid: strN, bios: strN, cpu: strN, memoryBytes: { type: ['integer', 'null'] } }),
    tool: obj({ name: { const: 'erasebox' }, version: str, imageSha256: hex }),
    signature: obj({
      algorithm: { const: 'Ed25519' },
      canonicalization: { const: 'erasebox-canonical-json/1' },
      publicKey: { type: 'string', pattern: '^[A-Za-z0-9+/]{43}=$' },
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      value: { type: 'string', pattern: '^[A-Za-z0-9+/]{86}==$' },
    }),
  }),
};

if (require.main === module) process.stdout.write(JSON.stringify(CERTIFICATE_SCHEMA, null, 2) + '\n');
