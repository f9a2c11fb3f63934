// docs/certificate.schema.json is the schema the verifier uses, and it accepts what we issue.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CERTIFICATE_SCHEMA } from '../../src/cert/schema';
import { validateSchema } from '../../src/cert/validate';
import { issueCertificate } from '../../src/cert/issue';
import { fixtureConfig, fixtureInput } from './fixtures';
import { tmpStore } from './helpers';

t.test('docs/certificate.schema.json matches the code', async (t) => {
  const doc = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../docs/certificate.schema.json'), 'utf8')) as unknown;
  t.same(doc, CERTIFICATE_SCHEMA, 'regenerate with: node dist/js/src/cert/schema.js > docs/certificate.schema.json');
});

t.test('issued certificates validate; broken ones name the path', async (t) => {
  const s = tmpStore(t);
  for (const o of [{}, { outcome: 'failed', errors: true }, { outcome: 'aborted' }, { smart: false, slowZone: true }] as const) {
    const r = await issueCertificate(fixtureInput(o), { certDir: s.certDir, keyDir: s.keyDir, config: fixtureConfig(), pdf: false });
    const cert = JSON.parse(fs.readFileSync(r.jsonPath, 'utf8')) as Record<string, any>;
    t.same(validateSchema(CERTIFICATE_SCHEMA, cert), [], `valid: ${JSON.stringify(o)}`);
    const broken = structuredClone(cert);
    broken.device.sizeBytes = -1;
    broken.passes[0].kind = 'erase';
    delete broken.verification.seed;
    broken.extra = true;
    const problems = validateSchema(CERTIFICATE_SCHEMA, broken);
    t.ok(problems.includes('/device/sizeBytes: below 0'), problems.join('; '));
    t.ok(problems.some((p) => p.startsWith('/passes/0/kind: must be one of')));
    t.ok(problems.includes('/verification/seed: required'));
    t.ok(problems.includes('/extra: not allowed'));
  }
});
