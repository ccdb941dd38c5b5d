import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARIABLES, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('defaults to the embedded database, WIB and cuti bersama as days off', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'pglite', dir: '.data/pglite' });
    expect(c.demoSeed).toBe(true);
    expect(c.calendar).toEqual({ timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false });
    expect(c.telegram).toBeUndefined();
    expect(c.whatsapp).toBeUndefined();
    expect(c.ai).toBeUndefined();
  });

  it('uses PostgreSQL when DATABASE_URL is set, without the demo by default', () => {
    const c = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/x', CUTI_BERSAMA_IS_WORKDAY: 'ya', OFFICE_TIMEZONE: 'Asia/Jayapura' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgresql://u:p@db:5432/x' });
    expect(c.demoSeed).toBe(false);
    expect(c.calendar).toEqual({ timeZone: 'Asia/Jayapura', cutiBersamaIsWorkday: true });
  });

  it('reads Telegram, webhook, WhatsApp and AI settings', () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9999',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.go.id/tg',
      TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnopqrstuvwxyz',
      WHATSAPP_ENABLED: 'true',
      OPENAI_API_KEY: 'sk-test',
      API_PORT: '8080',
    });
    expect(c.telegram).toEqual({ token: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', apiRoot: 'http://127.0.0.1:9999', webhook: { url: 'https://bot.example.go.id/tg', secret: 'abcdefghijklmnopqrstuvwxyz', port: 8443 } });
    expect(c.whatsapp).toEqual({ authDir: '.wwebjs_auth', chromiumPath: '/usr/bin/chromium', limits: { perChatPerMinute: 10, perSecond: 1, jitterMs: [500, 1500] } });
    expect(c.ai).toEqual({ apiKey: 'sk-test', baseUrl: undefined, model: 'gpt-4o-mini', dailyTokenCap: 200000, timeoutMs: 15000 });
    expect(c.apiPort).toBe(8080);
    expect(c.console).toBe(false);
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', OFFICE_TIMEZONE: 'UTC', API_PORT: '99999', WHATSAPP_ENABLED: 'maybe', LOG_LEVEL: 'loud', TELEGRAM_API_ROOT: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['API_PORT', 'DATABASE_URL', 'LOG_LEVEL', 'OFFICE_TIMEZONE', 'TELEGRAM_API_ROOT', 'WHATSAPP_ENABLED']);
    expect((error as Error).message).toContain('OFFICE_TIMEZONE: expected one of Asia/Jakarta, Asia/Makassar, Asia/Jayapura');
  });

  it('takes the WhatsApp pacing, and refuses pacing that is not one', () => {
    const c = loadConfig({ WHATSAPP_ENABLED: 'true', WHATSAPP_PER_GROUP_PER_MINUTE: '6', WHATSAPP_PER_SECOND: '0.5', WHATSAPP_JITTER_MS: '1000-3000' });
    expect(c.whatsapp?.limits).toEqual({ perChatPerMinute: 6, perSecond: 0.5, jitterMs: [1000, 3000] });
    const bads: [string, string][] = [['WHATSAPP_PER_GROUP_PER_MINUTE', '0'], ['WHATSAPP_PER_GROUP_PER_MINUTE', '2.5'], ['WHATSAPP_PER_SECOND', '0'], ['WHATSAPP_JITTER_MS', '1500-500'], ['WHATSAPP_JITTER_MS', 'acak']];
    for (const [variable, bad] of bads) {
      expect(() => loadConfig({ WHATSAPP_ENABLED: 'true', [variable]: bad }), `${variable}=${bad}`).toThrow(new RegExp(`${variable}: expected`));
    }
  });

  it('takes the duplicate threshold as a similarity in (0, 1]', () => {
    expect(loadConfig({}).duplicateThreshold).toBe(0.8);
    expect(loadConfig({ DUPLICATE_THRESHOLD: '0.65' }).duplicateThreshold).toBe(0.65);
    for (const bad of ['0', '1.5', 'tinggi']) expect(() => loadConfig({ DUPLICATE_THRESHOLD: bad }), bad).toThrow(/DUPLICATE_THRESHOLD: expected/);
  });

  it('requires a secret with a webhook', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TELEGRAM_WEBHOOK_URL: 'https://x.example/tg' })).toThrow(/TELEGRAM_WEBHOOK_SECRET: required/);
  });

  it('documents every variable in .env.example and the README', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of ENV_VARIABLES) {
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
});
