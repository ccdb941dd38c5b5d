/**
 * Trained models in classifier_model: the newest row of an agency is the one used. Parsed models
 * are cached by row id (a retrain writes a new row, so the cache never serves a stale model).
 */
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { isLocalModel, type LocalModel } from './local-model.js';

/** Older models are kept for comparison; beyond this many per agency they are deleted. */
const KEEP_MODELS = 3;
const cache = new Map<bigint, LocalModel>();

export interface StoredModel {
  id: bigint;
  trainedAt: Date;
  samples: number;
  accuracy: number | null;
  model: LocalModel;
}

export async function latestModel(db: PrismaClient, agencyId: string): Promise<StoredModel | null> {
  const row = await db.classifierModel.findFirst({
    where: { agencyId },
    orderBy: [{ trainedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, trainedAt: true, samples: true, accuracy: true },
  });
  if (!row) return null;
  let model = cache.get(row.id);
  if (!model) {
    const full = await db.classifierModel.findUnique({ where: { id: row.id }, select: { model: true } });
    if (!full || !isLocalModel(full.model)) return null;
    model = full.model;
    if (cache.size > 50) cache.clear();
    cache.set(row.id, model);
  }
  return { ...row, model };
}

export async function saveModel(db: PrismaClient, agencyId: string, model: LocalModel, accuracy: number | null, at: Date): Promise<bigint> {
  const row = await db.classifierModel.create({
    data: { agencyId, trainedAt: at, samples: model.samples, accuracy, model: model as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  const old = await db.classifierModel.findMany({ where: { agencyId }, orderBy: [{ trainedAt: 'desc' }, { id: 'desc' }], skip: KEEP_MODELS, select: { id: true } });
  if (old.length) await db.classifierModel.deleteMany({ where: { id: { in: old.map((o) => o.id) } } });
  return row.id;
}
