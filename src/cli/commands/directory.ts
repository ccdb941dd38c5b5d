/** Directory administration: agencies, units, people, roles and chat bindings. */
import { PLATFORMS, ROLES } from '../../domain/types.js';
import { systemActor } from '../../services/context.js';
import { addAgency, addUnit, findAgency, findUnit } from '../../services/directory/agency-and-units.js';
import { addPerson, findPerson, grantRole } from '../../services/directory/people-and-roles.js';
import { bindChat } from '../../services/directory/chats.js';
import { oneOf, optional, required, UsageError, type CliCommand } from '../types.js';

const cli = systemActor('cli', 'CLI');

export const agencyAdd: CliCommand = {
  path: ['agency', 'add'],
  summary: 'Add an agency (instansi)',
  usage: 'penghubung agency add --code <CODE> --name <name>',
  options: { code: { type: 'string' }, name: { type: 'string' } },
  async run(env, values) {
    const code = required(values, 'code');
    const name = required(values, 'name');
    const a = await addAgency(await env.services(), cli, { code, name });
    env.io.out(`agency ${a.code} added (${a.name})`);
  },
};

export const unitAdd: CliCommand = {
  path: ['unit', 'add'],
  summary: 'Add a work unit (unit kerja)',
  usage: 'penghubung unit add --code <CODE> --name <name> [--parent <CODE>] [--agency <CODE>]',
  options: { code: { type: 'string' }, name: { type: 'string' }, parent: { type: 'string' }, agency: { type: 'string' } },
  async run(env, values) {
    const code = required(values, 'code');
    const name = required(values, 'name');
    const ctx = await env.services();
    const agency = await findAgency(ctx, optional(values, 'agency'));
    const u = await addUnit(ctx, cli, { agencyId: agency.id, code, name, parentCode: optional(values, 'parent') });
    env.io.out(`unit ${u.code} added to ${agency.code}`);
  },
};

export const personAdd: CliCommand = {
  path: ['person', 'add'],
  summary: 'Add a person with their chat identities',
  usage: 'penghubung person add --name <name> [--telegram <user id>] [--whatsapp <number>] [--agency <CODE>]',
  options: { name: { type: 'string' }, telegram: { type: 'string' }, whatsapp: { type: 'string' }, agency: { type: 'string' } },
  async run(env, values) {
    const name = required(values, 'name');
    const ctx = await env.services();
    const agencyCode = optional(values, 'agency');
    const agencyId = agencyCode ? (await findAgency(ctx, agencyCode)).id : null;
    const p = await addPerson(ctx, cli, { name, agencyId, telegramId: optional(values, 'telegram'), whatsapp: optional(values, 'whatsapp') });
    env.io.out(`person added: ${p.name} (id ${p.id})`);
  },
};

export const roleGrant: CliCommand = {
  path: ['role', 'grant'],
  summary: 'Grant a role in a unit (or agency-wide for admin_instansi and inspektorat)',
  usage: `penghubung role grant --person <id|telegram id|number|name> --role <${ROLES.join('|')}> (--unit <CODE> | --agency <CODE>)`,
  options: { person: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, agency: { type: 'string' } },
  async run(env, values) {
    const personRef = required(values, 'person');
    const role = oneOf(required(values, 'role'), ROLES, 'role');
    const unitCode = optional(values, 'unit');
    const agencyCode = optional(values, 'agency');
    if (!unitCode && !agencyCode) throw new UsageError('give --unit <CODE> or --agency <CODE>');
    const ctx = await env.services();
    const person = await findPerson(ctx, personRef);
    const agencyId = agencyCode ? (await findAgency(ctx, agencyCode)).id : undefined;
    await grantRole(ctx, cli, { personId: person.id, role, unitCode, agencyId });
    env.io.out(`${person.name} is now ${role}${unitCode ? ` in ${unitCode.toUpperCase()}` : ` of ${agencyCode!.toUpperCase()}`}`);
  },
};

export const chatBind: CliCommand = {
  path: ['chat', 'bind'],
  summary: "Bind a group chat (or forum topic) to a unit, or to the agency as the admin's chat",
  usage: 'penghubung chat bind --platform <telegram|whatsapp> --chat <id> [--thread <topic id>] (--unit <CODE> | --agency [<CODE>])',
  options: { platform: { type: 'string' }, chat: { type: 'string' }, thread: { type: 'string' }, unit: { type: 'string' }, agency: { type: 'string' } },
  // `--agency` alone: the only agency there is.
  bareOptions: ['agency'],
  async run(env, values) {
    const platform = oneOf(required(values, 'platform'), PLATFORMS, 'platform');
    const chatId = required(values, 'chat');
    const unitCode = optional(values, 'unit');
    const toAgency = values.agency !== undefined;
    if (Boolean(unitCode) === toAgency) throw new UsageError('give exactly one of --unit <CODE> or --agency [<CODE>]');
    const ctx = await env.services();
    const unit = unitCode ? await findUnit(ctx, unitCode) : null;
    const agency = unit ? null : await findAgency(ctx, optional(values, 'agency'));
    const agencyId = unit ? unit.agencyId : agency!.id;
    const chat = await bindChat(ctx, cli, { platform, externalId: chatId, threadId: optional(values, 'thread'), agencyId, unitId: unit?.id ?? null });
    env.io.out(`${platform} chat ${chat.externalId}${chat.threadId ? ` topic ${chat.threadId}` : ''} bound to ${unit ? unit.code : `${agency!.code} (admin chat)`}`);
  },
};
