/**
 * Prompts live in prompts/<name>.md: a front-matter block (name, version, variables) and two
 * sections, `# System` and `# User`. `{{variable}}` placeholders are filled by `fillTemplate` in
 * one pass, so a value that itself contains `{{…}}` (report text) is never expanded.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Prompt {
  name: string;
  version: number;
  variables: string[];
  system: string;
  user: string;
}

const DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));
const cache = new Map<string, Prompt>();

/** Parse the small front-matter subset the prompt files use: `key: value` and `key: [a, b]`. */
function frontMatter(block: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const line of block.split('\n')) {
    const m = /^([a-z_]+):\s*(.*)$/i.exec(line.trim());
    if (!m) continue;
    const value = m[2]!.trim();
    out[m[1]!] = /^\[.*\]$/.test(value) ? value.slice(1, -1).split(',').map((v) => v.trim()).filter(Boolean) : value;
  }
  return out;
}

/** Parse a prompt file's text; throws on a malformed file (a programming error, caught by tests). */
export function parsePrompt(text: string, source = 'prompt'): Prompt {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n'));
  if (!m) throw new Error(`${source}: missing front-matter`);
  const meta = frontMatter(m[1]!);
  const sections = /^# System\s*\n([\s\S]*?)^# User\s*\n([\s\S]*)$/m.exec(m[2]!);
  if (!sections) throw new Error(`${source}: needs "# System" then "# User" sections`);
  const version = Number(meta.version);
  const variables = Array.isArray(meta.variables) ? meta.variables : [];
  if (typeof meta.name !== 'string' || !Number.isInteger(version)) throw new Error(`${source}: front-matter needs name and an integer version`);
  const prompt: Prompt = { name: meta.name, version, variables, system: sections[1]!.trim(), user: sections[2]!.trim() };
  const used = new Set([...`${prompt.system}\n${prompt.user}`.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]!));
  const undeclared = [...used].filter((v) => !variables.includes(v));
  const unused = variables.filter((v) => !used.has(v));
  if (undeclared.length || unused.length) throw new Error(`${source}: variables out of sync (undeclared: ${undeclared.join(',')}; unused: ${unused.join(',')})`);
  return prompt;
}

/** Load `prompts/<name>.md` (cached for the life of the process). */
export function loadPrompt(name: string): Prompt {
  let p = cache.get(name);
  if (!p) {
    p = parsePrompt(readFileSync(`${DIR}${name}.md`, 'utf8'), `prompts/${name}.md`);
    if (p.name !== name) throw new Error(`prompts/${name}.md: front-matter name is ${p.name}`);
    cache.set(name, p);
  }
  return p;
}

/** `fillTemplate('Hi {{who}}', { who: 'Ani' }) === 'Hi Ani'`; every placeholder must have a value. */
export function fillTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = vars[key];
    if (v === undefined) throw new Error(`template variable ${key} has no value`);
    return v;
  });
}

/** Both messages of a prompt, filled; refuses variables the prompt does not declare. */
export function renderPrompt(prompt: Prompt, vars: Readonly<Record<string, string>>): { system: string; user: string } {
  const extra = Object.keys(vars).filter((k) => !prompt.variables.includes(k));
  if (extra.length) throw new Error(`prompt ${prompt.name} does not take ${extra.join(', ')}`);
  return { system: fillTemplate(prompt.system, vars), user: fillTemplate(prompt.user, vars) };
}
