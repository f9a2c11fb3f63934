// Editing erasebox.conf in place (the TUI's Settings screen): comments and order survive, changed
// values are rewritten, removed sections go, new ones are appended; a bad value is refused with
// the line it would have, and nothing is written.
import t from 'tap';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE, ConfigFileError, emptyConfig, loadConfig, parseConfig } from '../../src/cert/config';
import { checkConfig, saveConfigEdit, updateConfigText } from '../../src/cert/config-edit';

const FILE = `# our store
[organisation]
# the legal name
name = Alte Firma GmbH
address = Hauptstraße 12

[customer "Gone AG"]
address = x

[technician "Jürgen Weiß"]
phone = "+49 1"

[defaults]
; German PDFs
language = de
notes = keep me
`;

t.test('values change in place; comments, order and untouched lines survive', async (t) => {
  const c = parseConfig(FILE).config;
  c.organisation.name = 'Neue Firma GmbH';
  c.organisation.contact = 'Petra';
  c.customers = [{ name: 'ACME "Süd"', address: null, contact: 'Frau S', phone: null }];
  c.defaults.language = 'en';
  c.printer = { device: '/dev/usb/lp0', format: 'ps' };
  const text = updateConfigText(FILE, c);
  t.same(parseConfig(text), { config: c, errors: [] }, 'the file holds exactly the edited configuration');
  const lines = text.split('\n');
  t.same(lines.slice(0, 6), ['# our store', '[organisation]', '# the legal name', 'name = Neue Firma GmbH', 'address = Hauptstraße 12', 'contact = Petra']);
  t.notMatch(text, /Gone AG|address = x/, 'the removed customer and its keys are gone');
  t.match(text, /\[technician "Jürgen Weiß"\]\nphone = "\+49 1"\n/, 'an unchanged quoted value is kept byte for byte');
  t.match(text, /; German PDFs\nlanguage = en\nnotes = keep me\n/);
  t.match(text, /\[customer "ACME \\"Süd\\""\]\ncontact = Frau S\n/, 'a new section is appended');
  t.match(text, /\[printer\]\ndevice = \/dev\/usb\/lp0\nformat = ps\n$/);
});

t.test('a renamed technician keeps its place, comments and keys', async (t) => {
  const text = '[technician "Ann"]\n# day shift\nphone = 1\n\n[technician "Bob"]\nphone = 2\n';
  const c = parseConfig(text).config;
  c.technicians[0] = { ...c.technicians[0], name: 'Anna' };
  const out = updateConfigText(text, c);
  t.equal(out, '[technician "Anna"]\n# day shift\nphone = 1\n\n[technician "Bob"]\nphone = 2\n');
  t.same(parseConfig(out).config, c);
  const swapped = parseConfig(text).config;
  swapped.technicians.reverse();
  t.same(parseConfig(updateConfigText(text, swapped)).config.technicians.map((x) => x.name).sort(), ['Ann', 'Bob'], 'a reorder is no rename');
});

t.test('an empty file and an empty configuration', async (t) => {
  const c = emptyConfig();
  t.same(parseConfig(updateConfigText('', c)), { config: c, errors: [] });
  c.customers.push({ name: 'Only', address: null, contact: null, phone: null });
  t.equal(updateConfigText('', c), '[customer "Only"]\n');
});

t.test('bad values are refused with the line they would have', async (t) => {
  const c = parseConfig(FILE).config;
  c.printer.device = 'lp0';
  const r = checkConfig(c, FILE);
  t.equal(r.errors.length, 1);
  t.match(r.errors[0].message, /printer device must be an absolute path/);
  t.equal(r.text.split('\n')[r.errors[0].line - 1], 'device = lp0', 'the line number points at the value');
  const dup = parseConfig(FILE).config;
  dup.technicians.push({ name: 'Jürgen Weiß', title: null, phone: null });
  const d = checkConfig(dup, FILE);
  t.match(d.errors[0]?.message, /section \[technician "Jürgen Weiß"\] repeats line 10/);
});

t.test('saveConfigEdit: atomic write of a valid file, nothing written for an invalid one', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasebox-conf-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const c = await loadConfig(dir);
  c.organisation.name = 'First';
  const file = await saveConfigEdit(dir, c);
  t.equal(file, path.join(dir, CONFIG_FILE));
  t.equal((await loadConfig(dir)).organisation.name, 'First');
  fs.writeFileSync(file, `# hand-written\n${fs.readFileSync(file, 'utf8')}`);
  c.defaults.verify = 'sample:0';
  const err = await saveConfigEdit(dir, c).catch((e: unknown) => e);
  t.ok(err instanceof ConfigFileError);
  t.match((err as Error).message, /erasebox\.conf:\d+: sample:PCT needs 0 < PCT <= 100/);
  t.match(fs.readFileSync(file, 'utf8'), /^# hand-written\n/, 'the file on disk is unchanged');
  c.defaults.verify = 'all';
  await saveConfigEdit(dir, c);
  t.match(fs.readFileSync(file, 'utf8'), /^# hand-written\n[\s\S]*verify = all/, 'the comment survives a save');
  t.same(fs.readdirSync(dir).sort(), [CONFIG_FILE], 'no temp files left');
});
