import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';

let cli: CliHarness;
beforeAll(async () => {
  cli = await cliHarness();
  expect((await cli.run('agency', 'add', '--code', 'bkc', '--name', 'Badan Kepegawaian Contoh')).code).toBe(0);
}, 60_000);
afterAll(() => cli.close());

describe('penghubung ai', () => {
  it('reports the model off without a key, and an untrained classifier', async () => {
    const r = await cli.run('ai', 'status', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ agency: 'BKC', model: null, tokensToday: 0, classifier: null, qualityCheck: false });
  });

  it('turns the quality check on and off, keeping other settings', async () => {
    expect(await cli.run('ai', 'quality-check', 'on')).toMatchObject({ code: 0, out: 'Answer-quality check on for BKC' });
    expect(JSON.parse((await cli.run('ai', 'status', '--json')).out).qualityCheck).toBe(true);
    expect((await cli.run('ai', 'quality-check', 'maybe')).code).toBe(2);
    expect((await cli.run('ai', 'quality-check', 'off')).code).toBe(0);
    expect(JSON.parse((await cli.run('ai', 'status', '--json')).out).qualityCheck).toBe(false);
  });

  it('has nothing to train on in an empty agency', async () => {
    expect(await cli.run('ai', 'train')).toMatchObject({ code: 0, out: 'No reports in BKC yet: nothing to train on' });
  });

  it('shows the configured model without its key', async () => {
    expect((await cli.run('ai', 'status')).out).toMatch(/model: +off \(no OPENAI_API_KEY\)/);
    cli.env.OPENAI_API_KEY = 'sk-secret-123';
    cli.env.AI_MODEL = 'model-x';
    const r = await cli.run('ai', 'status');
    delete cli.env.OPENAI_API_KEY;
    expect(r.out).toMatch(/model: +model-x at https:\/\/api\.openai\.com\/v1 \(cap 200000 tokens\/day, timeout 15000 ms\)/);
    expect(r.out).not.toContain('sk-secret');
  });
});
