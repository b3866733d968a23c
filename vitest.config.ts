import { defineConfig } from 'vitest/config';
import { vulkanEnvironment } from './src/cli/vulkanEnv';

// The WebGPU parity tests run Dawn in the test processes, which inherit this environment.
Object.assign(process.env, vulkanEnvironment() ?? {});

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
