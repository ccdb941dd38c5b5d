/**
 * `checkAnswerQuality`: is a tindak lanjut fit to record? The model judges topic, substance and
 * tone when configured (on masked text); personal data is always judged locally, on the raw text
 * (the model never sees it unmasked, so it cannot). Without a model, or when it fails, heuristics
 * judge everything. Never throws.
 */
import { z } from 'zod';
import { mask, shorten } from '../../lib/pii.js';
import type { ServiceContext } from '../../services/context.js';
import { reportText } from '../classifier/training-data.js';
import { loadPrompt } from '../prompts.js';
import { aiFor } from '../runtime.js';
import { dataBlock, stripDelimiters } from '../safety.js';
import { dbUsageMeter } from '../usage.js';
import { heuristicIssues, ISSUE_TEXT, isImpolite, QUALITY_ISSUES, type QualityIssue } from './heuristics.js';

export type { QualityIssue } from './heuristics.js';

export interface QualityResult {
  ok: boolean;
  issues: QualityIssue[];
  note: string;
  source: 'llm' | 'heuristic';
}

const modelAnswer = z.object({
  issues: z.array(z.enum(['off_topic', 'only_ack', 'impolite'])).max(3),
  note: z.string().max(600).default(''),
});

const ordered = (set: Set<QualityIssue>): QualityIssue[] => QUALITY_ISSUES.filter((i) => set.has(i));

export async function checkAnswerQuality(ctx: ServiceContext, input: { agencyId: string; reportId: string; text: string }): Promise<QualityResult> {
  try {
    const report = await ctx.db.report.findUnique({ where: { id: input.reportId }, include: { reporter: { select: { name: true } } } });
    if (!report || report.agencyId !== input.agencyId) return { ok: true, issues: [], note: '', source: 'heuristic' };
    const names = report.reporter?.name ? [report.reporter.name] : [];
    const asked = reportText(report.title, report.body, report.reporter?.name);
    const local = heuristicIssues(input.text, asked, names);
    const client = aiFor(ctx);
    if (client) {
      const outcome = await client.json({
        agencyId: report.agencyId,
        prompt: loadPrompt('quality-check'),
        vars: { report: dataBlock(asked, names), answer: dataBlock(input.text, names, 'JAWABAN') },
        schema: modelAnswer,
        meter: dbUsageMeter(ctx),
        log: ctx.log,
        maxTokens: 300,
      });
      if (outcome.ok) {
        const issues = new Set<QualityIssue>(outcome.value.issues);
        // Local certainties join the model's judgement: a word list and the PII module do not guess.
        if (local.includes('personal_data')) issues.add('personal_data');
        if (isImpolite(input.text)) issues.add('impolite');
        const list = ordered(issues);
        const modelNote = shorten(mask(stripDelimiters(outcome.value.note)).trim(), 300);
        const note = [...list.map((i) => ISSUE_TEXT[i]), ...(list.length && modelNote ? [`Saran: ${modelNote}`] : [])].join(' ');
        return { ok: list.length === 0, issues: list, note, source: 'llm' };
      }
    }
    return { ok: local.length === 0, issues: local, note: local.map((i) => ISSUE_TEXT[i]).join(' '), source: 'heuristic' };
  } catch (e) {
    ctx.log.warn({ err: (e as Error).message, reportId: input.reportId }, 'answer quality check failed; the answer is not held');
    return { ok: true, issues: [], note: '', source: 'heuristic' };
  }
}
