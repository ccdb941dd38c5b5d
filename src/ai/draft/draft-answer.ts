/**
 * `/draf`: a draft respon awal or tindak lanjut for the officer to edit, grounded in the unit's
 * earlier answers and the knowledge base. The model writes it when configured (masked, fenced
 * inputs; validated output); otherwise — or when the model fails — a template does. The draft is
 * only returned to the caller, which sends it privately; nothing is recorded on the report.
 */
import { z } from 'zod';
import { fail } from '../../domain/errors.js';
import { mask } from '../../lib/pii.js';
import { formatLocalDate } from '../../messages/format.js';
import { requireUnitOfficer } from '../../services/acl.js';
import type { ReportKey } from '../../services/apply-report-action.js';
import type { ActorRef, ServiceContext } from '../../services/context.js';
import { reportText } from '../classifier/training-data.js';
import { loadPrompt } from '../prompts.js';
import { aiFor } from '../runtime.js';
import { dataBlock, stripDelimiters } from '../safety.js';
import { dbUsageMeter } from '../usage.js';
import { earlierAnswers, knowledgeHits, type EarlierAnswer, type KnowledgeHit } from './retrieve.js';
import { templateDraft, type DraftKind } from './template.js';

export interface Draft {
  trackingId: string;
  kind: DraftKind;
  source: 'llm' | 'template';
  text: string;
  /** Tracking ids of the earlier answers the draft builds on. */
  usedAnswers: string[];
  /** Knowledge-base entries (information request ids) shown with the draft. */
  usedKnowledge: string[];
}

const draftAnswer = z.object({ draft: z.string().min(20).max(4000), used: z.array(z.string().max(60)).max(10).default([]) });

const block = (label: string, items: string[]): string => (items.length ? `<<<${label}\n${items.join('\n\n')}\n${label}>>>` : '(tidak ada)');

async function findReport(ctx: ServiceContext, key: ReportKey) {
  const where = 'reportId' in key ? { id: key.reportId } : { agencyId_trackingId: { agencyId: key.agencyId, trackingId: key.trackingId } };
  return ctx.db.report.findUnique({ where, include: { reporter: { select: { name: true } }, unit: true, agency: { select: { name: true } } } });
}

export async function draftForReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey, kind: DraftKind): Promise<Draft> {
  const report = (await findReport(ctx, key)) ?? fail('REPORT_NOT_FOUND', { tracking: 'trackingId' in key ? key.trackingId : undefined });
  requireUnitOfficer(actor, report);
  const unit = report.unit ?? fail('FORBIDDEN', { need: 'penghubung', reason: 'not_at_unit' });
  const text = reportText(report.title, report.body, report.reporter?.name);
  const answers = await earlierAnswers(ctx, { agencyId: report.agencyId, unitId: unit.id, excludeReportId: report.id, queryText: text });
  const knowledge = await knowledgeHits(ctx, { agencyId: report.agencyId, queryText: text });
  const base = { trackingId: report.trackingId, kind, usedKnowledge: knowledge.map((k) => k.trackingId) };

  const client = aiFor(ctx);
  if (client) {
    const outcome = await client.json({
      agencyId: report.agencyId,
      prompt: loadPrompt('draft-answer'),
      vars: {
        agency: stripDelimiters(report.agency.name),
        unit: stripDelimiters(unit.name),
        kind: kind === 'respon_awal' ? 'respon awal' : 'tindak lanjut',
        report: dataBlock(text, [report.reporter?.name]),
        answers: block('JAWABAN', answers.map((a: EarlierAnswer) => `#${a.trackingId}: ${stripDelimiters(a.text)}`)),
        knowledge: block('PENGETAHUAN', knowledge.map((k: KnowledgeHit) => `${k.trackingId} — T: ${stripDelimiters(k.question)}\nJ: ${stripDelimiters(k.text)}`)),
      },
      schema: draftAnswer,
      meter: dbUsageMeter(ctx),
      log: ctx.log,
      maxTokens: 900,
    });
    if (outcome.ok) {
      const offered = new Set(answers.map((a) => a.trackingId));
      const used = outcome.value.used.map((u) => u.trim().replace(/^#/, '')).filter((u) => offered.has(u));
      const cited = [...outcome.value.draft.matchAll(/#([A-Za-z0-9-]{3,40})/g)].map((m) => m[1]!).filter((u) => offered.has(u));
      return { ...base, source: 'llm', text: mask(stripDelimiters(outcome.value.draft), { knownNames: report.reporter?.name ? [report.reporter.name] : [] }), usedAnswers: [...new Set([...used, ...cited])] };
    }
  }
  const due = report.dueDate ? formatLocalDate(report.dueDate.toISOString().slice(0, 10)) : null;
  const title = mask(report.title, { knownNames: report.reporter?.name ? [report.reporter.name] : [] });
  return {
    ...base,
    source: 'template',
    text: templateDraft({ kind, title, unitName: unit.name, due, answers, knowledge }),
    usedAnswers: kind === 'tindak_lanjut' && answers[0] ? [answers[0].trackingId] : [],
    usedKnowledge: kind === 'tindak_lanjut' && knowledge[0] ? [knowledge[0].trackingId] : [],
  };
}
