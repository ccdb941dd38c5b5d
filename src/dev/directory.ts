/**
 * The generated directory: agencies, their units (a few big agencies, many small), a few liaison
 * officers per unit, admins, an inspektorat and operators per agency, and one Telegram group per
 * unit plus the admin group. Ids and chat ids derive from the seed, so two data sets with
 * different seeds can live in one database.
 */
import { AGENCY_KINDS, FAMILY, GIVEN, UNIT_NAMES } from './names.js';
import { Prng, Weighted, zipfWeights } from './prng.js';

export interface GenPerson {
  id: string;
  agencyId: string;
  name: string;
  telegramId: string;
}

export interface GenUnit {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  officers: GenPerson[];
}

export interface GenAgency {
  id: string;
  code: string;
  name: string;
  units: GenUnit[];
  admins: GenPerson[];
  inspektorat: GenPerson[];
  operators: GenPerson[];
  /** Which unit a report goes to: a few units get most of them. */
  unitPicker: Weighted<number>;
}

export interface GenRole {
  id: string;
  personId: string;
  agencyId: string;
  unitId: string | null;
  role: 'admin_instansi' | 'penghubung' | 'operator' | 'inspektorat';
}

export interface GenChat {
  id: string;
  externalId: string;
  agencyId: string;
  unitId: string | null;
  title: string;
}

export interface Directory {
  agencies: GenAgency[];
  people: GenPerson[];
  roles: GenRole[];
  chats: GenChat[];
  /** Which agency a report belongs to (Zipf over agencies). */
  agencyPicker: Weighted<number>;
}

export interface DirectoryOptions {
  seed: number;
  agencies: number;
  units: number;
}

/** Prefix of every generated agency code for a seed, e.g. `G42-`. */
export const codePrefix = (seed: number): string => `G${seed}-`;

export function generateDirectory(opts: DirectoryOptions): Directory {
  if (opts.agencies < 1) throw new Error('at least one agency');
  if (opts.units < opts.agencies) throw new Error('at least one unit per agency');
  const rng = new Prng(opts.seed, 1);
  const idBase = (opts.seed % 1000) * 1_000_000;
  let personSeq = 0;
  let chatSeq = 0;
  const people: GenPerson[] = [];
  const roles: GenRole[] = [];
  const chats: GenChat[] = [];

  const person = (agencyId: string, role: GenRole['role'], unitId: string | null): GenPerson => {
    const p: GenPerson = {
      id: rng.uuid(),
      agencyId,
      name: `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`,
      telegramId: String(8_000_000_000 + idBase + ++personSeq),
    };
    people.push(p);
    roles.push({ id: rng.uuid(), personId: p.id, agencyId, unitId, role });
    return p;
  };
  const chat = (agencyId: string, unitId: string | null, title: string): void => {
    chats.push({ id: rng.uuid(), externalId: `-100${String(idBase + ++chatSeq).padStart(10, '0')}`, agencyId, unitId, title });
  };

  // Units per agency: at least one each, the rest Zipf-distributed (big ministries have many).
  const unitCounts = new Array<number>(opts.agencies).fill(1);
  const share = new Weighted(unitCounts.map((_, i) => i), zipfWeights(opts.agencies, 0.6));
  for (let i = opts.agencies; i < opts.units; i++) {
    const k = share.index(rng);
    unitCounts[k] = (unitCounts[k] ?? 0) + 1;
  }

  const agencies: GenAgency[] = [];
  for (let a = 0; a < opts.agencies; a++) {
    const [kindCode, kindName, places] = AGENCY_KINDS[a % AGENCY_KINDS.length]!;
    const place = places[Math.floor(a / AGENCY_KINDS.length) % places.length]!;
    const round = Math.floor(a / (AGENCY_KINDS.length * places.length));
    const id = rng.uuid();
    const code = `${codePrefix(opts.seed)}${kindCode}-${String(a + 1).padStart(3, '0')}`;
    const name = `${kindName} ${place}${round > 0 ? ` ${round + 1}` : ''}`;
    const n = unitCounts[a] ?? 1;
    const units: GenUnit[] = [];
    for (let u = 0; u < n; u++) {
      const unitId = rng.uuid();
      const base = UNIT_NAMES[u % UNIT_NAMES.length]!;
      const unit: GenUnit = {
        id: unitId,
        agencyId: id,
        code: `${code}-U${String(u + 1).padStart(3, '0')}`,
        name: u < UNIT_NAMES.length ? base : `${base} ${Math.floor(u / UNIT_NAMES.length) + 1}`,
        officers: [],
      };
      const officers = rng.int(2, 4);
      for (let k = 0; k < officers; k++) unit.officers.push(person(id, 'penghubung', unitId));
      chat(id, unitId, `Penghubung ${unit.name}`);
      units.push(unit);
    }
    const admins = Array.from({ length: rng.int(1, 2) }, () => person(id, 'admin_instansi', null));
    const inspektorat = [person(id, 'inspektorat', null)];
    const operators = Array.from({ length: rng.int(1, 2) }, () => person(id, 'operator', units[0]!.id));
    chat(id, null, `Admin Instansi ${name}`);
    agencies.push({ id, code, name, units, admins, inspektorat, operators, unitPicker: new Weighted(units.map((_, i) => i), zipfWeights(units.length, 0.8)) });
  }
  return { agencies, people, roles, chats, agencyPicker: new Weighted(agencies.map((_, i) => i), zipfWeights(agencies.length, 0.8)) };
}
