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

/** Settings: a form of text fields and choices. Letters are text; Ctrl-S saves (Esc asks first
 *  when there are unsaved changes, for consoles where Ctrl-S is flow control). */
function settingsKeys(s: ViewState, k: Key): Intent {
  if (s.settings?.leavePrompt) {
    if (k.ch === 's' || k.ch === 'S') return cmd({ cmd: 'save-settings', leave: true });
    if (k.ch === 'd' || k.ch === 'D') return act({ kind: 'discard-settings' });
    return k.name === 'escape' ? act({ kind: 'back' }) : null;
  }
  if (k.full === 'C-s') return cmd({ cmd: 'save-settings', leave: false });
  if (k.name === 'left') return act({ kind: 'adjust', delta: -1 });
  if (k.name === 'right') return act({ kind: 'adjust', delta: 1 });
  if (k.name === 'pageup' || k.name === 'pagedown') return act({ kind: 'move', delta: k.name === 'pageup' ? -PAGE : PAGE });
  if (k.name === 'home' || k.name === 'end') return act({ kind: 'move', delta: k.name === 'home' ? -1e9 : 1e9 });
  return null;
}

/** Text entry screens: letters are text, so quitting and the log need Esc first. */
function textEntry(s: ViewState, k: Key): Intent {
  if (s.screen === 'settings') {
    const i = settingsKeys(s, k);
    if (i || s.settings?.leavePrompt) return i;
  }
  if (k.name === 'backspace') return act({ kind: 'erase-char' });
  if (s.screen === 'job' || s.screen === 'settings') {
    if (k.name === 'tab' || k.name === 'down') return act({ kind: 'move', delta: 1 });
    if (k.full === 'S-tab' || k.name === 'up') return act({ kind: 'move', delta: -1 });
    if (isEnter(k)) return act({ kind: 'next' });
  }
  if (s.screen === 'job' && (k.name === 'left' || k.name === 'right')) return act({ kind: 'adjust', delta: k.name === 'left' ? -1 : 1 });
  if (s.screen === 'confirm' && isEnter(k)) {
    if (confirmAccepts(s, s.confirmText)) return cmd({ cmd: 'start' });
    const n = targets(s).length;
    return act({ kind: 'message', level: 'error', text: n ? `Type ${n} (the number of disks) or ERASE, then Enter` : 'No disk left to erase: press Esc' });
  }
  if (k.name === 'escape') return act({ kind: 'back' });
  if (k.ch && k.ch.length === 1 && /^[\x20-\x7e\u00a0-\u00ff]$/.test(k.ch) && !k.full?.startsWith('C-')) return act({ kind: 'type', ch: k.ch });
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
  if (s.screen === 'job' || s.screen === 'confirm' || s.screen === 'settings') return textEntry(s, k);
  if (k.ch === 'q' || k.ch === 'Q') return s.screen === 'cert' || s.screen === 'log' || s.screen === 'info' ? act({ kind: 'back' }) : cmd({ cmd: 'quit' });
  if ((k.ch === 'l' || k.ch === 'L') && s.screen !== 'log') return act({ kind: 'goto', screen: 'log' });
  switch (s.screen) {
    case 'disks':
      if (k.name === 'space' || k.ch === ' ') return act({ kind: 'toggle' });
      if (k.ch === 'a') return act({ kind: 'select-all' });
      if (k.ch === 'n') return act({ kind: 'select-none' });
      if (k.ch === 'i') return act({ kind: 'goto', screen: 'info' });
      if (k.ch === 's' || k.ch === 'S') return act({ kind: 'goto', screen: 'settings' });
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
      if (k.ch === 'p') return cmd({ cmd: 'print', all: false });
      if (k.ch === 'P') return cmd({ cmd: 'print', all: true });
      return common(k);
    default:
      return common(k);
  }
}
