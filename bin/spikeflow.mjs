#!/usr/bin/env node
// The `spikeflow` command. Runs the TypeScript sources directly through tsx, so no build step is
// needed; all the work is in src/cli/main.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const args = process.argv.slice(2);
// WebGPU in Node needs the Vulkan loader on the library path when the process starts (see
// src/cli/vulkanEnv.ts): a run that may use the GPU starts again with it where that is needed.
if (!process.env.SPIKEFLOW_VULKAN_ENV) {
  const { mayUseGpu, vulkanEnvironment } = await import('../src/cli/vulkanEnv.ts');
  const extra = vulkanEnvironment();
  const read = (file) => {
    try {
      return readFileSync(resolve(process.cwd(), file), 'utf8');
    } catch {
      return undefined;
    }
  };
  if (extra && mayUseGpu(args, read)) {
    const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, ...extra, SPIKEFLOW_VULKAN_ENV: '1' } });
    process.exit(child.status ?? 1);
  }
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(args, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
