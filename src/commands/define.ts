/**
 * A chat command: one file each, Indonesian name, English aliases, the roles allowed, a zod
 * schema for its arguments and a help line. The same object runs on Telegram, WhatsApp and the
 * console; adapters only translate.
 */
import type { z } from 'zod';
import type { Role } from '../domain/types.js';
import type { Inbound } from '../chat/types.js';
import type { OutMessage } from '../lib/message.js';
import type { ActorRef, ServiceContext } from '../services/context.js';

/** Who may run a command: listed roles, any registered member, or anyone (help, join). */
export type Audience = readonly Role[] | 'member' | 'anyone';

/**
 * Positional parameters, in order. `name...` takes the rest of the text as typed. A `tracking`
 * parameter may be omitted when the command replies to a report post.
 */
export type Param = string;

export interface ChatBinding {
  id: string;
  agencyId: string;
  unitId: string | null;
}

export interface CommandContext<A> {
  args: A;
  actor: ActorRef;
  /** Agency the command acts in: the chat's, else the person's. */
  agencyId: string | null;
  chat: ChatBinding | null;
  inbound: Inbound;
  services: ServiceContext;
}

/** A reply: to the chat the command came from (default) or privately to the person. */
export interface Reply extends OutMessage {
  private?: boolean;
}

export interface Command<S extends z.ZodType = z.ZodType> {
  name: string;
  aliases: readonly string[];
  audience: Audience;
  /** One line, Indonesian. */
  help: string;
  /** e.g. `/ambil <nomor>` */
  usage: string;
  examples?: readonly string[];
  params: readonly Param[];
  /** Boolean flags such as `--selesai`. */
  flags?: readonly string[];
  args: S;
  /** Also listed in Telegram's menu (default true). */
  menu?: boolean;
  run(ctx: CommandContext<z.infer<S>>): Promise<Reply | Reply[]>;
}

/** Identity function that keeps the argument type (see CONVENTIONS.md §1). */
export function defineCommand<S extends z.ZodType>(c: Command<S>): Command<S> {
  return c;
}

export const reply = (text: string, extra: Omit<Reply, 'text'> = {}): Reply => ({ text, ...extra });
