/**
 * φ(B, D) = (e^{B·D} − 1)/B, the factor of the exact step of dx/dt = A + B·x over a time D:
 * x ← x + (A + B·x)·φ. For |B·D| < 1e-5 the series D·(1 + B·D/2) replaces it, since the quotient
 * would lose every digit to cancellation there. Used by exponential Euler (D = dt) and by synapse
 * states advanced between events (D = time since the last event).
 */
export const phi = (B: string, D: string): string =>
  `(Math.abs(${B} * ${D}) < 1e-5 ? ${D} * (1 + 0.5 * ${B} * ${D}) : (Math.exp(${B} * ${D}) - 1) / ${B})`;
