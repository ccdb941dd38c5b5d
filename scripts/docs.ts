/** `npm run docs`: regenerate the README's chat command and command-line references from the code. */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCommands } from '../src/cli.js';
import { withCliDocs } from '../src/cli/docs.js';
import { createRegistry } from '../src/commands/index.js';
import { withCommandDocs } from '../src/commands/docs.js';

const path = new URL('../README.md', import.meta.url);
const readme = withCliDocs(withCommandDocs(readFileSync(path, 'utf8'), createRegistry()), await loadCommands());
writeFileSync(path, readme);
console.log('README.md command references updated');
