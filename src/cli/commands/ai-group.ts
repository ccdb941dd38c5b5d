/** `penghubung ai status|train|quality-check`: the AI feature's switches and figures. */
import { retrainAgency } from '../../ai/classifier/retrain.js';
import { latestModel } from '../../ai/classifier/store.js';
import { qualityCheckEnabled, setQualityCheck } from '../../ai/quality/settings.js';
import { aiSettings } from '../../ai/settings.js';
import { dbUsageMeter } from '../../ai/usage.js';
import { systemActor } from '../../services/context.js';
import { findAgency } from '../../services/directory/agency-and-units.js';
import { optional, UsageError, type CliCommand } from '../types.js';

const cli = systemActor('cli', 'CLI');

export const aiStatus: CliCommand = {
  path: ['ai', 'status'],
  summary: 'Show whether the model is configured, today’s token use, the local classifier and the quality check',
  usage: 'penghubung ai status [--agency <CODE>] [--json]',
  options: { agency: { type: 'string' }, json: { type: 'boolean' } },
  async run(env, values) {
    const ctx = await env.services();
    const agency = await findAgency(ctx, optional(values, 'agency'));
    const settings = aiSettings(env.config.ai ?? {});
    const stored = await latestModel(ctx.db, agency.id);
    const status = {
      agency: agency.code,
      model: settings.apiKey ? { model: settings.model, baseUrl: settings.baseUrl ?? 'https://api.openai.com/v1', dailyTokenCap: settings.dailyTokenCap, timeoutMs: settings.timeoutMs } : null,
      tokensToday: await dbUsageMeter(ctx).used(agency.id),
      classifier: stored ? { trainedAt: stored.trainedAt.toISOString(), samples: stored.samples, unitAccuracy: stored.accuracy } : null,
      qualityCheck: await qualityCheckEnabled(ctx, agency.id),
    };
    if (values.json) {
      env.io.out(JSON.stringify(status));
      return;
    }
    env.io.out(`Agency ${status.agency}`);
    env.io.out(`  model:          ${status.model ? `${status.model.model} at ${status.model.baseUrl} (cap ${status.model.dailyTokenCap} tokens/day, timeout ${status.model.timeoutMs} ms)` : 'off (no OPENAI_API_KEY): local classifier and templates only'}`);
    env.io.out(`  tokens today:   ${status.tokensToday}`);
    env.io.out(`  classifier:     ${status.classifier ? `trained ${status.classifier.trainedAt} on ${status.classifier.samples} reports, unit accuracy ${status.classifier.unitAccuracy ?? 'n/a'}` : 'not trained yet (trained on first use, then nightly by ai-retrain)'}`);
    env.io.out(`  quality check:  ${status.qualityCheck ? 'on' : 'off'}`);
  },
};

export const aiTrain: CliCommand = {
  path: ['ai', 'train'],
  summary: 'Retrain the local classifier of an agency now (the ai-retrain job does it nightly)',
  usage: 'penghubung ai train [--agency <CODE>]',
  options: { agency: { type: 'string' } },
  async run(env, values) {
    const ctx = await env.services();
    const agency = await findAgency(ctx, optional(values, 'agency'));
    const r = await retrainAgency(ctx, agency.id);
    env.io.out(r ? `Trained ${agency.code} on ${r.samples} reports (${r.unitSamples} routed); unit accuracy (5-fold) ${r.accuracy ?? 'n/a'}` : `No reports in ${agency.code} yet: nothing to train on`);
  },
};

export const aiQualityCheck: CliCommand = {
  path: ['ai', 'quality-check'],
  summary: 'Turn the answer-quality check before a tindak lanjut on or off for an agency',
  usage: 'penghubung ai quality-check on|off [--agency <CODE>]',
  options: { agency: { type: 'string' } },
  positionals: 1,
  async run(env, values, positionals) {
    const which = positionals[0];
    if (which !== 'on' && which !== 'off') throw new UsageError('say on or off, e.g. penghubung ai quality-check on');
    const ctx = await env.services();
    const agency = await findAgency(ctx, optional(values, 'agency'));
    await setQualityCheck(ctx, cli, agency.id, which === 'on');
    env.io.out(`Answer-quality check ${which} for ${agency.code}`);
  },
};

/** CLI commands of this feature; registered in src/cli.ts. */
export const aiCliCommands: CliCommand[] = [aiStatus, aiTrain, aiQualityCheck];
