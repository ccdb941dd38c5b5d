/** `npm run docs`: regenerate the README's chat command reference from the command registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRegistry } from '../src/commands/index.js';
import { withCommandDocs } from '../src/commands/docs.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withCommandDocs(readFileSync(path, 'utf8'), createRegistry()));
console.log('README.md command reference updated');
