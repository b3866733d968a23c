/** A model the SIMD kernel cannot express; its population runs the JavaScript step (the message says why). */
export class KernelUnsupported extends Error {}
