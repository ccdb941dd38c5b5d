/**
 * parse_mode handling for the fake Bot API: turns HTML / MarkdownV2 / Markdown into plain text
 * plus entities, and rejects malformed markup with the real "can't parse entities" errors.
 *
 * Unescaped user input ("a < b", "Rp 1.000") is one of the most common ways a Telegram bot
 * breaks in production, so the fake is deliberately strict here, like the real server.
 * Offsets are UTF-16 code units (JS string indices), as in the Bot API.
 */
import type { MessageEntity } from 'grammy/types';
import { TelegramError } from './telegram-params.js';

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

function parseError(detail: string): TelegramError {
  return TelegramError.badRequest(`can't parse entities: ${detail}`);
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), 'utf8');
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.filter((e) => e.length > 0).sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** Applies a parse_mode; `undefined`/empty means plain text. */
export function applyParseMode(source: string, parseMode: string | undefined): FormattedText {
  if (parseMode === undefined || parseMode === '') return { text: source, entities: [] };
  switch (parseMode.toLowerCase()) {
    case 'html':
      return parseHtml(source);
    case 'markdownv2':
      return parseMarkdownV2(source);
    case 'markdown':
      return parseMarkdownLegacy(source);
    default:
      throw TelegramError.badRequest('unsupported parse_mode');
  }
}

// ---------------------------------------------------------------------------------------- HTML

const HTML_SIMPLE: Record<string, MessageEntity['type']> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler',
  code: 'code', pre: 'pre', blockquote: 'blockquote', a: 'text_link', span: 'spoiler', 'tg-emoji': 'custom_emoji',
};

function decodeHtmlEntity(source: string, at: number): { value: string; end: number } | undefined {
  const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(source.slice(at, at + 12));
  if (!m) return undefined;
  const name = m[1] ?? '';
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  const cp = name.startsWith('#x') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : NaN;
  const value = named[name] ?? (cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined);
  return value === undefined ? undefined : { value, end: at + m[0].length };
}

function parseHtml(source: string): FormattedText {
  let out = '';
  const entities: MessageEntity[] = [];
  const stack: Array<{ tag: string; start: number; attrs: Map<string, string> }> = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === '&') {
      const entity = decodeHtmlEntity(source, i);
      out += entity ? entity.value : '&';
      i = entity ? entity.end : i + 1;
      continue;
    }
    if (ch !== '<') {
      out += ch;
      i += 1;
      continue;
    }
    if (source[i + 1] === '/') {
      const close = source.indexOf('>', i);
      if (close < 0) throw parseError(`Unclosed end tag at byte offset ${byteOffset(source, i)}`);
      const name = source.slice(i + 2, close).trim().toLowerCase();
      const open = stack.pop();
      if (!open) throw parseError(`Unexpected end tag at byte offset ${byteOffset(source, i)}`);
      if (open.tag !== name) {
        throw parseError(
          `Unmatched end tag at byte offset ${byteOffset(source, i)}, expected "</${open.tag}>", found "</${name}>"`,
        );
      }
      const entity = htmlEntity(open.tag, open.attrs, open.start, out.length - open.start, stack);
      if (entity) entities.push(entity);
      i = close + 1;
      continue;
    }
    // Like the real parser, the tag name runs to the first space or '>' — so "1 < 2" fails
    // with an empty tag name and "<路徑>" with that name.
    let nameEnd = i + 1;
    while (nameEnd < source.length && !/[\s>]/.test(source[nameEnd] ?? '')) nameEnd++;
    if (nameEnd >= source.length) throw parseError(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
    const tag = source.slice(i + 1, nameEnd).toLowerCase();
    if (!(tag in HTML_SIMPLE)) throw parseError(`Unsupported start tag "${tag}" at byte offset ${byteOffset(source, i)}`);
    const close = source.indexOf('>', nameEnd);
    if (close < 0) throw parseError(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
    const attrs = new Map<string, string>();
    // Valueless attributes (<blockquote expandable>) are allowed.
    for (const a of source.slice(nameEnd, close).matchAll(/([\w-]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s"']+)))?/g)) {
      attrs.set((a[1] ?? '').toLowerCase(), a[3] ?? a[4] ?? a[5] ?? '');
    }
    if (tag === 'span' && attrs.get('class') !== 'tg-spoiler') {
      throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, i)}`);
    }
    stack.push({ tag, start: out.length, attrs });
    i = close + 1;
  }
  const unclosed = stack.pop();
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  // <pre><code class="language-x"> yields one pre entity with a language, not two.
  const withLanguage = entities.filter((e) => e.type === 'pre' && e.language !== undefined);
  const merged = entities.filter(
    (e) => !(e.type === 'pre' && e.language === undefined && withLanguage.some((l) => l.offset === e.offset && l.length === e.length)),
  );
  return { text: out, entities: sortEntities(merged) };
}

function htmlEntity(
  tag: string,
  attrs: Map<string, string>,
  offset: number,
  length: number,
  outer: Array<{ tag: string }>,
): MessageEntity | undefined {
  const type = HTML_SIMPLE[tag];
  if (type === 'text_link') {
    const url = attrs.get('href');
    return url ? { type, offset, length, url } : undefined;
  }
  if (type === 'custom_emoji') {
    const id = attrs.get('emoji-id');
    return id ? { type, offset, length, custom_emoji_id: id } : undefined;
  }
  if (type === 'code') {
    // <pre><code class="language-x"> is one pre entity with a language, not pre + code.
    const lang = /^language-(.+)$/.exec(attrs.get('class') ?? '')?.[1];
    if (outer.at(-1)?.tag === 'pre') return lang ? { type: 'pre', offset, length, language: lang } : undefined;
    return { type: 'code', offset, length };
  }
  if (type === 'blockquote' && attrs.has('expandable')) return { type: 'expandable_blockquote', offset, length };
  if (type === 'pre' || type === 'bold' || type === 'italic' || type === 'underline' || type === 'strikethrough' ||
    type === 'spoiler' || type === 'blockquote') {
    return { type, offset, length };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------- MarkdownV2

const MDV2_RESERVED = new Set('_*[]()~`>#+-=|{}.!'.split(''));
const MDV2_NAMES: Record<string, string> = {
  '*': 'Bold', _: 'Italic', __: 'Underline', '~': 'Strikethrough', '||': 'Spoiler', '[': 'TextUrl',
};
type StyleType = MessageEntity.CommonMessageEntity['type'];

const MDV2_TYPES: Record<string, StyleType> = {
  '*': 'bold', _: 'italic', __: 'underline', '~': 'strikethrough', '||': 'spoiler',
};

function parseMarkdownV2(source: string): FormattedText {
  let out = '';
  const entities: MessageEntity[] = [];
  const stack: Array<{ marker: string; start: number; at: number }> = [];
  let quoteStart: number | undefined;
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    const lineStart = i === 0 || source[i - 1] === '\n';
    if (lineStart && ch === '>') {
      quoteStart ??= out.length;
      i += 1;
      continue;
    }
    if (lineStart && quoteStart !== undefined && ch !== '>') {
      // The quote ended on the previous line; the newline itself is not part of it.
      entities.push({ type: 'blockquote', offset: quoteStart, length: out.length - 1 - quoteStart });
      quoteStart = undefined;
    }
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) throw parseError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      out += next;
      i += 2;
      continue;
    }
    if (ch === '`') {
      const fence = source.startsWith('```', i);
      const marker = fence ? '```' : '`';
      const end = findUnescaped(source, marker, i + marker.length);
      if (end < 0) throw parseError(`Can't find end of ${fence ? 'Pre' : 'Code'} entity at byte offset ${byteOffset(source, i)}`);
      let body = source.slice(i + marker.length, end).replace(/\\([`\\])/g, '$1');
      let language: string | undefined;
      if (fence) {
        const nl = body.indexOf('\n');
        if (nl >= 0 && /^[\w+-]*$/.test(body.slice(0, nl))) {
          language = body.slice(0, nl) || undefined;
          body = body.slice(nl + 1);
        }
      }
      entities.push(fence
        ? { type: 'pre', offset: out.length, length: body.length, ...(language ? { language } : {}) }
        : { type: 'code', offset: out.length, length: body.length });
      out += body;
      i = end + marker.length;
      continue;
    }
    const two = source.slice(i, i + 2);
    const marker = two === '__' || two === '||' ? two : ch;
    if (marker in MDV2_TYPES) {
      const top = stack.at(-1);
      if (top?.marker === marker) {
        stack.pop();
        const type = MDV2_TYPES[marker];
        if (type) entities.push({ type, offset: top.start, length: out.length - top.start });
      } else {
        stack.push({ marker, start: out.length, at: i });
      }
      i += marker.length;
      continue;
    }
    if (ch === '[') {
      stack.push({ marker: '[', start: out.length, at: i });
      i += 1;
      continue;
    }
    if (ch === ']' && stack.at(-1)?.marker === '[' && source[i + 1] === '(') {
      const open = stack.pop();
      const end = findUnescaped(source, ')', i + 2);
      if (!open || end < 0) throw parseError(`Can't find end of a url at byte offset ${byteOffset(source, i)}`);
      const url = source.slice(i + 2, end).replace(/\\([)\\])/g, '$1');
      entities.push({ type: 'text_link', offset: open.start, length: out.length - open.start, url });
      i = end + 1;
      continue;
    }
    if (MDV2_RESERVED.has(ch)) {
      throw parseError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    out += ch;
    i += 1;
  }
  if (quoteStart !== undefined) entities.push({ type: 'blockquote', offset: quoteStart, length: out.length - quoteStart });
  const open = stack.pop();
  if (open) {
    throw parseError(`Can't find end of ${MDV2_NAMES[open.marker] ?? 'the'} entity at byte offset ${byteOffset(source, open.at)}`);
  }
  return { text: out, entities: sortEntities(entities) };
}

function findUnescaped(source: string, needle: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') {
      i += 1;
      continue;
    }
    if (source.startsWith(needle, i)) return i;
  }
  return -1;
}

// ------------------------------------------------------------------------------ Markdown (legacy)

function parseMarkdownLegacy(source: string): FormattedText {
  let out = '';
  const entities: MessageEntity[] = [];
  const types: Record<string, StyleType> = { '*': 'bold', _: 'italic', '`': 'code' };
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === '\\' && i + 1 < source.length && '*_`['.includes(source[i + 1] ?? '')) {
      out += source[i + 1];
      i += 2;
      continue;
    }
    const marker = source.startsWith('```', i) ? '```' : ch;
    const type = marker === '```' ? 'pre' : types[marker];
    if (type) {
      const end = source.indexOf(marker, i + marker.length);
      if (end < 0) {
        throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(source, i)}`);
      }
      const body = source.slice(i + marker.length, end);
      entities.push(type === 'pre' ? { type, offset: out.length, length: body.length } : { type, offset: out.length, length: body.length });
      out += body;
      i = end + marker.length;
      continue;
    }
    const link = ch === '[' ? /^\[([^\]]*)\]\(([^)]*)\)/.exec(source.slice(i)) : null;
    if (link) {
      entities.push({ type: 'text_link', offset: out.length, length: (link[1] ?? '').length, url: link[2] ?? '' });
      out += link[1] ?? '';
      i += link[0].length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return { text: out, entities: sortEntities(entities) };
}

// ------------------------------------------------------------------------------ incoming text

/**
 * Entities Telegram's clients/servers attach to user-typed text: bot commands and @mentions.
 * grammy's `bot.command()` relies on the `bot_command` entity at offset 0.
 */
export function detectEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const m of text.matchAll(/(?<![\w/@])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])/g)) {
    entities.push({ type: 'bot_command', offset: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(/(?<![\w@/])@[A-Za-z0-9_]{5,32}(?!\w)/g)) {
    const inside = entities.some((e) => m.index >= e.offset && m.index < e.offset + e.length);
    if (!inside) entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  return sortEntities(entities);
}
