// Keys -> actions or commands, per screen. Pure, so the key map is unit-tested without a terminal.
// Only keys every terminal sends (arrows, Enter, Esc, Tab, Backspace, letters): serial consoles
// often lack function keys.
import type { Action, Command } from './actions';
import { confirmAccepts, targets, type ViewState } from './state';

export interface Key {
  name?: string; // blessed key name: up, down, enter, escape, backspace, space, tab, ...
  full?: string; // C-c, S-tab, ...
  ch?: string; // the character typed, if any
}

export type Intent = { action: Action } | { command: Command } | null;

const act = (action: Action): Intent => ({ action });
const cmd = (command: Command): Intent => ({ command });
const PAGE = 10;

function common(k: Key): Intent {
  switch (k.name) {
    case 'up':
      return act({ kind: 'move', delta: -1 });
    case 'down':
      return act({ kind: 'move', delta: 1 });
    case 'pageup':
      return act({ kind: 'move', delta: -PAGE });
    case 'pagedown':
      return act({ kind: 'move', delta: PAGE });
    case 'home':
      return act({ kind: 'move', delta: -1e9 });
    case 'end':
      return act({ kind: 'move', delta: 1e9 });
    case 'escape':
      return act({ kind: 'back' });
    default:
      return null;
  }
}

const isEnter = (k: Key): boolean => k.name === 'enter' || k.name === 'linefeed';

/** Text entry screens: letters are text, so quitting and the log need Esc first. */
function textEntry(s: ViewState, k: Key): Intent {
  if (k.name === 'backspace') return act({ kind: 'erase-char' });
  if (s.screen === 'job') {
    if (k.name === 'tab' || k.name === 'down') return act({ kind: 'move', delta: 1 });
    if (k.full === 'S-tab' || k.name === 'up') return act({ kind: 'move', delta: -1 });
    if (isEnter(k)) return act({ kind: 'next' });
  }
  if (s.screen === 'confirm' && isEnter(k)) {
    if (confirmAccepts(s, s.confirmText)) return cmd({ cmd: 'start' });
    const n = targets(s).length;
    return act({ kind: 'message', level: 'error', text: n ? `Type ${n} (the number of disks) or ERASE, then Enter` : 'No disk left to erase: press Esc' });
  }
  if (k.name === 'escape') return act({ kind: 'back' });
  if (k.ch && k.ch.length === 1 && k.ch >= ' ' && k.ch <= '~' && !k.full?.startsWith('C-')) return act({ kind: 'type', ch: k.ch });
  return null;
}

export function keyToIntent(s: ViewState, k: Key): Intent {
  if (k.name === 'return') return null; // blessed sends "enter" as well for the same key
  if (k.full === 'C-c') return s.run && !s.run.ended ? act({ kind: 'abort-request' }) : cmd({ cmd: 'quit' });
  if (s.screen === 'run' && s.abortPrompt) {
    if (k.ch === 'y' || k.ch === 'Y') return cmd({ cmd: 'abort' });
    if (k.ch === 'n' || k.ch === 'N' || k.name === 'escape') return act({ kind: 'abort-cancel' });
    return null;
  }
  if (s.screen === 'job' || s.screen === 'confirm') return textEntry(s, k);
  if (k.ch === 'q' || k.ch === 'Q') return s.screen === 'cert' || s.screen === 'log' || s.screen === 'info' ? act({ kind: 'back' }) : cmd({ cmd: 'quit' });
  if ((k.ch === 'l' || k.ch === 'L') && s.screen !== 'log') return act({ kind: 'goto', screen: 'log' });
  switch (s.screen) {
    case 'disks':
      if (k.name === 'space' || k.ch === ' ') return act({ kind: 'toggle' });
      if (k.ch === 'a') return act({ kind: 'select-all' });
      if (k.ch === 'n') return act({ kind: 'select-none' });
      if (k.ch === 'i') return act({ kind: 'goto', screen: 'info' });
      if (isEnter(k)) return act({ kind: 'next' });
      return common(k);
    case 'method':
      if (k.name === 'left' || k.ch === '-') return act({ kind: 'adjust', delta: -1 });
      if (k.name === 'right' || k.ch === '+') return act({ kind: 'adjust', delta: 1 });
      if (k.name === 'space' || k.ch === ' ') return act({ kind: 'toggle' });
      if (k.name === 'tab') return act({ kind: 'move', delta: 1 });
      if (isEnter(k)) return act({ kind: 'next' });
      return common(k);
    case 'info':
      if (k.ch === 'i' || isEnter(k)) return act({ kind: 'back' });
      return common(k);
    case 'run':
      if (k.ch === 'a' || k.ch === 'A') return act({ kind: 'abort-request' });
      if (s.run?.ended && isEnter(k)) return act({ kind: 'goto', screen: 'results' });
      return common(k);
    case 'results':
      if (isEnter(k) || k.ch === 'c') return cmd({ cmd: 'open-cert' });
      if (k.ch === 'n') return act({ kind: 'new-job' });
      return common(k);
    default:
      return common(k);
  }
}
