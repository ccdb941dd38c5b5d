/**
 * The `penghubung` command line. One-shot commands open the database, do one thing and close it;
 * bad arguments print one line and exit with code 2 without writing anything.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';
import { isDomainError } from './domain/errors.js';
import { createLogger, type Logger } from './lib/logger.js';
import { errorText } from './messages/error-text.js';
import { openServices, type Opened } from './services/bootstrap.js';
import { DataDirLockedError } from './db/pglite-lock.js';
import type { CliCommand, CliEnv, CliIo, Values } from './cli/types.js';
import { UsageError } from './cli/types.js';

/**
 * Every command, imported on demand: `start` loads only the bot (main.ts), not the code of the
 * other commands and what they depend on (spreadsheets, the AI client, the data generator …).
 */
export async function loadCommands(argv: readonly string[] = []): Promise<CliCommand[]> {
  if (argv[0] === 'start') return [(await import('./cli/commands/start.js')).startCommand];
  const [deadline, holidays, directory, db, start, intake, api, jobs, reports, whatsapp, info, ai, dev] = await Promise.all([
    import('./cli/commands/deadline.js'), import('./cli/commands/holidays.js'), import('./cli/commands/directory.js'),
    import('./cli/commands/db.js'), import('./cli/commands/start.js'), import('./cli/commands/intake-group.js'),
    import('./cli/commands/api-group.js'), import('./cli/commands/jobs-group.js'), import('./cli/commands/reports-group.js'),
    import('./cli/commands/whatsapp-group.js'), import('./cli/commands/info-group.js'), import('./cli/commands/ai-group.js'),
    import('./cli/commands/dev-group.js'),
  ]);
  return [
    start.startCommand, db.migrateCommand, deadline.deadlineCommand, holidays.holidaysList, holidays.holidaysAdd,
    directory.agencyAdd, directory.unitAdd, directory.personAdd, directory.roleGrant, directory.chatBind, db.demoSeedCommand,
    ...intake.intakeCliCommands, ...api.apiCliCommands, ...jobs.jobsCliCommands, ...reports.reportsCliCommands,
    ...whatsapp.whatsappCliCommands, ...info.infoCliCommands, ...ai.aiCliCommands, ...dev.devCliCommands,
  ];
}

function helpText(commands: readonly CliCommand[]): string {
  return ['Penghubung: SP4N-LAPOR! coordination bot', '', 'Usage:', ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`), '', 'Configuration is read from the environment and ./.env (see .env.example).'].join('\n');
}

function findCommand(commands: readonly CliCommand[], argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  for (const command of [...commands].sort((a, b) => b.path.length - a.path.length)) {
    if (command.path.every((p, i) => argv[i] === p)) return { command, rest: argv.slice(command.path.length) };
  }
  return undefined;
}

/**
 * `--chat -100123` is a value, not an option: Telegram group ids are negative numbers.
 * A bare option (`--agency` with no value) becomes `--agency=`.
 */
function joinNegativeValues(args: string[], command: CliCommand): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.startsWith('--') ? a.slice(2) : '';
    const next = args[i + 1];
    if (command.options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else if (command.bareOptions?.includes(name) && (next === undefined || next.startsWith('--'))) {
      out.push(`${a}=`);
    } else out.push(a);
  }
  return out;
}

const stdio: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Run the CLI; returns the exit code. */
export async function runCli(argv: string[], io: CliIo = stdio, env?: Record<string, string | undefined>): Promise<number> {
  const commands = await loadCommands(argv);
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(helpText(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    io.err(`unknown command "${argv.join(' ')}"; run "penghubung help"`);
    return 2;
  }
  const { command, rest } = found;
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
  const interactive = command.path.length === 1 && command.path[0] === 'start';
  // The console chat owns the terminal: only warnings and errors are logged beside it.
  const log: Logger = createLogger({ level: interactive ? (config.console ? 'warn' : config.logLevel) : 'warn', pretty: Boolean(process.stdout.isTTY) && config.env !== 'production' });
  let opened: Opened | undefined;
  const cliEnv: CliEnv = {
    config,
    log,
    io,
    async services() {
      opened ??= await openServices(config, log);
      return opened.ctx;
    },
  };
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: joinNegativeValues(rest, command), options: command.options, allowPositionals: (command.positionals ?? 0) > 0, strict: true });
    } catch (e) {
      throw new UsageError((e as Error).message.split('\n')[0]);
    }
    const code = await command.run(cliEnv, parsed.values as Values, parsed.positionals);
    return code ?? 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message} (usage: ${command.usage})`);
      return 2;
    }
    if (isDomainError(e)) {
      io.err(errorText(e));
      return 2;
    }
    if (e instanceof DataDirLockedError) {
      io.err(e.message);
      return 1;
    }
    log.error({ err: e }, 'command failed');
    io.err(`error: ${(e as Error).message}`);
    return 1;
  } finally {
    await opened?.db.close();
  }
}
