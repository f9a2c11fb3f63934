import t from 'tap';
import { canonicalJson, parseJsonStrict } from '../../src/cert/canonical';

t.test('keys sorted at every depth, no whitespace', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  t.equal(canonicalJson([]), '[]');
  t.equal(canonicalJson({}), '{}');
});

t.test('key order is by UTF-16 code units (as RFC 8785)', async (t) => {
  // "é" (U+00E9) sorts after "z"; an astral character (surrogate 0xD83D) sorts before U+FF61
  t.equal(canonicalJson({ 'é': 1, z: 2, a: 3 }), '{"a":3,"z":2,"é":1}');
  t.equal(canonicalJson({ '\uff61': 1, '\u{1f600}': 2 }), '{"\u{1f600}":2,"\uff61":1}');
  t.equal(canonicalJson({ B: 1, a: 2, _: 3 }), '{"B":1,"_":3,"a":2}');
});

t.test('numbers: shortest round-trip form, -0 is 0', async (t) => {
  t.equal(canonicalJson([0, -0, 1, -1.5, 0.1, 1e21, 1e-7, 500107862016, 2 ** 53]), '[0,0,1,-1.5,0.1,1e+21,1e-7,500107862016,9007199254740992]');
});

t.test('strings escaped like JSON.stringify', async (t) => {
  t.equal(canonicalJson('a"b\\c\n\u0001ü€'), '"a\\"b\\\\c\\n\\u0001ü€"');
});

t.test('non-JSON values are rejected with their path', async (t) => {
  t.throws(() => canonicalJson({ a: NaN }), { name: 'CanonicalJsonError' });
  t.throws(() => canonicalJson({ a: [1, Infinity] }), /\$\.a\[1\]: non-finite/);
  t.throws(() => canonicalJson({ a: undefined }), /undefined is not JSON/);
  t.throws(() => canonicalJson({ a: 1n }), /bigint/);
  t.throws(() => canonicalJson({ a: new Date(0) }), /plain objects/);
  t.throws(() => canonicalJson({ f: () => 1 }), /function/);
});

t.test('reordered input gives identical bytes', async (t) => {
  const a = { x: 1, y: { p: true, q: 'v' }, z: [1, 2] };
  const b = JSON.parse('{"z":[1,2],"y":{"q":"v","p":true},"x":1}') as unknown;
  t.equal(canonicalJson(a), canonicalJson(b));
});

t.test('strict parse rejects duplicate keys at any depth', async (t) => {
  t.same(parseJsonStrict('{"a":1,"b":{"a":2}}'), { a: 1, b: { a: 2 } });
  t.throws(() => parseJsonStrict('{"a":1,"a":2}'), /duplicate key "a"/);
  t.throws(() => parseJsonStrict('{"o":{"k":1,"k":1}}'), /duplicate key "k"/);
  t.throws(() => parseJsonStrict('[{"k":"x\\"y","k":1}]'), /duplicate/);
  t.same(parseJsonStrict('[{"k":1},{"k":2}]'), [{ k: 1 }, { k: 2 }]);
  t.throws(() => parseJsonStrict('{"a":'), SyntaxError);
});
