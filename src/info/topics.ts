/** Matching what an operator types ("cpns", "pensiun janda") against directory topics (pure). */
import { normalizeTerms } from './normalize.js';

/** Shared normalised terms, prefixes counting: "cpns" matches "CPNS/PPPK", "daftar" matches "Pendaftaran". */
export function topicScore(query: string, topic: string | null | undefined): number {
  if (!topic) return 0;
  const q = new Set(normalizeTerms(query));
  const t = new Set(normalizeTerms(topic));
  let score = 0;
  for (const a of q) {
    for (const b of t) {
      if (a === b) score += 2;
      else if (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a))) score += 1;
    }
  }
  return score;
}

export function topicMatches(query: string, topic: string | null | undefined): boolean {
  return topicScore(query, topic) > 0;
}
