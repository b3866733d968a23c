/**
 * WebGPU's flag values, written out: the GPUBufferUsage and GPUMapMode objects are not globals in
 * every host (Dawn in Node exposes them only after installing its globals).
 */
export const STORAGE = 0x80; // GPUBufferUsage.STORAGE
export const UNIFORM = 0x40; // GPUBufferUsage.UNIFORM
export const COPY_SRC = 0x04; // GPUBufferUsage.COPY_SRC
export const COPY_DST = 0x08; // GPUBufferUsage.COPY_DST
export const MAP_READ = 0x01; // GPUBufferUsage.MAP_READ
export const MAP_MODE_READ = 0x01; // GPUMapMode.READ
