#!/usr/bin/env node
// The `spikeflow` command. Runs the TypeScript sources directly through tsx, so no build step is
// needed; all the work is in src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
