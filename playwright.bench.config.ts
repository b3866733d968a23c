/**
 * Playwright for the UI benchmark (`npm run bench:ui`): bench/ui/*.bench.ts against the built app,
 * same browser setup as the e2e tests. Results are printed as JSON lines and written to
 * test-results/ui-bench.json; nothing is asserted about speed.
 */
import base from './playwright.config';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  ...base,
  testDir: 'bench/ui',
  testMatch: '*.bench.ts',
  timeout: 180_000,
});
