/**
 * Stored signatures must stay comparable with new ones: these values were made by the first
 * implementation of textSignature, and any rewrite (for speed, say) must give them bit for bit.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { textSignature } from '../../src/intake/duplicates.js';

const digest = (s: string | null): string => createHash('sha256').update(s ?? '').digest('hex').slice(0, 16);

describe('textSignature is stable across implementations', () => {
  it.each([
    ['Jadwal tes kompetensi PPPK belum diumumkan di portal SSCASN padahal sudah lewat dua minggu.', '26718e0d12f3ce9e0a1d84a0214a4d30', '7fd6f9234979a98b'],
    ['Café résumé di Jalan Merdeka', '73e10bad13b8e24111d4699021b5b879', '26a1ab9907906152'],
    ['pensiun', '7402bdd0ee8a4d2ce4aa1f86b33107ef', 'e3c22b28f4856fbd'],
  ])('%s', (text, head, sha) => {
    const s = textSignature(text);
    expect(s).toMatch(/^[0-9a-f]{512}$/);
    expect(s!.slice(0, 32)).toBe(head);
    expect(digest(s)).toBe(sha);
  });
});
