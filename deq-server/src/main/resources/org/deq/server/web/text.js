// Text from the archive or the server as the pages show it (app.js and eval.js both load this first).
'use strict';

/**
 * Characters that act or hide rather than show: bidirectional controls, which reorder the text after them (U+202E shows
 * 'rtl\u202Egpj.exe' as 'rtlexe.jpg'), and invisible ones (zero-width space, word joiner, soft hyphen, byte-order mark),
 * with which two ids that differ look the same. Joiners that scripts and emoji need (U+200C, U+200D) and Mongolian's
 * vowel separator (U+180E) are kept.
 */
const HIDDEN_CHARACTERS = /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * Text from the archive or the server as the page shows it: each such character written as ⟨U+202E⟩, so that a stored
 * id or label can neither pass for another nor make the text around it read backwards. Requests keep the text.
 */
function visible(text) {
  return String(text).replace(HIDDEN_CHARACTERS,
    (c) => '⟨U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0') + '⟩');
}
