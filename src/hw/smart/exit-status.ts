// smartctl's exit status is a bit mask (smartctl(8), "RETURN VALUES").
export const EXIT_BITS: readonly string[] = [
  'command line did not parse',
  'device open failed, no IDENTIFY data, or device in a low-power mode',
  'a SMART or other ATA command failed, or a SMART data structure had a checksum error',
  'SMART status check returned "DISK FAILING"',
  'prefail attributes at or below threshold',
  'some attributes were at or below threshold in the past',
  'the device error log contains records of errors',
  'the device self-test log contains records of errors',
];

export function decodeExitStatus(status: number): string[] {
  const out: string[] = [];
  for (let bit = 0; bit < 8; bit++) if (status & (1 << bit)) out.push(`bit ${bit}: ${EXIT_BITS[bit]}`);
  return out;
}

export const exitBit = (status: number | null, bit: number): boolean => status !== null && (status & (1 << bit)) !== 0;
