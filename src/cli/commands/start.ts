/** `penghubung start`: run the bot (what `npm start` does). */
import { runUntilSignal } from '../../main.js';
import type { CliCommand } from '../types.js';

export const startCommand: CliCommand = {
  path: ['start'],
  summary: 'Run the bot until Ctrl-C (creates and migrates the database, seeds the demo once)',
  usage: 'penghubung start',
  options: {},
  async run(env) {
    await runUntilSignal(env.config, env.log);
  },
};
