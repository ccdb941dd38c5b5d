/**
 * Masked report titles for the scheduled digests. Masking with the reporter's name as a hint
 * (src/lib/pii.ts) costs a few milliseconds a title, and an 08:00 sweep meets thousands, so:
 * - the name hint is only passed when a word of the name occurs in the title at all (without
 *   such a word the hint cannot match, so the result is the same, at a fraction of the cost);
 *   names with non-ASCII letters always take the full path, where case folding could differ;
 * - results are cached per process, keyed by the exact inputs (a changed title or name is a
 *   different key, so a stale mask is never shown), since the same open reports appear in the
 *   sweep and the overdue digest every working day.
 */
import { groupTitle } from '../../messages/report-post.js';

const LIMIT = 20_000;
const cache = new Map<string, string>();

/** True unless the title certainly does not contain any word of the name. */
function mayMention(title: string, name: string): boolean {
  if (/[^\x20-\x7e]/.test(name)) return true;
  const lowered = title.toLowerCase();
  return name
    .split(/\s+/)
    .map((t) => t.replace(/^[^a-z0-9]+|[^a-z0-9]+$/gi, '').toLowerCase())
    .some((t) => t.length >= 2 && lowered.includes(t));
}

/** groupTitle({ title, reporterName }), cheaper and cached. */
export function maskedTitle(reportId: string, title: string, reporterName: string | null): string {
  const key = `${reportId}\u0000${title}\u0000${reporterName ?? ''}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Re-insert so the Map's order keeps the most recently used last.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const masked = groupTitle({ title, reporterName: reporterName && mayMention(title, reporterName) ? reporterName : null });
  cache.set(key, masked);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
  return masked;
}
