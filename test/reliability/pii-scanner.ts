/**
 * The PII scanner of the security suite: finds the fixtures' personal data (reporter names, NIK,
 * phone numbers, e-mail addresses) in messages and log lines, however the digits are spaced, plus
 * anything `maskPii` still classifies as a NIK, phone number or e-mail address.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { maskPii } from '../../src/lib/pii.js';
import type { Logger } from '../../src/lib/logger.js';

export interface Fixtures {
  names: readonly string[];
  /** Phone numbers, NIKs and other numbers, written any way (separators are ignored). */
  numbers: readonly string[];
  emails: readonly string[];
}

export interface Leak {
  where: string;
  what: string;
  excerpt: string;
}

/** A digit run that may be split by spaces, dots, dashes or a leading +62 / 0. */
function digitsPattern(n: string): RegExp {
  const digits = n.replace(/\D/g, '').replace(/^62/, '').replace(/^0/, '');
  return new RegExp(`(?<!\\d)(?:\\+?62|0)?[\\s.\\-]{0,2}${digits.split('').join('[\\s.\\-]{0,2}')}(?!\\d)`);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `detect`: also flag whatever maskPii still classifies as a NIK, phone or e-mail (off for fuzz
 * runs, whose random digits people typed themselves are echoed back in refusals).
 */
export function scanner(f: Fixtures, opts: { detect?: boolean } = {}): (where: string, text: string) => Leak[] {
  const needles: { what: string; re: RegExp }[] = [
    ...f.names.map((n) => ({ what: `name ${n}`, re: new RegExp(escapeRe(n), 'i') })),
    ...f.numbers.map((n) => ({ what: `number ${n}`, re: digitsPattern(n) })),
    ...f.emails.map((e) => ({ what: `e-mail ${e}`, re: new RegExp(escapeRe(e), 'i') })),
  ];
  return (where, text) => {
    const leaks: Leak[] = [];
    for (const n of needles) {
      const m = n.re.exec(text);
      if (m) leaks.push({ where, what: n.what, excerpt: text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40) });
    }
    const kinds = opts.detect === false ? [] : maskPii(text).found.filter((k) => k === 'nik' || k === 'phone' || k === 'email');
    for (const k of kinds) leaks.push({ where, what: `detected ${k}`, excerpt: text.slice(0, 160) });
    return leaks;
  };
}

/** A pino logger at `level` whose every line lands in `lines` (for scanning). */
export function capturingLogger(lines: string[], level = 'trace'): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return pino({ level }, sink);
}
