/**
 * TensorFlow.js on the simulation's own GPUDevice: the device a GPU fit acquires (engine/webgpu/
 * acquire.ts, the adapter's name, whether it is software, the limits a large network needs) is
 * handed to a `WebGPUBackend` of @tensorflow/tfjs-backend-webgpu, so that tfjs tensors can wrap
 * the simulation's buffers (`tf.tensor({ buffer, zeroCopy: true })`) and tfjs's kernels read them
 * where they are, on the same queue. tfjs's own factory would request a second device, whose
 * buffers the simulation could not bind.
 *
 * While a GPU fit runs, tfjs's active backend is this one; gradient fits, whose optimisers take a
 * few numbers from float64 sensitivities on the host, select tfjs's CPU backend again
 * (`readyTensorflow`).
 */
import * as tf from '@tensorflow/tfjs-core';
// The backend without tfjs's 160 kernels (465 kB of the fit worker): a fit needs its own program
// (traceLossProgram.ts) and Add, which sums the chunks' slots.
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu/dist/base';
import { addConfig } from '@tensorflow/tfjs-backend-webgpu/dist/kernels/Add';

const NAME = 'webgpu';

if (!tf.getKernel(addConfig.kernelName, NAME)) tf.registerKernel(addConfig);

let current: { device: GPUDevice; backend: WebGPUBackend } | undefined;

/**
 * Makes a tfjs WebGPU backend on `device` the active backend (a new one when the device changed,
 * e.g. after a device was lost), and returns it.
 */
export async function tensorflowOnDevice(device: GPUDevice): Promise<WebGPUBackend> {
  if (current?.device !== device) {
    // The package registers a factory of its own where navigator.gpu exists; ours replaces it.
    if (tf.findBackendFactory(NAME)) tf.removeBackend(NAME);
    const backend = new WebGPUBackend(device);
    tf.registerBackend(NAME, () => backend);
    current = { device, backend };
  }
  if (tf.getBackend() !== NAME) await tf.setBackend(NAME);
  return current.backend;
}

/** Submits the work tfjs has recorded so far, so that it runs before anything submitted later. */
export function submitTensorflowWork(backend: WebGPUBackend): void {
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();
}
