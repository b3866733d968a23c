/**
 * A minimal WebAssembly binary writer: one module that imports a memory and exports one function,
 * with an instruction builder for the scalar and 128-bit SIMD instructions the population kernels
 * use. Opcodes follow the WebAssembly 2.0 specification (SIMD: the 0xfd prefix).
 */

export type ValType = 'i32' | 'f32' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

/** SIMD opcodes (after the 0xfd prefix). */
export const SIMD = {
  load: 0x00,
  load32Splat: 0x09,
  store: 0x0b,
  const: 0x0c,
  shuffle: 0x0d,
  i32x4Splat: 0x11,
  f32x4Splat: 0x13,
  i32x4Eq: 0x37,
  i32x4Ne: 0x38,
  i32x4LtS: 0x39,
  i32x4GtS: 0x3b,
  i32x4GeS: 0x3f,
  f32x4Eq: 0x41,
  f32x4Ne: 0x42,
  f32x4Lt: 0x43,
  f32x4Gt: 0x44,
  f32x4Le: 0x45,
  f32x4Ge: 0x46,
  not: 0x4d,
  and: 0x4e,
  andnot: 0x4f,
  or: 0x50,
  xor: 0x51,
  bitselect: 0x52,
  anyTrue: 0x53,
  f32x4DemoteF64x2Zero: 0x5e,
  f32x4Floor: 0x68,
  f32x4Nearest: 0x6a,
  i32x4Bitmask: 0xa4,
  i32x4Shl: 0xab,
  i32x4ShrS: 0xac,
  i32x4ShrU: 0xad,
  i32x4Add: 0xae,
  i32x4Sub: 0xb1,
  i32x4Mul: 0xb5,
  f32x4Abs: 0xe0,
  f32x4Neg: 0xe1,
  f32x4Sqrt: 0xe3,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Div: 0xe7,
  f32x4Min: 0xe8,
  f32x4Max: 0xe9,
  /** Pseudo-min/max (b < a ? b : a): one instruction on x86; keep `a` when either is NaN. */
  f32x4Pmin: 0xea,
  f32x4Pmax: 0xeb,
  i32x4TruncSatF32x4S: 0xf8,
  f32x4ConvertI32x4S: 0xfa,
} as const;

/** Scalar opcodes. */
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Store: 0x36,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32GeU: 0x4f,
  i32Ctz: 0x68,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Or: 0x72,
  i32Shl: 0x74,
  i32ShrU: 0x76,
} as const;

export function uleb(value: number, out: number[] = []): number[] {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function sleb(value: number, out: number[] = []): number[] {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Instructions of one function body, with its locals (beyond the parameters) declared as used. */
export class CodeBuilder {
  readonly bytes: number[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(private readonly paramCount: number) {}

  local(type: ValType): number {
    this.localTypes.push(type);
    return this.paramCount + this.localTypes.length - 1;
  }

  op(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  simd(opcode: number): this {
    this.bytes.push(0xfd);
    uleb(opcode, this.bytes);
    return this;
  }

  /** A SIMD load or store: 16-byte alignment hint (log2 4), byte offset. */
  simdMem(opcode: number, offset: number, alignLog2 = 4): this {
    this.simd(opcode);
    uleb(alignLog2, this.bytes);
    uleb(offset, this.bytes);
    return this;
  }

  mem(opcode: number, offset: number, alignLog2 = 2): this {
    this.bytes.push(opcode);
    uleb(alignLog2, this.bytes);
    uleb(offset, this.bytes);
    return this;
  }

  get(index: number): this {
    return this.withLocal(OP.localGet, index);
  }

  set(index: number): this {
    return this.withLocal(OP.localSet, index);
  }

  tee(index: number): this {
    return this.withLocal(OP.localTee, index);
  }

  private withLocal(opcode: number, index: number): this {
    this.bytes.push(opcode);
    uleb(index, this.bytes);
    return this;
  }

  i32(value: number): this {
    this.bytes.push(OP.i32Const);
    sleb(value, this.bytes);
    return this;
  }

  /** A v128 constant of four f32 lanes. */
  f32x4(a: number, b = a, c = a, d = a): this {
    return this.v128([a, b, c, d], (view, at, v) => view.setFloat32(at, v, true));
  }

  /** A v128 constant of four i32 lanes. */
  i32x4(a: number, b = a, c = a, d = a): this {
    return this.v128([a, b, c, d], (view, at, v) => view.setInt32(at, v, true));
  }

  private v128(lanes: readonly number[], write: (view: DataView, at: number, v: number) => void): this {
    const view = new DataView(new ArrayBuffer(16));
    lanes.forEach((v, k) => write(view, 4 * k, v));
    this.simd(SIMD.const);
    for (let k = 0; k < 16; k++) this.bytes.push(view.getUint8(k));
    return this;
  }

  shuffle(lanes: readonly number[]): this {
    this.simd(SIMD.shuffle);
    this.bytes.push(...lanes);
    return this;
  }

  /** The locals declaration of the body: runs of equal types. */
  localsHeader(): number[] {
    const runs: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = runs.at(-1);
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    const out = uleb(runs.length);
    for (const [count, t] of runs) {
      uleb(count, out);
      out.push(VALTYPE[t]);
    }
    return out;
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

export interface WasmFunction {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly code: CodeBuilder;
}

/**
 * A module importing memory `env.memory` (at least `minPages` pages) and exporting the functions,
 * each with its parameter types and one i32 result.
 */
export function moduleBytes(functions: readonly WasmFunction[], minPages: number): Uint8Array<ArrayBuffer> {
  const types = functions.flatMap((f) => [0x60, ...uleb(f.params.length), ...f.params.map((p) => VALTYPE[p]), 0x01, VALTYPE.i32]);
  const imports = [0x01, ...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(minPages)];
  const declared = [...uleb(functions.length), ...functions.flatMap((_, k) => uleb(k))];
  const exports = [...uleb(functions.length), ...functions.flatMap((f, k) => [...name(f.name), 0x00, ...uleb(k)])];
  const bodies = functions.flatMap((f) => {
    const body = [...f.code.localsHeader(), ...f.code.bytes, OP.end];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [...uleb(functions.length), ...types]),
    ...section(2, imports),
    ...section(3, declared),
    ...section(7, exports),
    ...section(10, [...uleb(functions.length), ...bodies]),
  ]);
}

let simdSupported: boolean | undefined;

/** Whether this JavaScript engine runs WebAssembly with 128-bit SIMD. */
export function wasmSimdSupported(): boolean {
  if (simdSupported === undefined) {
    try {
      const code = new CodeBuilder(0);
      code.i32(0).simd(SIMD.i32x4Splat).simd(SIMD.i32x4Bitmask);
      simdSupported = typeof WebAssembly === 'object' && WebAssembly.validate(moduleBytes([{ name: 'probe', params: [], code }], 1));
    } catch {
      simdSupported = false;
    }
  }
  return simdSupported;
}
