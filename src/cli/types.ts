/** The CLI's small framework: one file per command group, a table in src/cli.ts. */
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import type { ServiceContext } from '../services/context.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliEnv {
  config: Config;
  log: Logger;
  io: CliIo;
  /** Opens the database (migrating it) on first use; closed by the CLI after the command. */
  services(): Promise<ServiceContext>;
}

export interface CliCommand {
  /** e.g. ['unit', 'add'] */
  path: string[];
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Positional arguments allowed (default 0). */
  positionals?: number;
  /** String options that may also stand alone (`--agency` alone: the only agency); alone, their value is ''. */
  bareOptions?: string[];
  run(env: CliEnv, values: Values, positionals: string[]): Promise<number | void>;
}

/** Bad arguments: one line on stderr and exit code 2; nothing is written. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`missing --${name}`);
  return v.trim();
}

export function optional(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}
