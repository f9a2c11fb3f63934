// Placeholder until the owning work lands: refuses clearly instead of pretending.
import { EXIT, type Command } from './io';

const run: Command = async (_argv, io) => {
  io.stderr('erasebox: methods is not available in this build\n');
  return EXIT.usage;
};
export default run;
