// `erasebox methods [--json]`: the method table, as text or JSON (MethodInfo[]).
import { EXIT, type Command } from './io';
import { METHODS, methodInfo } from '../engine/methods';

const run: Command = async (argv, io) => {
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length) {
    io.stderr(`erasebox methods: unknown argument '${unknown[0]}' (usage: erasebox methods [--json])\n`);
    return EXIT.usage;
  }
  const infos = METHODS.map(methodInfo);
  if (argv.includes('--json')) {
    io.stdout(JSON.stringify(infos, null, 2) + '\n');
    return EXIT.ok;
  }
  const w = Math.max(...infos.map((m) => m.id.length));
  for (const m of infos) {
    const passes = m.passCount ? `${m.passCount} pass${m.passCount > 1 ? 'es' : ''}` : 'read only';
    io.stdout(`${m.id.padEnd(w)}  ${m.label} (${passes}, NIST ${m.nistCategory}, verify ${m.defaultVerify}): ${m.description}\n`);
  }
  return EXIT.ok;
};
export default run;
