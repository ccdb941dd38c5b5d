import { defineConfig } from 'vitest/config';
import { reliabilityProject } from './vitest.config.js';

/**
 * `npm run test:reliability`: only the reliability and security suite (also part of `npm test`,
 * see vitest.config.ts), e.g. `npx vitest run --config vitest.reliability.config.ts <file>`.
 */
export default defineConfig({
  test: { projects: [reliabilityProject] },
});
