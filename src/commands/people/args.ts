/** Argument types the people commands share. */
import { z } from 'zod';

/** A join request's id: the full uuid (buttons) or its first 8 hex characters (typed). */
export const requestId = z
  .string({ error: 'ID permintaan wajib diisi, mis. /setujui 3f2a9c1b' })
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/, 'ID permintaan berupa 8 karakter pertama yang tertera di pesan permintaan, mis. 3f2a9c1b');

/** Opening quote → the quotes that may close it (phones turn " into “ ”, „ “ or ” ”). */
const QUOTES: Record<string, readonly string[]> = { '"': ['"', '”'], '“': ['”', '"'], '„': ['“', '”'], '”': ['”'], '«': ['»'] };

/**
 * Split person references, keeping double-quoted names together:
 * `@budi "Budi Santoso"` → ['@budi', 'Budi Santoso']. Null when a quote is left open.
 */
export function splitRefs(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const closers = QUOTES[c];
    if (closers) {
      const ends = closers.map((q) => text.indexOf(q, i + 1)).filter((n) => n >= 0);
      if (ends.length === 0) return null;
      const end = Math.min(...ends);
      out.push(text.slice(i + 1, end).trim().replace(/\s+/g, ' '));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

/** Exactly two person references: who hands over, and to whom. */
export const twoPeople = z
  .string({ error: 'sebutkan dua orang: dari siapa dan ke siapa' })
  .transform((s, ctx) => {
    const refs = splitRefs(s);
    if (!refs) {
      ctx.addIssue({ code: 'custom', message: 'tanda kutip belum ditutup; tulis nama lengkap di antara "…"' });
      return z.NEVER;
    }
    if (refs.length !== 2 || refs.some((r) => r === '')) {
      ctx.addIssue({ code: 'custom', message: 'sebutkan tepat dua orang: dari siapa dan ke siapa; nama yang berspasi ditulis di antara tanda kutip, mis. "Budi Santoso"' });
      return z.NEVER;
    }
    return { from: refs[0]!, to: refs[1]! };
  });
