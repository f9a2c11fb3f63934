// The store configuration: parsing, line-precise errors, round trip, and its use by issue.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, formatConfig, loadConfig, parseConfig, saveConfig, ConfigFileError } from '../../src/cert/config';
import { issueCertificate } from '../../src/cert/issue';
import { fixtureConfig, fixtureInput } from './fixtures';
import { tmpStore } from './helpers';

const GOOD = `# erasebox.conf
[organisation]
name = Datenschutz Recycling Süd GmbH
address = Hauptstraße 12, 80331 München
logo = logo.png

[technician "Jürgen Weiß"]
title = Techniker
phone = "+49 89 1234568"

[customer "ACME AG"]
address = "  Am Markt 1  "

[defaults]
language = de
verify = sample:10
destination = recycling
data-backed-up = no

[validation]
name = Dr. Anna Groß
`;

t.test('a good file parses', async (t) => {
  const { config, errors } = parseConfig(GOOD);
  t.same(errors, []);
  t.equal(config.organisation.name, 'Datenschutz Recycling Süd GmbH');
  t.same(config.technicians, [{ name: 'Jürgen Weiß', title: 'Techniker', phone: '+49 89 1234568' }]);
  t.equal(config.customers[0].address, '  Am Markt 1  ', 'quoted value keeps its spaces');
  t.equal(config.defaults.language, 'de');
  t.equal(config.defaults.verify, 'sample:10');
  t.equal(config.validation.name, 'Dr. Anna Groß');
});

t.test('malformed files give line-precise errors', async (t) => {
  const bad = [
    '[organisation]', // 1
    'name = X', // 2
    'nmae = Y', // 3 unknown key
    '[defaults]', // 4
    'language = fr', // 5 bad language
    'verify = sample:0', // 6 bad pct
    'this line has no equals', // 7
    '[customers "x"]', // 8 unknown section
    'address = z', // 9 outside a valid section
    '[technician]', // 10 needs a name
    '[organisation]', // 11 repeated section
    '[defaults', // 12 malformed header
    '[validation]', // 13
    'name = "unterminated', // 14
    'name = ok', // 15
    'name = twice', // 16 duplicate key
  ].join('\n');
  const { errors } = parseConfig(bad);
  const byLine = new Map(errors.map((e) => [e.line, e.message]));
  t.same([...byLine.keys()], [3, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16]);
  t.match(byLine.get(3), /unknown key "nmae" in \[organisation\]/);
  t.match(byLine.get(5), /language must be one of en, de/);
  t.match(byLine.get(6), /0 < PCT <= 100/);
  t.match(byLine.get(7), /expected key = value/);
  t.match(byLine.get(8), /unknown section \[customers\]/);
  t.match(byLine.get(10), /needs a name/);
  t.match(byLine.get(11), /repeats line 1/);
  t.match(byLine.get(14), /unterminated/);
  t.match(byLine.get(16), /set twice/);
});

t.test('CRLF and BOM are accepted; line numbers stay right', async (t) => {
  const { errors } = parseConfig('\uFEFF[defaults]\r\n\r\nlanguage = xx\r\n');
  t.same(errors, [{ line: 3, message: 'language must be one of en, de' }]);
});

t.test('format and parse round trip', async (t) => {
  const c = fixtureConfig();
  c.customers.push({ name: 'Quote "Inc"', address: ' leading space', contact: null, phone: null });
  const { config, errors } = parseConfig(formatConfig(c));
  t.same(errors, []);
  t.same(config, c);
});

t.test('load, save and use from the store', async (t) => {
  const s = tmpStore(t);
  fs.mkdirSync(s.certDir, { recursive: true });
  await saveConfig(s.certDir, fixtureConfig());
  t.same(await loadConfig(s.certDir), fixtureConfig());
  fs.writeFileSync(path.join(s.certDir, CONFIG_FILE), '[defaults]\nlanguage = de\nbogus = 1\n');
  const err = await loadConfig(s.certDir).catch((e: unknown) => e);
  t.ok(err instanceof ConfigFileError);
  t.match((err as Error).message, /erasebox\.conf:3: unknown key "bogus"/);
  // an invalid file costs no certificate: it is issued with a warning
  const r = await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir: s.keyDir, pdf: false });
  t.ok(fs.existsSync(r.jsonPath));
  t.match(r.warnings?.join('\n'), /configuration ignored: .*:3: unknown key "bogus"/);
  t.same(await loadConfig(path.join(s.dir, 'nowhere')), parseConfig('').config, 'missing file = empty config');
});

t.test('the example in docs/configuration.md is valid', async (t) => {
  const md = fs.readFileSync(path.resolve(__dirname, '../../docs/configuration.md'), 'utf8');
  const m = /```ini\n([\s\S]*?)```/.exec(md);
  t.ok(m, 'example block present');
  const { config, errors } = parseConfig(m![1]);
  t.same(errors, []);
  t.equal(config.organisation.logo, 'logo.png');
  t.equal(config.defaults.destination, 'external-reuse');
  t.equal(config.technicians[0].name, 'Jürgen Weiß');
});
