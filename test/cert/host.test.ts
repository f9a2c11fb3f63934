// Host identity: placeholders become null, a hanging probe times out, the real probe runs.
import t from 'tap';
import { getHostIdentity, clean, type HostProbe } from '../../src/hw/host';

t.test('DMI placeholders are not identities', async (t) => {
  t.equal(clean('To Be Filled By O.E.M.'), null);
  t.equal(clean('Default string'), null);
  t.equal(clean('  '), null);
  t.equal(clean('0000000'), null);
  t.equal(clean(' Fujitsu '), 'Fujitsu');
});

t.test('a hanging or failing probe gives nulls, not a hang (simulated DMI)', async (t) => {
  const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
  const probe: HostProbe = {
    system: () => never(),
    bios: () => Promise.reject(new Error('no dmidecode')),
    cpu: async () => ({ manufacturer: 'Intel', brand: 'Core i5-7500', cores: 4 }),
    mem: async () => ({ total: 17179869184 }),
    hostname: () => 'bench-7',
  };
  const h = await getHostIdentity({ probe, timeoutMs: 200 });
  t.same(h, { hostname: 'bench-7', manufacturer: null, model: null, serial: null, uuid: null, bios: null, cpu: 'Intel Core i5-7500 (4 threads)', memoryBytes: 17179869184 });
});

t.test('real systeminformation probe on this machine', async (t) => {
  const h = await getHostIdentity({ timeoutMs: 10000 });
  t.type(h.hostname, 'string');
  t.ok(h.hostname.length > 0);
  t.ok(h.memoryBytes === null || h.memoryBytes > 1 << 20);
});
