#!/usr/bin/env node
// End-to-end tests: builds the app (vite build → dist/) and runs the Playwright specs in e2e/
// against `vite preview`, in the system Chromium. Playwright never downloads a browser here:
// without a Chromium at $CHROMIUM_PATH or /usr/bin/chromium this FAILS (it never skips).
// Prints a closing line "e2e: N passed, N failed" (from Playwright's JSON report).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, rmSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(chromium, constants.X_OK);
} catch {
  console.error(
    `\ne2e: no Chromium at ${chromium}.\n` +
      `Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.\n` +
      `The e2e tests never download browsers and never pass without one.\n`,
  );
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

const env = { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
  console.error('e2e: vite build failed');
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

const report = 'test-results/e2e-report.json';
rmSync(report, { force: true });
const status = run('npx', ['playwright', 'test', ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
try {
  const stats = JSON.parse(readFileSync(report, 'utf8')).stats;
  passed = stats.expected + stats.flaky;
  failed = stats.unexpected;
} catch {
  failed = Math.max(failed, 1);
}
if (status !== 0 && failed === 0) failed = 1;
if (status === 0 && passed === 0) {
  console.error('e2e: Playwright ran no test');
  failed = 1;
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
