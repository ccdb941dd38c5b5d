/** pino logger. Free text that may carry personal data goes through `mask()` before it is logged. */
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export function createLogger(opts: { level: string; pretty?: boolean; name?: string }): Logger {
  return pino({
    name: opts.name ?? 'penghubung',
    level: opts.level,
    // Secrets never reach the log, whatever object is passed in.
    redact: { paths: ['token', '*.token', 'apiKey', '*.apiKey', 'password', '*.password', 'authorization', '*.authorization'], censor: '***' },
    transport: opts.pretty ? { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' } } : undefined,
  });
}

/** A logger that drops everything (tests, CLI one-shots). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
