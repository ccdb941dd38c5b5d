/**
 * Masked report titles for the scheduled digests. Masking with the reporter's name as a hint
 * (src/lib/pii.ts) costs about half a millisecond a title, and an 08:00 sweep of a national
 * deployment meets tens of thousands, so:
 * - the mask is stored on the report (`title_masked`) when the report is written, together with a
 *   fingerprint of what it was made from (`title_masked_from`: md5 of the mask version, the title
 *   and the reporter's name). A reader uses the stored mask only when the fingerprint still
 *   matches, checked in SQL (`storedMaskSql`), so a write path that forgets to refresh it, or an
 *   edited title or reporter name, can never show a stale mask: it is masked afresh and saved back;
 * - masking itself (`maskedTitle`) passes the name hint only when a word of the name occurs in the
 *   title at all (without such a word the hint cannot match, so the result is the same, at a
 *   fraction of the cost); names with non-ASCII letters always take the full path, where case
 *   folding could differ;
 * - results are cached per process, keyed by the exact inputs that decide them (title and the hint
 *   actually passed), since the same titles recur across reports and days.
 * Bump TITLE_MASK_VERSION whenever src/lib/pii.ts starts masking differently: every stored mask
 * then counts as stale and is made again on its next use.
 */
import { createHash } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client.js';
import { groupTitle } from '../../messages/report-post.js';

export const TITLE_MASK_VERSION = '1';

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
export function maskedTitle(title: string, reporterName: string | null): string {
  const hint = reporterName && mayMention(title, reporterName) ? reporterName : null;
  const key = `${title}\u0000${hint ?? ''}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Re-insert so the Map's order keeps the most recently used last.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const masked = groupTitle({ title, reporterName: hint });
  cache.set(key, masked);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
  return masked;
}

/** What a stored mask was made from; equals the SQL of `storedMaskSql` for the same inputs. */
export function titleMaskFingerprint(title: string, reporterName: string | null): string {
  return createHash('md5').update(`${TITLE_MASK_VERSION}\u001f${title}\u001f${reporterName ?? ''}`, 'utf8').digest('hex');
}

/** The report columns to write with a title (create, edit, import): `{ titleMasked, titleMaskedFrom }`. */
export function storedTitleMask(title: string, reporterName: string | null | undefined): { titleMasked: string; titleMaskedFrom: string } {
  return { titleMasked: maskedTitle(title, reporterName ?? null), titleMaskedFrom: titleMaskFingerprint(title, reporterName ?? null) };
}

/**
 * SQL for the stored mask when it is still valid, else NULL, over a query with the report as `r`
 * and its reporter (LEFT JOIN) as `rp`.
 */
export function storedMaskSql(r = 'r', rp = 'rp'): Prisma.Sql {
  const report = Prisma.raw(r);
  const reporter = Prisma.raw(rp);
  return Prisma.sql`CASE WHEN ${report}.title_masked_from = md5(${TITLE_MASK_VERSION}::text || chr(31) || ${report}.title || chr(31) || coalesce(${reporter}.name, '')) THEN ${report}.title_masked END`;
}
