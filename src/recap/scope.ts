/**
 * Which reports a recap covers: one agency, one unit (with its sub-units), a group of agencies
 * (a "simpul": province, sector, national) or everything; and which units it lists.
 */
import { fail } from '../domain/errors.js';
import { Prisma } from '../generated/prisma/client.js';
import type { RecapDb } from './sql.js';

export interface ScopeInput {
  agencyId?: string | null;
  unitId?: string | null;
  groupId?: string | null;
}

export interface ScopeUnit {
  id: string;
  code: string;
  name: string;
}

export interface RecapScope {
  /** null = every agency. */
  agencyIds: string[] | null;
  /** null = every unit of the agencies (and reports not at any unit). */
  unitIds: string[] | null;
  /**
   * Units listed even with no report (one agency or one unit); for a group or the whole database
   * only units with reports are listed, which keeps a national recap readable.
   */
  fixedUnits: ScopeUnit[] | null;
}

export async function resolveScope(db: RecapDb, input: ScopeInput): Promise<RecapScope> {
  if (input.unitId) {
    // The unit and everything below it: a Deputi's recap includes its directorates.
    const units = await db.$queryRaw<(ScopeUnit & { agency_id: string })[]>`
      WITH RECURSIVE tree AS (
        SELECT id, agency_id, code, name FROM unit WHERE id = ${input.unitId}::uuid
        UNION ALL
        SELECT u.id, u.agency_id, u.code, u.name FROM unit u JOIN tree t ON u.parent_id = t.id
      )
      SELECT id::text AS id, agency_id::text AS agency_id, code, name FROM tree ORDER BY code`;
    const root = units.find((u) => u.id === input.unitId) ?? fail('UNIT_NOT_FOUND', { id: input.unitId });
    if (input.agencyId && root.agency_id !== input.agencyId) fail('UNIT_NOT_FOUND', { code: root.code });
    return {
      agencyIds: [root.agency_id],
      unitIds: units.map((u) => u.id),
      fixedUnits: units.map(({ id, code, name }) => ({ id, code, name })),
    };
  }
  if (input.agencyId) {
    const units = await db.$queryRaw<ScopeUnit[]>`
      SELECT id::text AS id, code, name FROM unit WHERE agency_id = ${input.agencyId}::uuid ORDER BY code`;
    return { agencyIds: [input.agencyId], unitIds: null, fixedUnits: units };
  }
  if (input.groupId) {
    const members = await db.$queryRaw<{ agency_id: string }[]>`
      SELECT agency_id::text AS agency_id FROM agency_group_member WHERE group_id = ${input.groupId}::uuid ORDER BY agency_id`;
    return { agencyIds: members.map((m) => m.agency_id), unitIds: null, fixedUnits: null };
  }
  return { agencyIds: null, unitIds: null, fixedUnits: null };
}

const uuidList = (ids: string[]): Prisma.Sql => Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));

/**
 * The WHERE condition on `report r` for a scope. A single agency or unit compares with `=` so the
 * planner uses the (agency_id, received_at) or (unit_id, received_at) index.
 */
export function scopeCondition(scope: RecapScope): Prisma.Sql {
  if (scope.unitIds) {
    if (scope.unitIds.length === 1) return Prisma.sql`r.unit_id = ${scope.unitIds[0]}::uuid`;
    return Prisma.sql`r.unit_id IN (${uuidList(scope.unitIds)})`;
  }
  if (scope.agencyIds) {
    if (scope.agencyIds.length === 0) return Prisma.sql`false`;
    if (scope.agencyIds.length === 1) return Prisma.sql`r.agency_id = ${scope.agencyIds[0]}::uuid`;
    return Prisma.sql`r.agency_id IN (${uuidList(scope.agencyIds)})`;
  }
  return Prisma.sql`true`;
}

/** Names of units that appear in a group-wide recap. */
export async function unitsByIds(db: RecapDb, ids: string[]): Promise<ScopeUnit[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<ScopeUnit[]>`SELECT id::text AS id, code, name FROM unit WHERE id IN (${uuidList(ids)}) ORDER BY code`;
}
