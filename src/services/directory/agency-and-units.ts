/** Agencies and their work units (unit kerja). */
import { fail } from '../../domain/errors.js';
import type { Agency, Unit } from '../../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { audit } from '../audit.js';

const CODE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** Unit and agency codes are upper-case: `bkn-dit-pengadaan` is accepted as `BKN-DIT-PENGADAAN`. */
export function normalizeCode(code: string): string {
  const c = code.trim().toUpperCase();
  if (!CODE.test(c)) fail('INVALID_ARGS', { field: 'kode', value: code, expected: 'huruf/angka/tanda hubung, mis. BKN-DIT-PENGADAAN' });
  return c;
}

export async function addAgency(ctx: ServiceContext, actor: ActorRef, input: { code: string; name: string; isDemo?: boolean }): Promise<Agency> {
  const code = normalizeCode(input.code);
  return ctx.db.$transaction(async (tx) => {
    if (await tx.agency.findUnique({ where: { code } })) fail('CONFLICT', { what: 'instansi', code });
    const agency = await tx.agency.create({ data: { code, name: input.name.trim(), isDemo: input.isDemo ?? false } });
    await audit(tx, actor, 'agency_added', { agencyId: agency.id, subject: code });
    return agency;
  });
}

/** Resolve an agency by code; with no code, the only agency there is. */
export async function findAgency(ctx: ServiceContext, code?: string): Promise<Agency> {
  if (code) return (await ctx.db.agency.findUnique({ where: { code: normalizeCode(code) } })) ?? fail('NOT_FOUND', { what: 'instansi', code });
  const all = await ctx.db.agency.findMany({ take: 2 });
  if (all.length === 1) return all[0]!;
  return fail('INVALID_ARGS', { field: 'agency', expected: all.length === 0 ? 'buat instansi dulu: penghubung agency add' : 'sebutkan --agency <kode>' });
}

export async function addUnit(ctx: ServiceContext, actor: ActorRef, input: { agencyId: string; code: string; name: string; parentCode?: string }): Promise<Unit> {
  const code = normalizeCode(input.code);
  return ctx.db.$transaction(async (tx) => {
    if (await tx.unit.findUnique({ where: { code } })) fail('CONFLICT', { what: 'unit', code });
    let parentId: string | null = null;
    if (input.parentCode) {
      const parent = await tx.unit.findUnique({ where: { code: normalizeCode(input.parentCode) } });
      if (!parent || parent.agencyId !== input.agencyId) fail('UNIT_NOT_FOUND', { code: input.parentCode });
      parentId = parent.id;
    }
    const unit = await tx.unit.create({ data: { agencyId: input.agencyId, code, name: input.name.trim(), parentId } });
    await audit(tx, actor, 'unit_added', { agencyId: input.agencyId, subject: code, data: { parent: input.parentCode ?? null } });
    return unit;
  });
}

export async function findUnit(ctx: ServiceContext, code: string): Promise<Unit> {
  return (await ctx.db.unit.findUnique({ where: { code: normalizeCode(code) } })) ?? fail('UNIT_NOT_FOUND', { code });
}
