import t from 'tap';
t.test('a', async t => { t.equal(1 + 1, 2); t.ok(true); });
t.test('b', async t => { t.skip('x'); t.equal('a', 'a'); });
