import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/commands/index.js';
import { withCommandDocs } from '../../src/commands/docs.js';
import { loadCommands } from '../../src/cli.js';
import { withCliDocs } from '../../src/cli/docs.js';

describe('README command reference', () => {
  it('matches the command registry (run `npm run docs` after changing a command)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withCommandDocs(readme, createRegistry()));
  });

  it('lists every command with its English aliases', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const c of createRegistry().commands) {
      expect(readme).toContain(`\`${c.usage.replace(/\|/g, '\\|')}\``); // pipes are escaped inside the table
      for (const a of c.aliases) expect(readme).toContain(`\`/${a}\``);
    }
  });

  it('lists every command-line command (run `npm run docs` after changing one)', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const commands = await loadCommands();
    expect(readme).toBe(withCliDocs(readme, commands));
    for (const c of commands) expect(readme).toContain(`\`${c.usage.replace(/\|/g, '\\|')}\``);
  });
});
