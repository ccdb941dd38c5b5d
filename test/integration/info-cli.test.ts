import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';

let cli: CliHarness;
beforeAll(async () => {
  cli = await cliHarness();
  for (const argv of [
    ['agency', 'add', '--code', 'BKN', '--name', 'Badan Kepegawaian Negara'],
    ['unit', 'add', '--code', 'BKN-PENSIUN', '--name', 'Direktorat Pensiun'],
    ['person', 'add', '--name', 'Dedi', '--telegram', '1004'],
    ['role', 'grant', '--person', '1004', '--role', 'penghubung', '--unit', 'BKN-PENSIUN'],
  ]) expect((await cli.run(...argv)).code).toBe(0);
}, 120_000);
afterAll(() => cli.close());

describe('penghubung pic', () => {
  it('adds, lists and removes PIC entries', async () => {
    const add = await cli.run('pic', 'add', '--unit', 'bkn-pensiun', '--person', '1004', '--topic', 'Pensiun janda', '--hours', 'Sen-Jum 08.00-16.00');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^PIC added: [0-9a-f]{8} {2}BKN-PENSIUN +Dedi +Pensiun janda +Sen-Jum 08\.00-16\.00$/);
    expect((await cli.run('pic', 'add', '--unit', 'BKN-PENSIUN', '--person', 'Dedi')).code).toBe(0);

    const list = await cli.run('pic', 'list');
    expect(list.out.split('\n')).toHaveLength(3);
    expect(list.out).toMatch(/\(semua topik\)/);
    expect(list.out).toMatch(/2 PIC entries in BKN$/);
    const json = JSON.parse((await cli.run('pic', 'list', '--topic', 'janda', '--json')).out) as { topic: string }[];
    expect(json.map((l) => l.topic)).toEqual(['Pensiun janda']);

    const id = add.out.slice('PIC added: '.length, 'PIC added: '.length + 8);
    expect((await cli.run('pic', 'remove', '--id', id)).out).toMatch(/^PIC removed: /);
    expect((await cli.run('pic', 'list')).out).toMatch(/1 PIC entry in BKN$/);
  });

  it('explains bad input with exit code 2', async () => {
    const missing = await cli.run('pic', 'add', '--unit', 'BKN-PENSIUN');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing --person/);
    const unknown = await cli.run('pic', 'add', '--unit', 'BKN-NOPE', '--person', 'Dedi');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unit BKN-NOPE tidak ditemukan/);
    const nobody = await cli.run('pic', 'add', '--unit', 'BKN-PENSIUN', '--person', 'Siapa');
    expect(nobody.code).toBe(2);
    expect(nobody.err).toMatch(/Orang "Siapa" tidak ditemukan/);
  });
});
