// index.csv: append-only, BOM, RFC 4180 quoting, formula guard, parses back.
import t from 'tap';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { issueCertificate } from '../../src/cert/issue';
import { INDEX_COLUMNS, INDEX_FILE, parseCsv } from '../../src/cert/csv';
import { csvField } from '../../src/csv';
import { fixtureInput } from './fixtures';
import { tmpStore } from './helpers';

t.test('csvField quoting', async (t) => {
  t.equal(csvField('plain'), 'plain');
  t.equal(csvField('a,b'), '"a,b"');
  t.equal(csvField('say "hi"'), '"say ""hi"""');
  t.equal(csvField('two\nlines'), '"two\nlines"');
  t.equal(csvField(' edge'), '" edge"');
  t.equal(csvField('=SUM(A1)'), "'=SUM(A1)");
  t.equal(csvField(null), '');
  t.equal(csvField(42), '42');
  t.equal(csvField('-'), '-', 'a lone dash (no value) is no formula');
  t.equal(csvField('-12.5'), '-12.5', 'a plain number is no formula');
  t.equal(csvField('-2+3'), "'-2+3");
  t.equal(csvField('@cmd'), "'@cmd");
});

t.test('rows append and parse back with the same values', async (t) => {
  const s = tmpStore(t);
  const operators = ['Jürgen Weiß', 'Smith, John "JS"', 'multi\nline', '=HYPERLINK("x")'];
  const ids: string[] = [];
  for (const op of operators) {
    const input = fixtureInput({ operator: op });
    ids.push((await issueCertificate(input, { certDir: s.certDir, keyDir: s.keyDir, pdf: false })).id);
  }
  const raw = fs.readFileSync(path.join(s.certDir, INDEX_FILE));
  t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = raw.toString('utf8');
  t.ok(text.endsWith('\r\n'), 'CRLF line ends');
  const rows = parseCsv(text);
  t.equal(rows.length, 1 + operators.length);
  t.same(rows[0], [...INDEX_COLUMNS]);
  const col = (name: (typeof INDEX_COLUMNS)[number]): number => INDEX_COLUMNS.indexOf(name);
  rows.slice(1).forEach((r, i) => {
    t.equal(r.length, INDEX_COLUMNS.length, `row ${i} has every column`);
    t.equal(r[col('certificate_id')], ids[i]);
    t.equal(r[col('json_file')], `${ids[i]}.json`);
    t.equal(r[col('serial')], 'ZA4XK2QP');
    t.equal(r[col('size_bytes')], '500107862016');
    t.equal(r[col('result')], 'erased');
    t.match(r[col('sha256')], /^[0-9a-f]{64}$/);
  });
  t.same(rows.slice(1).map((r) => r[col('operator')]), operators, 'the same values, formula guard removed on the way back');
  const before = fs.readFileSync(path.join(s.certDir, INDEX_FILE));
  await issueCertificate(fixtureInput(), { certDir: s.certDir, keyDir: s.keyDir, pdf: false });
  const after = fs.readFileSync(path.join(s.certDir, INDEX_FILE));
  t.same(after.subarray(0, before.length), before, 'append-only: earlier bytes unchanged');
});
