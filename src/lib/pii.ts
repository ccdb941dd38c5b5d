/**
 * The one place that hides a reporter's identity before text leaves the server (chat posts, logs,
 * AI calls), as the code of ethics requires (DOMAIN.md). Detection is rule-based and errs on
 * masking too much: a hidden street name costs little, a leaked NIK cannot be taken back.
 *
 * Choices worth knowing:
 * - NIP (18-digit civil-servant number) is masked as `[NIP]`: in a report body it is usually the
 *   reporter's own (transfers, pensions, recruitment) and it encodes a birth date. Officers are
 *   identified by the registry, never by NIP text, so nothing the bot needs is lost.
 * - Other personal numbers (NISN, NUPTK, NPWP, BPJS/KIS, exam participant, pension, passport)
 *   are masked as `[NOMOR-ID]` when introduced by their keyword.
 * - Tracking ids, years, dates, times and rupiah amounts stay. A bare number becomes a phone only
 *   with a 0/62 prefix and 9–13 digits.
 * - A street name alone ("Jl. Sudirman", often an office or a damaged road) stays; it is masked
 *   with a house number, RT/RW, gang, block, or after a cue such as "alamat:".
 * - Names are found from cues ("nama saya", "atas nama", "a.n.", "Saya, X,", "Saya Ibu X",
 *   "Alm.") and from `knownNames`; an uncued name in free text is only caught via `knownNames`.
 */
import * as P from './pii-patterns.js';
import type { NameRule, PiiKind } from './pii-patterns.js';

export type { PiiKind } from './pii-patterns.js';

export interface MaskOptions {
  /** Names to hide wherever they appear, in any case (e.g. the reporter's); also their distinctive single words. */
  knownNames?: string[];
}

export interface MaskResult {
  text: string;
  /** Kinds that were masked, each once, in a fixed order. */
  found: PiiKind[];
}

/** Shown instead of the text if masking itself fails: failing closed is the only safe answer. */
const UNMASKABLE = '[TEKS DISEMBUNYIKAN]';
/** A replacement can expose a neighbour (a cue next to a new placeholder); a few passes settle it. */
const MAX_PASSES = 4;

type Replace = (m: RegExpExecArray) => string | null;

/** Replace matches of a global regex, leaving any match that touches an existing placeholder alone. */
function substitute(text: string, re: RegExp, fn: Replace): string {
  let guarded: Array<[number, number]> | null = null;
  let out = '';
  let last = 0;
  let g = 0;
  let replaced = false;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    guarded ??= [...text.matchAll(P.PLACEHOLDER_RE)].map((p): [number, number] => [p.index, p.index + p[0].length]);
    while (g < guarded.length && (guarded[g]?.[1] ?? 0) <= start) g++;
    const span = guarded[g];
    if (span && span[0] < end) continue;
    const rep = fn(m);
    if (rep === null) continue;
    out += text.slice(last, start) + rep;
    last = end;
    replaced = true;
  }
  return replaced ? out + text.slice(last) : text;
}

function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}

/** Keep the cue ("NIK: "), hide the number, unless it is really a rupiah amount. */
function keepCue(kind: PiiKind, found: Set<PiiKind>): Replace {
  return (m) => {
    const num = m[m.length - 1] ?? '';
    if (P.AMOUNT_SHAPE.test(num)) return null;
    found.add(kind);
    return m[0].slice(0, m[0].length - num.length) + P.PLACEHOLDER[kind];
  };
}

function whole(kind: PiiKind, found: Set<PiiKind>): Replace {
  return () => {
    found.add(kind);
    return P.PLACEHOLDER[kind];
  };
}

/** Whether digits (0… or 62…) form an Indonesian number; a bare 62 prefix must lead to a mobile. */
function isPhoneDigits(digits: string, bare62: boolean): boolean {
  const d = digits.startsWith('62') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
  return P.PHONE_VALID.test(d) && (!bare62 || d.startsWith('08'));
}

/** A grouped NIK look-alike that continues a phone number ("0812 3456 7890 0813 1111…") is not a NIK. */
function continuesPhone(m: RegExpExecArray): boolean {
  const before = /(?:\d+[ -])+$/.exec(m.input.slice(Math.max(0, m.index - 24), m.index));
  if (!before) return false;
  const head = before[0].trim().split(/[ -]+/);
  const tail = m[0].split(/[ .-]/);
  for (let i = 0; i < head.length; i++) {
    let digits = head.slice(i).join('');
    for (const g of tail) {
      digits += g;
      if (isPhoneDigits(digits, true)) return true;
    }
  }
  return false;
}

/** Longest run of digit groups that forms a valid number; trailing groups (a year, a count) stay. */
function maskPhones(text: string, found: Set<PiiKind>): string {
  return substitute(text, P.PHONE_RE, (m) => {
    const prefix = m[1] ?? '';
    const body = m[2] ?? '';
    if (P.AMOUNT_SHAPE.test(m[0])) return null;
    const groups = [...body.matchAll(P.PHONE_GROUP_RE)];
    const bare62 = prefix.startsWith('62');
    for (let k = groups.length; k > 0; k--) {
      const g = groups[k - 1];
      if (!g) continue;
      const cut = g.index + g[0].length;
      if (!isPhoneDigits(digitsOf(prefix + body.slice(0, cut)), bare62)) continue;
      found.add('phone');
      return P.PLACEHOLDER.phone + maskPhones(body.slice(cut), found);
    }
    // No valid number starts here, but one may start at a later group ("0001 0812-3456-7890").
    const first = groups[0];
    if (!first || groups.length < 2) return null;
    const rest = first.index + first[0].length;
    return prefix + body.slice(0, rest) + maskPhones(body.slice(rest), found);
  });
}

function maskAddresses(text: string, found: Set<PiiKind>): string {
  return substitute(text, P.ADDRESS_RE, (m) => {
    const cue = m[1] ?? '';
    const chain = m[2] ?? '';
    const specific =
      P.ADDR_STRONG.test(chain) ||
      (P.ADDR_NUMBER.test(chain) && P.ADDR_PLACE.test(chain)) ||
      P.ADDR_STREET_NUMBER.test(chain);
    if (!cue && !specific) return null;
    found.add('address');
    return cue + P.PLACEHOLDER.address;
  });
}

const isUpperWord = (t: string): boolean => t.length > 1 && t === t.toUpperCase() && t !== t.toLowerCase();

/** Mask the leading name-like tokens of a cued run; stop at the first word that is not a name. */
function maskNames(text: string, rule: NameRule, found: Set<PiiKind>): string {
  return substitute(text, rule.re, (m) => {
    const cue = (m[1] ?? '') + (m[2] ?? '');
    const run = m[3] ?? '';
    let end = 0;
    const accepted: string[] = [];
    let rejected = false;
    for (const t of run.matchAll(P.NAME_TOKEN_RE)) {
      const word = t[0].replace(/\.$/, '');
      rejected = P.NAME_STOP.has(word.toLowerCase()) || (rule.strict && !/^\p{Lu}/u.test(word));
      if (rejected) break;
      accepted.push(word);
      end = t.index + t[0].length;
    }
    if (accepted.length === 0 || (rule.whole && rejected)) return null;
    // A lone acronym after a lower-case cue is an agency ("atas nama BKN"), not a person.
    const cueIsUpper = cue === cue.toUpperCase();
    if (rule.strict && !cueIsUpper && accepted.length === 1 && isUpperWord(accepted[0] ?? '')) return null;
    found.add('name');
    return cue + P.PLACEHOLDER.name + run.slice(end);
  });
}

/** One sweep of every rule; order matters (specific numbers before generic phones, names last). */
function pass(text: string, found: Set<PiiKind>, known: RegExp | null): string {
  let t = text;
  t = substitute(t, P.EMAIL_RE, whole('email', found));
  t = substitute(t, P.WA_LINK_RE, whole('phone', found));
  // Keyword rules first: "NUPTK 1234…" is not a NIK even though it has 16 digits.
  t = substitute(t, P.NIP_KEYWORD_RE, keepCue('nip', found));
  t = substitute(t, P.NIK_KEYWORD_RE, keepCue('nik', found));
  t = substitute(t, P.ID_KEYWORD_RE, keepCue('id_number', found));
  t = substitute(t, P.ACCOUNT_RE, keepCue('account', found));
  t = substitute(t, P.NIP_RE, whole('nip', found));
  t = substitute(t, P.NIK_RE, (m) => (continuesPhone(m) ? null : whole('nik', found)(m)));
  t = maskPhones(t, found);
  t = substitute(t, P.PHONE_KEYWORD_RE, (m) => (digitsOf(m[2] ?? '').length >= 7 ? keepCue('phone', found)(m) : null));
  t = maskAddresses(t, found);
  for (const rule of P.NAME_RULES) t = maskNames(t, rule, found);
  if (known) t = substitute(t, known, whole('name', found));
  return t;
}

/** Mask personal data in `text`: `maskPii('HP 0812-3456-7890').text === 'HP [TELEPON]'`. */
export function maskPii(text: string, opts?: MaskOptions): MaskResult {
  const found = new Set<PiiKind>();
  try {
    let current = typeof text === 'string' ? text : String(text ?? '');
    const names = Array.isArray(opts?.knownNames) ? opts.knownNames : [];
    const known = names.length ? P.knownNamesRe(names) : null;
    for (let i = 0; i < MAX_PASSES; i++) {
      const next = pass(current, found, known);
      if (next === current) break;
      current = next;
    }
    return { text: current, found: P.KINDS.filter((k) => found.has(k)) };
  } catch {
    return { text: UNMASKABLE, found: P.KINDS.filter((k) => found.has(k)) };
  }
}

/** `maskPii(text, opts).text`, for the common case. */
export function mask(text: string, opts?: MaskOptions): string {
  return maskPii(text, opts).text;
}

/** True when `text` still holds something `maskPii` would hide (placeholders do not count). */
export function containsPii(text: string, opts?: MaskOptions): boolean {
  return maskPii(text, opts).found.length > 0;
}

/** Cut `text` to at most `max` characters at a word boundary, ending with '…'. */
export function shorten(text: string, max: number): string {
  const s = typeof text === 'string' ? text : String(text ?? '');
  const limit = Number.isFinite(max) ? Math.floor(max) : s.length;
  if (s.length <= limit) return s;
  if (limit <= 1) return limit === 1 ? '…' : '';
  let cut = s.slice(0, limit - 1);
  let space = cut.length - 1;
  while (space >= 0 && !/\s/.test(cut.charAt(space))) space--;
  // Prefer a word boundary, but not at the price of throwing away most of the room.
  if (space >= limit / 2) cut = cut.slice(0, space);
  else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // Never leave half a placeholder such as "[TELE…".
  const open = cut.lastIndexOf('[');
  if (open > cut.lastIndexOf(']') && /^\[[A-Z-]*$/.test(cut.slice(open))) cut = cut.slice(0, open);
  return `${cut.replace(/[\s,;:.\-–]+$/u, '')}…`;
}
