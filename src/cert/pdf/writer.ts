// A thin layout layer over pdfkit: sections, label/value rows, tables, page breaks and the
// "Page n of N" footer. Only the 14 standard fonts are used (WinAnsi), so text is filtered to it.
import PDFDocument from 'pdfkit';
import { fmt, TABLES, type Strings } from './strings';
import type { Lang } from '../config';
import type { HostIdentity } from '../input';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 48;
const FOOTER_H = 28;
export const COLORS = { ink: '#1a1a1a', muted: '#5f6368', rule: '#c7ccd1', band: '#eef1f4', accent: '#1f4e79', ok: '#1e7b34', bad: '#b3261e', warn: '#b26a00' };

// Characters the standard PDF fonts can show (WinAnsiEncoding): Latin-1 plus a few extras.
const WIN_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
export function win(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0x3f;
    out += c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_EXTRA.includes(ch) ? ch : '?';
  }
  return out;
}

export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}
export { decimalBytes } from '../../units';
export function rate(bps: number): string {
  return `${(bps / 1e6).toFixed(1)} MB/s`;
}
export function duration(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round((s % 60) * 10) / 10;
  return `${h}h ${String(m).padStart(2, '0')}m ${sec.toFixed(1).padStart(4, '0')}s`;
}

/** The host identity section, shared by the certificate PDF and the system report. */
export function hostSection(w: Writer, h: HostIdentity): void {
  const t = w.t;
  w.section(t.secHost);
  w.row(t.hostname, h.hostname);
  w.row(t.manufacturer, h.manufacturer);
  w.row(t.model, h.model);
  w.row(t.hostSerial, h.serial, { mono: true });
  w.row(t.uuid, h.uuid, { mono: true });
  w.row(t.bios, h.bios);
  w.row(t.cpu, h.cpu);
  w.row(t.memory, h.memoryBytes === null ? null : humanBytes(h.memoryBytes));
}

export class Writer {
  readonly doc: PDFKit.PDFDocument;
  readonly t: Strings;
  readonly left = MARGIN;
  readonly right = A4.width - MARGIN;
  readonly bottom = A4.height - MARGIN - FOOTER_H;
  labelWidth = 170;

  constructor(
    readonly lang: Lang,
    info: { title: string; subject: string; creationDate: Date },
  ) {
    this.t = TABLES[lang];
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      autoFirstPage: true,
      lang: lang === 'de' ? 'de-DE' : 'en-GB',
      info: { Title: win(info.title), Subject: win(info.subject), Creator: 'erasebox', Producer: 'erasebox (pdfkit)', CreationDate: info.creationDate },
    });
    this.doc.fillColor(COLORS.ink);
  }

  get width(): number {
    return this.right - this.left;
  }
  get y(): number {
    return this.doc.y;
  }
  set y(v: number) {
    this.doc.y = v;
  }

  /** Starts a new page when fewer than h points are left. */
  ensure(h: number): void {
    if (this.doc.y + h > this.bottom) {
      this.doc.addPage();
      this.doc.y = MARGIN;
    }
  }

  text(s: string, opts: { size?: number; font?: string; color?: string; x?: number; width?: number; gap?: number } = {}): void {
    const d = this.doc;
    d.font(opts.font ?? 'Helvetica').fontSize(opts.size ?? 9).fillColor(opts.color ?? COLORS.ink);
    const w = opts.width ?? this.right - (opts.x ?? this.left);
    this.ensure(d.heightOfString(win(s), { width: w }));
    d.text(win(s), opts.x ?? this.left, d.y, { width: w });
    d.y += opts.gap ?? 0;
  }

  section(title: string): void {
    this.ensure(70); // never a heading alone at the bottom of a page
    const d = this.doc;
    d.y += 8;
    d.font('Helvetica-Bold').fontSize(11).fillColor(COLORS.accent).text(win(title), this.left, d.y, { width: this.width });
    d.moveTo(this.left, d.y + 1).lineTo(this.right, d.y + 1).lineWidth(0.6).strokeColor(COLORS.accent).stroke();
    d.y += 5;
    d.fillColor(COLORS.ink);
  }

  /** A label/value row; null values print the "not specified" text in grey. */
  row(label: string, value: string | number | null, opts: { mono?: boolean; color?: string; bold?: boolean; below?: boolean } = {}): void {
    const d = this.doc;
    if (opts.below) {
      // long values (signatures, keys): label on its own line, value across the full width
      this.ensure(26);
      d.font('Helvetica').fontSize(8.5).fillColor(COLORS.muted).text(win(label), this.left, d.y, { width: this.width });
      d.font(opts.mono ? 'Courier' : 'Helvetica').fontSize(8).fillColor(COLORS.ink).text(win(value === null ? this.t.notSpecified : String(value)), this.left + 12, d.y + 1, { width: this.width - 12 });
      d.y += 3;
      return;
    }
    const vx = this.left + this.labelWidth;
    const vw = this.right - vx;
    const missing = value === null || value === '';
    const v = win(missing ? this.t.notSpecified : String(value));
    const font = opts.mono && !missing ? 'Courier' : opts.bold ? 'Helvetica-Bold' : 'Helvetica';
    const size = opts.mono && !missing ? 8 : 9;
    d.font(font).fontSize(size);
    const h = Math.max(d.heightOfString(v, { width: vw }), 11);
    this.ensure(h + 3);
    const y = d.y;
    d.font('Helvetica').fontSize(8.5).fillColor(COLORS.muted).text(win(label), this.left, y + 0.5, { width: this.labelWidth - 8 });
    d.font(font).fontSize(size).fillColor(missing ? COLORS.muted : (opts.color ?? COLORS.ink)).text(v, vx, y, { width: vw });
    d.y = Math.max(d.y, y + h) + 3;
    d.fillColor(COLORS.ink);
  }

  /** A table with a header row; column widths are fractions of the page width. */
  /** Rows are cells, or { span } for a full-width detail line (monospace) under the previous row. */
  table(cols: { title: string; frac: number; mono?: boolean; align?: 'left' | 'right' }[], rows: (string[] | { span: string; indent: number })[], size = 8): void {
    const d = this.doc;
    const xs: number[] = [];
    let x = this.left;
    for (const c of cols) {
      xs.push(x);
      x += c.frac * this.width;
    }
    const pad = 3;
    const drawRow = (cells: string[], header: boolean, shade: boolean): void => {
      const heights = cells.map((c, i) => {
        d.font(header ? 'Helvetica-Bold' : cols[i].mono ? 'Courier' : 'Helvetica').fontSize(size);
        return d.heightOfString(win(c), { width: cols[i].frac * this.width - 2 * pad });
      });
      const h = Math.max(...heights) + 2 * pad;
      if (d.y + h > this.bottom) {
        d.addPage();
        d.y = MARGIN;
        if (!header) drawRow(cols.map((c) => c.title), true, false);
      }
      const y = d.y;
      if (header || shade) d.rect(this.left, y, this.width, h).fill(header ? COLORS.band : '#f8f9fa');
      cells.forEach((c, i) => {
        d.font(header ? 'Helvetica-Bold' : cols[i].mono ? 'Courier' : 'Helvetica').fontSize(size).fillColor(COLORS.ink);
        d.text(win(c), xs[i] + pad, y + pad, { width: cols[i].frac * this.width - 2 * pad, align: cols[i].align ?? 'left' });
      });
      d.moveTo(this.left, y + h).lineTo(this.right, y + h).lineWidth(0.3).strokeColor(COLORS.rule).stroke();
      d.y = y + h;
    };
    const drawSpan = (text: string, indent: number, shade: boolean): void => {
      const x = this.left + indent * this.width;
      const w = this.right - x - pad;
      d.font('Courier').fontSize(size);
      const h = d.heightOfString(win(text), { width: w }) + 2 * pad;
      if (d.y + h > this.bottom) {
        d.addPage();
        d.y = MARGIN;
      }
      const y = d.y;
      if (shade) d.rect(this.left, y, this.width, h).fill('#f8f9fa');
      d.font('Courier').fontSize(size).fillColor(COLORS.ink).text(win(text), x, y + pad, { width: w });
      d.moveTo(this.left, y + h).lineTo(this.right, y + h).lineWidth(0.3).strokeColor(COLORS.rule).stroke();
      d.y = y + h;
    };
    drawRow(cols.map((c) => c.title), true, false);
    let n = 0;
    for (const r of rows) {
      if (Array.isArray(r)) drawRow(r, false, n++ % 2 === 1);
      else drawSpan(r.span, r.indent, (n - 1) % 2 === 1);
    }
    d.y += 4;
  }

  /** A coloured box with one or more lines, e.g. the warning banner. */
  box(lines: string[], color: string, title?: string): void {
    const d = this.doc;
    const w = this.width - 16;
    d.font('Helvetica').fontSize(9);
    const body = lines.map(win).join('\n');
    const h = d.heightOfString(body, { width: w }) + (title ? 14 : 0) + 12;
    this.ensure(h + 6);
    const y = d.y;
    d.rect(this.left, y, this.width, h).lineWidth(1.2).fillAndStroke('#fff8e1', color);
    let ty = y + 6;
    if (title) {
      d.font('Helvetica-Bold').fontSize(10).fillColor(color).text(win(title), this.left + 8, ty, { width: w });
      ty += 14;
    }
    d.font('Helvetica').fontSize(9).fillColor(COLORS.ink).text(body, this.left + 8, ty, { width: w });
    d.y = y + h + 6;
  }

  /** Writes the footer on every buffered page; call once, after all content. */
  footers(left: string): void {
    const d = this.doc;
    const range = d.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      d.switchToPage(i);
      d.page.margins.bottom = 0; // the footer sits inside the bottom margin
      const y = A4.height - MARGIN - 10;
      d.moveTo(this.left, y - 4).lineTo(this.right, y - 4).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
      d.font('Helvetica').fontSize(7.5).fillColor(COLORS.muted);
      // lineBreak false: pdfkit would otherwise add a page when writing below the bottom margin
      d.text(win(left), this.left, y, { width: this.width * 0.7, lineBreak: false });
      d.text(win(fmt(this.t.page, { n: i + 1 - range.start, total: range.count })), this.left + this.width * 0.7, y, { width: this.width * 0.3, align: 'right', lineBreak: false });
    }
  }

  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}
