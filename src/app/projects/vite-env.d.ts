// Vite's client types (import.meta.glob, asset imports) for the examples gallery; tsconfig lists only Node's types.
/// <reference types="vite/client" />
