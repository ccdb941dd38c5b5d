/** Arguments the look-up commands share: an optional page number, possibly typed first. */
import { z } from 'zod';

/** The optional page number (`/saya 2`). */
export const pageArg = z
  .string()
  .regex(/^\d{1,4}$/, 'halaman berupa angka, mis. 2')
  .transform(Number)
  .pipe(z.number().int().min(1, 'halaman dimulai dari 1'))
  .optional();

/**
 * `/daftar 2` means page 2, not a status called "2": when the first optional parameter is a bare
 * number and the page is missing, move it to the page.
 */
export function pageMayComeFirst<S extends z.ZodType>(first: string, schema: S) {
  return z.preprocess((input) => {
    if (!input || typeof input !== 'object') return input;
    const v = input as Record<string, unknown>;
    const head = v[first];
    return typeof head === 'string' && /^\d+$/.test(head) && v.halaman === undefined ? { ...v, [first]: undefined, halaman: head } : input;
  }, schema);
}
