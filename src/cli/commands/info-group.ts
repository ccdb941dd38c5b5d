/** `penghubung pic add|list|remove`: the PIC directory for information requests. */
import { systemActor } from '../../services/context.js';
import { findAgency } from '../../services/directory/agency-and-units.js';
import { addPic, listPics, removePic, type PicLine } from '../../info/pic-directory.js';
import { optional, required, type CliCommand } from '../types.js';

const cli = systemActor('cli', 'CLI');

const row = (l: PicLine): string =>
  `${l.id.slice(0, 8)}  ${l.unit.code.padEnd(24)}  ${l.person.name.padEnd(24)}  ${(l.topic ?? '(semua topik)').padEnd(20)}  ${l.officeHours ?? ''}`.trimEnd();

export const picAdd: CliCommand = {
  path: ['pic', 'add'],
  summary: 'Add a person in charge (PIC) of a unit, optionally for one topic, with office hours',
  usage: 'penghubung pic add --unit <CODE> --person <@username|telegram id|number|name|id> [--topic <text>] [--hours "Sen-Jum 08.00-16.00"]',
  options: { unit: { type: 'string' }, person: { type: 'string' }, topic: { type: 'string' }, hours: { type: 'string' } },
  async run(env, values) {
    const unitCode = required(values, 'unit');
    const personRef = required(values, 'person');
    const l = await addPic(await env.services(), cli, { unitCode, personRef, topic: optional(values, 'topic'), officeHours: optional(values, 'hours') });
    env.io.out(`PIC added: ${row(l)}`);
  },
};

export const picList: CliCommand = {
  path: ['pic', 'list'],
  summary: 'List the PIC directory (optionally matching a topic)',
  usage: 'penghubung pic list [--topic <text>] [--agency <CODE>] [--json]',
  options: { topic: { type: 'string' }, agency: { type: 'string' }, json: { type: 'boolean' } },
  async run(env, values) {
    const ctx = await env.services();
    const agency = await findAgency(ctx, optional(values, 'agency'));
    const lines = await listPics(ctx, { agencyId: agency.id, query: optional(values, 'topic') });
    if (values.json) {
      env.io.out(JSON.stringify(lines));
      return;
    }
    for (const l of lines) env.io.out(row(l));
    env.io.out(`${lines.length} PIC entr${lines.length === 1 ? 'y' : 'ies'} in ${agency.code}`);
  },
};

export const picRemove: CliCommand = {
  path: ['pic', 'remove'],
  summary: 'Remove a PIC entry by its id (the first 8 characters are enough)',
  usage: 'penghubung pic remove --id <id>',
  options: { id: { type: 'string' } },
  async run(env, values) {
    const l = await removePic(await env.services(), cli, { id: required(values, 'id') });
    env.io.out(`PIC removed: ${row(l)}`);
  },
};

/** CLI commands of this feature; registered in src/cli.ts. */
export const infoCliCommands: CliCommand[] = [picAdd, picList, picRemove];
