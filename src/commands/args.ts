/** Tokenising command text into the named parameters a command declares, and shared zod types. */
import { z } from 'zod';

/** LAPOR! tracking ids as people type them: `1234567`, `#1234567`, `DEMO-1001`. */
export const trackingId = z
  .string({ error: 'nomor laporan wajib diisi' })
  .transform((s) => s.trim().replace(/^#/, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'nomor laporan berupa huruf/angka, mis. 1234567'));

export const freeText = (what: string) =>
  z.string({ error: `${what} wajib diisi` }).trim().min(1, `${what} wajib diisi`).max(3500, `${what} terlalu panjang (maks. 3500 karakter)`);

export const unitCode = z
  .string({ error: 'kode unit wajib diisi' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'kode unit berupa huruf/angka/tanda hubung, mis. BKN-DIT-PENGADAAN')
  .transform((s) => s.toUpperCase());

export interface Tokenised {
  values: Record<string, string | boolean | undefined>;
  /** Tokens left over after the last parameter (a sign of a typo). */
  extra: string[];
}

/**
 * Split `rest` (the text after the command) into params. `--flag` tokens anywhere are flags;
 * a param ending in `...` takes the remaining text verbatim (flags removed).
 */
export function tokenise(rest: string, params: readonly string[], flags: readonly string[] = []): Tokenised {
  const values: Record<string, string | boolean | undefined> = {};
  let text = rest;
  for (const f of flags) {
    const re = new RegExp(`(^|\\s)--${f}(?=\\s|$)`, 'i');
    values[f] = re.test(text);
    text = text.replace(re, ' ');
  }
  text = text.trim();
  for (const p of params) {
    if (p.endsWith('...')) {
      values[p.slice(0, -3)] = text === '' ? undefined : text;
      text = '';
      break;
    }
    const m = /^(\S+)\s*/.exec(text);
    values[p] = m?.[1];
    text = m ? text.slice(m[0].length) : '';
  }
  return { values, extra: text === '' ? [] : text.split(/\s+/) };
}
