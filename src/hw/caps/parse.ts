// Pure decoders for the answers of the capability probes (unit-tested on captured bytes).

/** Bytes from an sg3_utils hex dump (" 00     00 00 00 50 ...    ascii"); ascii column ignored. */
export function hexDumpBytes(text: string): Buffer {
  const out: number[] = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*[0-9a-f]+\s{2,}((?:[0-9a-f]{2}\s{1,2}){1,16})/i);
    if (!m) continue;
    for (const b of m[1].trim().split(/\s+/)) out.push(parseInt(b, 16));
  }
  return Buffer.from(out);
}

/**
 * IDENTIFY DEVICE as 16-bit words from sg_sat_identify. `--hex` prints BYTES (" 00     40 00 10 00
 * ..." with an ascii column, captured from sg3_utils 1.46 in test/fixtures/cmd/ahci); `-HH` and
 * older builds print words (" 00     0040 0010 ..."). ATA words are little-endian in the byte dump.
 */
export function identifyWords(text: string): number[] | null {
  const words: number[] = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*([0-9a-f]+)\s{2,}((?:[0-9a-f]{4}\s*){1,8})$/i);
    if (m) words.push(...m[2].trim().split(/\s+/).map((w) => parseInt(w, 16)));
  }
  if (words.length >= 129) return words;
  const bytes = hexDumpBytes(text);
  if (bytes.length < 512) return null;
  return Array.from({ length: 256 }, (_, i) => bytes.readUInt16LE(i * 2));
}

export interface AtaIdentifyCaps {
  security: 'supported' | 'frozen' | 'locked' | 'unsupported';
  enhancedErase: boolean;
  sanitize: string[];
  hpaFeature: boolean;
  dcoFeature: boolean;
}

/** ATA IDENTIFY DEVICE (ACS-3): word 59 sanitize bits, 82/83 HPA/DCO, 128 security status. */
export function decodeIdentify(w: number[]): AtaIdentifyCaps {
  const bit = (word: number, b: number): boolean => ((w[word] ?? 0) & (1 << b)) !== 0;
  const sanitize: string[] = [];
  if (bit(59, 12)) {
    if (bit(59, 15)) sanitize.push('block');
    if (bit(59, 13)) sanitize.push('crypto');
    if (bit(59, 14)) sanitize.push('overwrite');
  }
  const sec = !bit(128, 0) ? 'unsupported' : bit(128, 2) ? 'locked' : bit(128, 3) ? 'frozen' : 'supported';
  return { security: sec, enhancedErase: bit(128, 5), sanitize, hpaFeature: bit(82, 10), dcoFeature: bit(83, 11) };
}

/** REPORT SUPPORTED OPERATION CODES, all commands (SPC-4 6.35): 4-byte length, 8-byte descriptors. */
export function supportedOpcodes(buf: Buffer): { opcode: number; sa: number | null }[] {
  if (buf.length < 4) return [];
  const len = Math.min(buf.readUInt32BE(0), buf.length - 4);
  const out: { opcode: number; sa: number | null }[] = [];
  for (let off = 4; off + 8 <= 4 + len; ) {
    const servActv = (buf[off + 5] & 1) === 1;
    const ctdp = (buf[off + 5] & 2) === 2;
    out.push({ opcode: buf[off], sa: servActv ? buf.readUInt16BE(off + 2) : null });
    off += ctdp ? 20 : 8;
  }
  return out;
}

/** SANITIZE (0x48) service actions: 1 overwrite, 2 block erase, 3 cryptographic erase. */
export function scsiSanitizeFrom(ops: { opcode: number; sa: number | null }[]): string[] {
  const names: Record<number, string> = { 1: 'overwrite', 2: 'block', 3: 'crypto' };
  return ops.filter((o) => o.opcode === 0x48 && o.sa !== null && names[o.sa]).map((o) => names[o.sa!]);
}

/**
 * hdparm -N: "max sectors   = 976771055/976773168, HPA is enabled". Through a path without ATA
 * pass-through hdparm still exits 0 and prints "max sectors = 0/1, HPA is enabled" (captured on
 * QEMU's mptsas): a native max below 2 sectors is no answer.
 */
export function hpaFromHdparm(text: string): { hpa: 'present' | 'absent'; current: number; native: number } | null {
  const m = text.match(/max sectors\s*=\s*(\d+)\/(\d+),\s*HPA is (enabled|disabled)/i);
  if (!m) return null;
  const current = Number(m[1]);
  const native = Number(m[2]);
  if (native < 2 || current === 0) return null;
  return { hpa: m[3].toLowerCase() === 'enabled' && current < native ? 'present' : 'absent', current, native };
}

/**
 * hdparm --dco-identify: "Real max sectors: 976773168". A drive without DCO aborts the command and
 * hdparm (exit 0) decodes a zeroed buffer: "DCO Revision: 0x0000 ... Real max sectors: 1"
 * (captured on QEMU's AHCI disk). That is no answer, not a DCO.
 */
export function dcoRealMax(text: string): number | null {
  if (/DCO Revision:\s*0x0000\b/i.test(text)) return null;
  const m = text.match(/Real max sectors:\s*(\d+)/i);
  return m && Number(m[1]) > 1 ? Number(m[1]) : null;
}

/** nvme id-ctrl -o json: SANICAP bits 0 crypto, 1 block, 2 overwrite; OACS bit 1 Format NVM; FNA bit 2 crypto erase. */
export function nvmeCaps(j: unknown): { sanitize: string[]; format: string[] } | null {
  if (!j || typeof j !== 'object') return null;
  const o = j as Record<string, unknown>;
  const n = (k: string): number | null => (typeof o[k] === 'number' ? (o[k] as number) : null);
  const sanicap = n('sanicap');
  const oacs = n('oacs');
  const fna = n('fna');
  if (sanicap === null && oacs === null) return null;
  const sanitize: string[] = [];
  if (sanicap !== null) {
    if (sanicap & 2) sanitize.push('block');
    if (sanicap & 1) sanitize.push('crypto');
    if (sanicap & 4) sanitize.push('overwrite');
  }
  const format: string[] = [];
  if (oacs !== null && oacs & 2) {
    format.push('user-data');
    if (fna !== null && fna & 4) format.push('crypto');
  }
  return { sanitize, format };
}
