/** The one command table: every chat command, in the order /bantuan lists them. */
import type { Command } from './define.js';
import { CommandRegistry } from './registry.js';
import { cancel, helpCommand } from './help.js';
import { claim, unclaim } from './report/claim.js';
import { answer, close, followUp, respond } from './report/answer.js';
import { bounce } from './report/bounce.js';
import { archive, dispose, hold, reopen, resume, verify } from './report/admin.js';
import { queryCommands } from './queries/index.js';
import { peopleCommands } from './people/index.js';
import { recapCommands } from './recap/index.js';
import { broadcastCommands } from './broadcast/index.js';
import { infoCommands } from './info/index.js';
import { aiCommands } from './ai/index.js';

export function createRegistry(): CommandRegistry {
  let registry: CommandRegistry | undefined;
  const commands: Command[] = [
    helpCommand(() => registry!),
    ...queryCommands,
    claim, respond, followUp, answer, close, bounce, unclaim,
    dispose, verify, hold, resume, archive, reopen,
    ...peopleCommands,
    ...recapCommands,
    ...broadcastCommands,
    ...infoCommands,
    ...aiCommands,
    cancel,
  ];
  registry = new CommandRegistry(commands);
  return registry;
}
