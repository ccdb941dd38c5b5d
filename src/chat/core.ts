/**
 * The platform-neutral chat core: who is talking, which command, may they, run it, and queue the
 * replies in the outbox. Adapters turn platform events into `Inbound` and call `handle`.
 */
import { DomainError, isDomainError } from '../domain/errors.js';
import type { Role } from '../domain/types.js';
import type { OutMessage, Target } from '../lib/message.js';
import { errorText } from '../messages/error-text.js';
import { decodeCallback } from '../messages/callback-data.js';
import { audit } from '../services/audit.js';
import { enqueue } from '../services/outbox.js';
import type { ServiceContext } from '../services/context.js';
import { tokenise } from '../commands/args.js';
import type { ChatBinding, Command, CommandContext, Reply } from '../commands/define.js';
import type { CommandRegistry } from '../commands/registry.js';
import { resolveIdentity, type Identity } from './identity.js';
import { currentConversation, endConversation, type ConversationKey } from './conversation.js';
import { handleCallback, continueConversation } from './interactions.js';
import { answerByReply } from '../info/interactions.js';
import { isUnavailable } from './unavailable.js';
import type { HandleResult, Inbound } from './types.js';

export interface ChatCoreDeps {
  services: ServiceContext;
  registry: CommandRegistry;
  /** Wake the outbox dispatcher once replies are committed. */
  kick?: () => void;
  /** Send without the outbox: only when the database is down and a reply must still go out. */
  direct?: (target: Target, message: OutMessage) => Promise<void>;
  /** The bot's username, so `/ambil@penghubung_bot` is understood in groups. */
  botUsername?: string;
}

/** Everything a command or a button handler needs about the current message. */
export interface Turn {
  inbound: Inbound;
  identity: Identity;
  chat: ChatBinding | null;
  agencyId: string | null;
  /** The report whose post this message replies to, if any. */
  replyReport: { id: string; trackingId: string; agencyId: string } | null;
  conversationKey: ConversationKey;
}

const COMMAND = /^[/!]([A-Za-z][\w-]{0,40})(?:@(\w+))?(?:\s+([\s\S]*))?$/;

export class ChatCore {
  constructor(private readonly deps: ChatCoreDeps) {}

  get registry(): CommandRegistry {
    return this.deps.registry;
  }

  get services(): ServiceContext {
    return this.deps.services;
  }

  /** Handle one inbound message or button press. Never throws. */
  async handle(inbound: Inbound): Promise<HandleResult> {
    const ctx = this.deps.services;
    let replies: Reply[] = [];
    let toast: string | undefined;
    let turn: Turn | undefined;
    try {
      turn = await this.turn(inbound);
      if (inbound.callback) {
        ({ replies, toast } = await handleCallback(this, turn, inbound.callback.data));
      } else if (inbound.text !== undefined) {
        replies = await this.text(turn, inbound.text);
      }
    } catch (e) {
      if (isUnavailable(e)) {
        ctx.log.warn({ err: (e as Error).message }, 'database unavailable while handling a message');
        const msg = errorText(new DomainError('UNAVAILABLE'));
        await this.deps.direct?.({ platform: inbound.platform, chatId: inbound.chatId, threadId: inbound.threadId }, { text: msg, replyToMessageId: inbound.messageId }).catch(() => {});
        return { toast: msg.slice(0, 200) };
      }
      replies = [await this.refusal(turn, inbound, e)];
      toast = replies[0]!.text.slice(0, 200);
    }
    if (replies.length > 0) await this.queueReplies(inbound, turn, replies);
    return { toast };
  }

  /** Resolve identity, chat binding and the replied-to report post. */
  private async turn(inbound: Inbound): Promise<Turn> {
    const ctx = this.deps.services;
    const identity = await resolveIdentity(ctx, inbound.platform, inbound.user);
    const row =
      (await ctx.db.chat.findUnique({ where: { platform_externalId_threadId: { platform: inbound.platform, externalId: inbound.chatId, threadId: inbound.threadId ?? '' } } })) ??
      (inbound.threadId ? await ctx.db.chat.findUnique({ where: { platform_externalId_threadId: { platform: inbound.platform, externalId: inbound.chatId, threadId: '' } } }) : null);
    const chat = row ? { id: row.id, agencyId: row.agencyId, unitId: row.unitId } : null;
    let replyReport: Turn['replyReport'] = null;
    if (inbound.replyToMessageId) {
      const post = await ctx.db.outbox.findFirst({
        where: { platform: inbound.platform, target: inbound.chatId, platformMessageId: inbound.replyToMessageId, reportId: { not: null } },
        select: { reportId: true },
      });
      if (post?.reportId) {
        const r = await ctx.db.report.findUnique({ where: { id: post.reportId }, select: { id: true, trackingId: true, agencyId: true } });
        replyReport = r;
      }
    }
    return {
      inbound,
      identity,
      chat,
      agencyId: chat?.agencyId ?? identity.person?.agencyId ?? null,
      replyReport,
      conversationKey: { platform: inbound.platform, chatId: inbound.chatId, userId: inbound.user.id },
    };
  }

  private async text(turn: Turn, raw: string): Promise<Reply[]> {
    const text = raw.trim();
    const m = COMMAND.exec(text);
    if (m) {
      if (m[2] && this.deps.botUsername && m[2].toLowerCase() !== this.deps.botUsername.toLowerCase()) return []; // for another bot
      const command = this.deps.registry.find(m[1]!);
      if (!command) throw new DomainError('UNKNOWN_COMMAND', { command: m[1] });
      await endConversation(this.deps.services, turn.conversationKey);
      return this.runCommand(command, turn, m[3] ?? '');
    }
    const pending = await currentConversation(this.deps.services, turn.conversationKey);
    if (pending) return continueConversation(this, turn, pending, text);
    // A numbered answer to a bot post's menu (WhatsApp and console have no buttons).
    const choice = /^(\d{1,2})$/.exec(text);
    if (choice && turn.inbound.replyToMessageId) {
      const data = await this.menuChoice(turn, Number(choice[1]));
      if (data) return (await handleCallback(this, turn, data)).replies;
    }
    // A plain reply to an information request's question is its answer.
    if (turn.inbound.replyToMessageId) {
      const answer = await answerByReply(this, turn, text);
      if (answer) return answer;
    }
    return []; // ordinary group chatter
  }

  private async menuChoice(turn: Turn, n: number): Promise<string | null> {
    const msg = await this.deps.services.db.outbox.findFirst({
      where: { platform: turn.inbound.platform, target: turn.inbound.chatId, platformMessageId: turn.inbound.replyToMessageId },
      orderBy: { id: 'desc' },
    });
    const payload = msg?.payload as OutMessage | undefined;
    const button = payload?.buttons?.flat()[n - 1];
    return button && decodeCallback(button.data) ? button.data : null;
  }

  /** Check the audience, parse the arguments, run. */
  async runCommand(command: Command, turn: Turn, rest: string, preset: Record<string, unknown> = {}): Promise<Reply[]> {
    this.checkAudience(command, turn);
    const params = [...command.params];
    const values: Record<string, unknown> = { ...preset };
    if (params[0] === 'tracking' && turn.replyReport && values.tracking === undefined) {
      // Replying to a report post: the number may be left out (or repeated).
      const first = /^#?(\S+)/.exec(rest.trim());
      if (first?.[1] === turn.replyReport.trackingId) rest = rest.trim().slice(first[0].length);
      values.tracking = turn.replyReport.trackingId;
    }
    const tokens = tokenise(rest, params.filter((p) => values[p.replace(/\.\.\.$/, '')] === undefined), command.flags);
    Object.assign(values, tokens.values);
    const parsed = command.args.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError('INVALID_ARGS', { expected: issue?.message, usage: command.examples?.[0] ?? command.usage });
    }
    const ctx: CommandContext<unknown> = {
      args: parsed.data,
      actor: turn.identity.actor,
      agencyId: turn.agencyId,
      chat: turn.chat,
      inbound: turn.inbound,
      services: this.deps.services,
    };
    const out = await command.run(ctx);
    return Array.isArray(out) ? out : [out];
  }

  private checkAudience(command: Command, turn: Turn): void {
    if (command.audience === 'anyone') return;
    const { identity } = turn;
    const roles = (identity.actor.roles ?? []).filter((g) => !turn.agencyId || g.agencyId === turn.agencyId);
    if (!identity.person) throw new DomainError('NOT_REGISTERED');
    if ((identity.actor.roles ?? []).length === 0) {
      throw new DomainError('FORBIDDEN', identity.pending > 0 ? { reason: 'pending' } : { need: 'member' });
    }
    if (command.audience === 'member') {
      if (roles.length === 0) throw new DomainError('FORBIDDEN', { need: 'member' });
      return;
    }
    const allowed = command.audience as readonly Role[];
    if (!roles.some((g) => allowed.includes(g.role))) throw new DomainError('FORBIDDEN', { need: allowed[0] });
  }

  /** A refusal or error as a reply; refusals are audited, unexpected errors logged (never shown). */
  private async refusal(turn: Turn | undefined, inbound: Inbound, e: unknown): Promise<Reply> {
    const ctx = this.deps.services;
    if (isDomainError(e)) {
      if (e.code === 'FORBIDDEN' || e.code === 'NOT_REGISTERED') {
        await audit(ctx.db, turn?.identity.actor ?? { personId: null, label: inbound.user.name, source: inbound.platform }, 'refused', {
          agencyId: turn?.agencyId,
          subject: inbound.text?.slice(0, 80) ?? inbound.callback?.data,
          data: { code: e.code, platformUser: `${inbound.platform}:${inbound.user.id}`, chat: inbound.chatId },
        }).catch((err: unknown) => ctx.log.warn({ err }, 'could not audit a refusal'));
      }
      return { text: errorText(e) };
    }
    ctx.log.error({ err: e, platform: inbound.platform, chat: inbound.chatId }, 'command failed');
    return { text: '⚠️ Maaf, terjadi kesalahan di sistem. Tidak ada data yang berubah. Coba lagi, atau hubungi Admin Instansi bila berulang.' };
  }

  /** Queue replies in the outbox (one transaction) and wake the dispatcher. */
  private async queueReplies(inbound: Inbound, turn: Turn | undefined, replies: Reply[]): Promise<void> {
    const ctx = this.deps.services;
    const here: Target = { platform: inbound.platform, chatId: inbound.chatId, threadId: inbound.threadId };
    const privateTarget = privateChatOf(inbound);
    try {
      await ctx.db.$transaction(async (tx) => {
        for (const r of replies) {
          const { private: isPrivate, ...message } = r;
          const target = isPrivate ? privateTarget : here;
          const withQuote = !isPrivate && inbound.messageId && inbound.chatType === 'group' ? { ...message, replyToMessageId: inbound.messageId } : message;
          await enqueue(tx, target, withQuote, { purpose: isPrivate ? 'dm' : 'reply', reportId: turn?.replyReport?.id ?? null });
        }
      });
      this.deps.kick?.();
    } catch (e) {
      ctx.log.warn({ err: (e as Error).message }, 'could not queue replies; sending directly');
      for (const r of replies) await this.deps.direct?.(r.private ? privateTarget : here, r).catch(() => {});
    }
  }
}

/** A person's private chat with the bot on the platform they wrote from. */
export function privateChatOf(inbound: Inbound): Target {
  switch (inbound.platform) {
    case 'telegram':
      return { platform: 'telegram', chatId: inbound.user.id };
    case 'whatsapp':
      return { platform: 'whatsapp', chatId: `${inbound.user.id.replace(/^\+/, '').replace(/@c\.us$/, '')}@c.us` };
    case 'console':
      return { platform: 'console', chatId: `dm:${inbound.user.id}` };
  }
}
