// Colours as blessed tags, chosen for the terminal. The Linux console (TERM=linux) has 8 colours
// plus bold; blessed folds colours 8-15 onto 0-7 there, so "gray" would become black on black.
// With 8 colours eligible rows are bold and protected rows plain; with 16 or more, protected rows
// are grey. Only colours readable on black are used for text (no blue text).

export interface Theme {
  normal: string; // open tag for eligible disk rows ('' for none)
  muted: string; // greyed-out rows (protected disks)
  ok: string;
  bad: string;
  warn: string;
  accent: string;
  title: string; // title bar: open tag
  unicode: boolean; // may draw braille charts
}

export interface TerminalInfo {
  colors: number;
  term: string;
  unicode: boolean;
}

export function themeFor(t: TerminalInfo): Theme {
  const rich = t.colors >= 16;
  const plainConsole = /^(linux|vt\d*|ansi|dumb|con\d)/.test(t.term);
  return {
    normal: rich ? '' : '{bold}',
    muted: rich ? '{gray-fg}' : '',
    ok: '{green-fg}',
    bad: '{red-fg}{bold}',
    warn: '{yellow-fg}',
    accent: '{cyan-fg}',
    title: '{white-fg}{blue-bg}{bold}',
    unicode: t.unicode && !plainConsole,
  };
}

/** Wrap text in an open tag and close everything after it. */
export const paint = (open: string, text: string): string => (open ? `${open}${text}{/}` : text);
