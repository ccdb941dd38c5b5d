/**
 * `/cari`: the knowledge base. Answered information requests of the agency, found by
 * PostgreSQL full-text search over the Indonesian-normalised questions and answers
 * (`info_request_message.search`, 'simple' config, GIN index) and ranked by ts_rank, the
 * question weighing more than the answer.
 */
import { fail } from '../domain/errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { toPrefixQuery } from './normalize.js';

export interface KnowledgeHit {
  trackingId: string;
  question: string;
  /** The answers, oldest first. */
  answers: { text: string; by: string; at: Date }[];
  unit: { code: string; name: string };
  askedAt: Date;
  rank: number;
}

interface Row {
  id: string;
  tracking_id: string;
  question: string;
  asked_at: Date;
  unit_code: string;
  unit_name: string;
  rank: number;
}

/** Answer text counts for less than the question in the ranking. */
const ANSWER_WEIGHT = 0.5;

export async function searchKnowledge(db: PrismaClient, input: { agencyId: string; query: string; limit?: number }): Promise<KnowledgeHit[]> {
  const tsquery = toPrefixQuery(input.query);
  if (!tsquery) return fail('INVALID_ARGS', { expected: 'kata kunci terlalu umum; tulis kata yang khas, mis. /cari pendaftaran PPPK' });
  const limit = Math.min(Math.max(input.limit ?? 5, 1), 20);
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id, r.tracking_id, r.question, r.asked_at, u.code AS unit_code, u.name AS unit_name,
           sum(ts_rank(m.search, q) * CASE WHEN m.kind = 'answer' THEN ${ANSWER_WEIGHT}::float8 ELSE 1 END)::float8 AS rank
      FROM info_request_message m
      JOIN info_request r ON r.id = m.request_id
      JOIN unit u ON u.id = r.unit_id
      CROSS JOIN to_tsquery('simple', ${tsquery}) AS q
     WHERE r.agency_id = ${input.agencyId}::uuid
       AND r.first_answer_at IS NOT NULL
       AND m.search @@ q
     GROUP BY r.id, u.code, u.name
     ORDER BY rank DESC, r.asked_at DESC
     LIMIT ${limit}`;
  if (rows.length === 0) return [];
  const answers = await db.infoRequestMessage.findMany({
    where: { requestId: { in: rows.map((r) => r.id) }, kind: 'answer' },
    orderBy: { id: 'asc' },
    select: { requestId: true, text: true, authorName: true, at: true },
  });
  return rows.map((r) => ({
    trackingId: r.tracking_id,
    question: r.question,
    answers: answers.filter((a) => a.requestId === r.id).map((a) => ({ text: a.text, by: a.authorName, at: a.at })),
    unit: { code: r.unit_code, name: r.unit_name },
    askedAt: r.asked_at,
    rank: Number(r.rank),
  }));
}
