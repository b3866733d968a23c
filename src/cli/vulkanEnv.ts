/**
 * Dawn (WebGPU in Node) loads the Vulkan loader `libvulkan.so.1` through the dynamic linker, which
 * reads LD_LIBRARY_PATH only when a process starts. A machine with a GPU driver has the loader in
 * the system's library path; a machine whose only Vulkan is the SwiftShader that Debian's Chromium
 * ships (/usr/lib/chromium) needs LD_LIBRARY_PATH and VK_ICD_FILENAMES set before Node starts.
 * This says which variables to set, if any; the CLI and the test runner start their processes with them.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_VULKAN_DIR = process.env.SPIKEFLOW_CHROMIUM_LIB ?? '/usr/lib/chromium';

const SYSTEM_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1', '/usr/lib/libvulkan.so.1'];

/** The variables to add so that Dawn finds a Vulkan driver, or undefined when nothing is needed. */
export function vulkanEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> | undefined {
  if (env.VK_ICD_FILENAMES || SYSTEM_LOADERS.some((path) => existsSync(path))) return undefined;
  const icd = `${CHROMIUM_VULKAN_DIR}/vk_swiftshader_icd.json`;
  if (!existsSync(icd) || !existsSync(`${CHROMIUM_VULKAN_DIR}/libvulkan.so.1`)) return undefined;
  const paths = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  return {
    VK_ICD_FILENAMES: icd,
    LD_LIBRARY_PATH: [CHROMIUM_VULKAN_DIR, ...paths.filter((p) => p !== CHROMIUM_VULKAN_DIR)].join(':'),
  };
}

/**
 * Whether `spikeflow ARGS` may use the GPU: a `run` or `fit` whose --backend (or, without it, the project's
 * simulation.backend) is not `cpu`. Only then is it worth starting Node again with the variables.
 */
export function mayUseGpu(args: readonly string[], readProject: (file: string) => string | undefined): boolean {
  if (args[0] !== 'run' && args[0] !== 'fit') return false;
  const flag = args.findIndex((a) => a === '--backend' || a.startsWith('--backend='));
  if (flag >= 0) return (args[flag].includes('=') ? args[flag].split('=')[1] : args[flag + 1]) !== 'cpu';
  const file = args.slice(1).find((a) => !a.startsWith('-'));
  try {
    const text = file ? readProject(file) : undefined;
    const backend = text ? (JSON.parse(text) as { simulation?: { backend?: string } }).simulation?.backend : undefined;
    return backend !== undefined && backend !== 'cpu';
  } catch {
    return false;
  }
}
