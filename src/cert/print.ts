// Sends a certificate PDF to a USB printer (/dev/usb/lp*) that understands PDF or PostScript.
// Printing only reads the stored file: a missing or failing printer is an error message, never a
// lost certificate. The target is opened without O_CREAT, so a mistyped path cannot create a file.
import { promises as fsp, constants as C } from 'node:fs';
import { execFile } from 'node:child_process';

export class PrintError extends Error {
  override name = 'PrintError';
}

export interface PrintOptions {
  format?: 'pdf' | 'ps'; // what the printer accepts (default pdf); ps needs pdftops (poppler-utils)
  /** Tests only: accept a FIFO or an existing regular file as the "printer" (simulated). */
  allowNonDevice?: boolean;
}

function toPostScript(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('pdftops', ['-paper', 'A4', file, '-'], { encoding: 'buffer', maxBuffer: 256 << 20 }, (err, stdout) => {
      if (err) reject(new PrintError(`cannot convert to PostScript (pdftops): ${err.message.split('\n')[0]}`));
      else resolve(stdout);
    });
  });
}

export async function printFile(file: string, device: string, opts: PrintOptions = {}): Promise<number> {
  let st;
  try {
    st = await fsp.stat(device);
  } catch {
    throw new PrintError(`printer ${device} not found (is it plugged in? USB printers appear as /dev/usb/lp0)`);
  }
  const ok = st.isCharacterDevice() || (opts.allowNonDevice && (st.isFIFO() || st.isFile()));
  if (!ok) throw new PrintError(`${device} is not a printer device`);
  const data = opts.format === 'ps' ? await toPostScript(file) : await fsp.readFile(file);
  let fd;
  try {
    fd = await fsp.open(device, C.O_WRONLY | C.O_NOCTTY | (st.isFile() ? C.O_APPEND : 0));
  } catch (err) {
    throw new PrintError(`cannot open printer ${device}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    let off = 0;
    while (off < data.length) {
      const { bytesWritten } = await fd.write(data, off, Math.min(65536, data.length - off));
      if (bytesWritten <= 0) throw new PrintError(`printer ${device} accepted no data`);
      off += bytesWritten;
    }
    return off;
  } catch (err) {
    if (err instanceof PrintError) throw err;
    throw new PrintError(`printing to ${device} failed: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    await fd.close();
  }
}
