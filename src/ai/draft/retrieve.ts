/**
 * Full-text retrieval for drafts: the unit's earlier answers (tindak lanjut texts in the report
 * history, matched with PostgreSQL's text search on the fly and re-ranked by shared normalised
 * roots) and the knowledge base (the /cari search of src/info/search.ts over the stored `search`
 * vector). Every text is masked before it is used.
 */
import { isDomainError } from '../../domain/errors.js';
import { mask } from '../../lib/pii.js';
import { searchKnowledge } from '../../info/search.js';
import type { ServiceContext } from '../../services/context.js';
import { contentTokens, normalize } from '../classifier/normalize.js';

export interface EarlierAnswer {
  trackingId: string;
  text: string;
  at: Date;
  score: number;
}

export interface KnowledgeHit {
  trackingId: string;
  question: string;
  text: string;
  score: number;
}

const MAX_TERMS = 16;
const CANDIDATES = 30;

/**
 * An OR query of the text's roots (as prefixes: "cair:*" finds "cairkan") and surface words
 * ("pencairan"), for the 'simple' configuration. Null when the text has no content word.
 */
export function tsQueryOf(text: string): string | null {
  const terms = new Set<string>();
  for (const t of contentTokens(text)) {
    if (terms.size >= MAX_TERMS * 2) break;
    if (/^[a-z0-9]+$/.test(t.root)) terms.add(`${t.root}:*`);
    if (/^[a-z0-9]+$/.test(t.word)) terms.add(t.word);
  }
  return terms.size ? [...terms].join(' | ') : null;
}

/** Shared roots, favouring short focused answers: |A ∩ Q| / √|A|. */
function overlap(query: ReadonlySet<string>, text: string): number {
  const roots = new Set(normalize(text));
  if (roots.size === 0) return 0;
  let shared = 0;
  for (const r of roots) if (query.has(r)) shared++;
  return shared / Math.sqrt(roots.size);
}

interface AnswerRow {
  reason: string;
  at: Date;
  tracking_id: string;
  reporter_name: string | null;
}

/** The unit's earlier tindak lanjut answers most like `queryText` (other reports only), best first. */
export async function earlierAnswers(ctx: ServiceContext, opts: { agencyId: string; unitId: string; excludeReportId: string; queryText: string; limit?: number }): Promise<EarlierAnswer[]> {
  const q = tsQueryOf(opts.queryText);
  if (!q) return [];
  const rows = await ctx.db.$queryRaw<AnswerRow[]>`
    SELECT e.reason, e.at, r.tracking_id, rp.name AS reporter_name
    FROM report_event e
    JOIN report r ON r.id = e.report_id
    LEFT JOIN reporter rp ON rp.report_id = r.id
    CROSS JOIN to_tsquery('simple', ${q}) q
    WHERE r.agency_id = ${opts.agencyId}::uuid
      AND e.report_id <> ${opts.excludeReportId}::uuid
      AND e.action IN ('followed_up', 'closed')
      AND e.reason IS NOT NULL
      AND e.after->>'unitId' = ${opts.unitId}
      AND to_tsvector('simple', e.reason) @@ q
    ORDER BY ts_rank(to_tsvector('simple', e.reason), q) DESC, e.id DESC
    LIMIT ${CANDIDATES}`;
  const query = new Set(normalize(opts.queryText));
  const seen = new Set<string>();
  return rows
    .map((r) => ({ trackingId: r.tracking_id, text: mask(r.reason, { knownNames: r.reporter_name ? [r.reporter_name] : [] }), at: r.at, score: overlap(query, r.reason) }))
    .filter((a) => a.score > 0)
    .sort((a, b) => b.score - a.score || b.at.getTime() - a.at.getTime())
    .filter((a) => (seen.has(a.trackingId) ? false : (seen.add(a.trackingId), true)))
    .slice(0, opts.limit ?? 3);
}

/** Answers in the agency's knowledge base most like `queryText` (the /cari search), best first, masked. */
export async function knowledgeHits(ctx: ServiceContext, opts: { agencyId: string; queryText: string; limit?: number }): Promise<KnowledgeHit[]> {
  try {
    const hits = await searchKnowledge(ctx.db, { agencyId: opts.agencyId, query: opts.queryText, limit: opts.limit ?? 2 });
    return hits
      .filter((h) => h.answers.length > 0)
      .map((h) => ({ trackingId: h.trackingId, question: mask(h.question), text: mask(h.answers.map((a) => a.text).join(' ')), score: h.rank }));
  } catch (e) {
    // A query with no searchable word is refused by the search; a draft simply has no KB entry then.
    if (isDomainError(e)) return [];
    throw e;
  }
}
