/**
 * Compiles a population's step program (engine/stepProgram.ts: the same integration plan as the
 * JavaScript step) to a WebAssembly module over four float32 lanes, four neurons per iteration:
 * `step(n)` and `flush()`.
 *
 * Lines whose value is the same for every neuron are computed once per step in JavaScript
 * (KernelScope's prelude); everything per neuron is float32 arithmetic, as on the GPU
 * (LaneEmitter). Conditions are lane masks, so refractoriness, spike tests and resets are
 * selections, not branches; only spiking lanes leave the vector code (their indices are appended to
 * the spike buffer in order). Models the kernel cannot express throw KernelUnsupported with the
 * reason; their population runs the JavaScript step instead.
 */
import type { Expr } from '../../model/ir';
import { symbolsOf } from '../../model/symbolic';
import { NEVER_SPIKED } from '../cpu/codegen';
import { collectNodes, isRandomDraw, isReduction } from '../cpu/invariants';
import { EngineError } from '../errors';
import { externalInput, flatExpressions, type FlatModel } from '../flatten';
import type { IntegratorName } from '../integrators';
import { buildStepProgram, type StepProgram } from '../stepProgram';
import { CodeBuilder, moduleBytes, OP, SIMD } from './binary';
import { SCALAR_SLOTS, type KernelLayout } from './kernelMemory';
import { KernelScope } from './kernelScope';
import { LaneEmitter } from './laneEmitter';
import { KernelUnsupported } from './unsupported';

export { KernelUnsupported } from './unsupported';

export interface KernelOptions {
  readonly integrator: IntegratorName;
  readonly sequential: boolean;
  readonly oneSpike: boolean;
  readonly paramIsArray: readonly boolean[];
  readonly inputHasArray: readonly boolean[];
  /** Base stream of the population's rand()/randn() sites (as the JavaScript step's). */
  readonly randomStream: number;
}

export interface CompiledKernel {
  readonly module: WebAssembly.Module;
  /**
   * JavaScript source of `(n, dt, PS, US, H, HI, RK) => void`: fills the scalar slots for step n;
   * RK(stream, n, sub) is rng.ts's rngKey with the project's seed.
   */
  readonly prelude: string;
}

const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

export function compileKernel(flat: FlatModel, options: KernelOptions, layout: KernelLayout): CompiledKernel {
  if (options.oneSpike) throw new KernelUnsupported('one spike per step (one_spike) needs the whole population first');
  const draws: Expr[] = [];
  for (const e of flatExpressions(flat)) {
    if (collectNodes(e, isReduction).length > 0) throw new KernelUnsupported('population reductions (pop_sum, pop_max) need the whole population first');
    collectNodes(e, isRandomDraw, draws);
  }
  let program: StepProgram;
  try {
    program = buildStepProgram(flat, { integrator: options.integrator, sequential: options.sequential, allowRandom: true });
  } catch (e) {
    if (e instanceof EngineError) throw new KernelUnsupported(e.message);
    throw e;
  }
  const scope = new KernelScope(flat, options, program);
  const needed = scope.neededLines([...program.next, ...program.integrated, ...program.decisions]);
  scope.computeUniformLines(needed);
  const refSlot = scope.refractorySlot();
  const code = new CodeBuilder(1);
  emitStep(scope, new LaneEmitter(scope, code, draws, options.randomStream), code, flat, options, layout, program, needed, refSlot);
  if (scope.slotCount > SCALAR_SLOTS) throw new KernelUnsupported(`more than ${SCALAR_SLOTS} per-step values`);
  const bytes = moduleBytes(
    [
      { name: 'step', params: ['i32'], code },
      { name: 'flush', params: [], code: flushSubnormals(layout) },
    ],
    Math.ceil(layout.bytes / 65536),
  );
  return { module: new WebAssembly.Module(bytes), prelude: scope.preludeSource() };
}

/** step(n): the loop over the population, four neurons per iteration; returns the spike count, or −1 after a blow-up. */
function emitStep(scope: KernelScope, values: LaneEmitter, c: CodeBuilder, flat: FlatModel, options: KernelOptions, layout: KernelLayout, program: StepProgram, needed: ReadonlySet<string>, refSlot: number | undefined): void {
  const n = 0;
  const i = c.local('i32');
  const count = c.local('i32');
  const bits = c.local('i32');
  const vn = c.local('v128');
  const bad = c.local('v128');
  const finite = c.local('v128');
  const lanes = c.local('v128');
  values.lanes = lanes;
  const vsize = c.local('v128');
  const lastSpike = c.local('v128');
  const nr = c.local('v128');
  const spiked = c.local('v128');
  const vref = refSlot === undefined ? -1 : c.local('v128');
  c.get(n).simd(SIMD.i32x4Splat).set(vn);
  c.i32(layout.size).simd(SIMD.i32x4Splat).set(vsize);
  c.i32x4(0, 1, 2, 3).set(lanes);
  c.f32x4(0).set(bad);
  if (refSlot !== undefined) c.i32(0).simdMem(SIMD.load32Splat, layout.scalars + 4 * refSlot, 2).set(vref);

  // The loop is emitted first and then moved after the splats of the slots it turned out to read.
  const loopStart = c.bytes.length;
  c.op(OP.block, 0x40).op(OP.loop, 0x40);
  c.get(i).i32(layout.padded * 4).op(OP.i32GeU).op(OP.brIf, 1);
  // Leaves: states, the last spike, refractoriness, per-neuron parameters and inputs.
  flat.states.forEach((s, k) => {
    const local = c.local('v128');
    c.get(i).simdMem(SIMD.load, layout.states[k]).set(local);
    values.locals.set(s.name, local);
  });
  c.get(i).simdMem(SIMD.load, layout.lastSpike).set(lastSpike);
  if (refSlot !== undefined) c.get(vn).get(lastSpike).simd(SIMD.i32x4Sub).get(vref).simd(SIMD.i32x4GeS).set(nr);
  else c.i32x4(-1).set(nr);
  values.locals.set('nr', nr);
  options.paramIsArray.forEach((isArray, k) => {
    if (!isArray) return;
    const local = c.local('v128');
    c.get(i).simdMem(SIMD.load, layout.params[k]!).set(local);
    values.locals.set(flat.params[k].name, local);
  });
  options.inputHasArray.forEach((hasArray, k) => {
    if (!hasArray) return;
    // float64 values, two per vector: demote both halves and join them; plus the uniform part.
    const local = c.local('v128');
    c.get(i).i32(1).op(OP.i32Shl).simdMem(SIMD.load, layout.inputs[k]).simd(SIMD.f32x4DemoteF64x2Zero);
    c.get(i).i32(1).op(OP.i32Shl).simdMem(SIMD.load, layout.inputs[k] + 16).simd(SIMD.f32x4DemoteF64x2Zero);
    c.shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
    const name = externalInput(flat.inputs[k].name);
    values.emitSlotOf(name);
    c.simd(SIMD.f32x4Add).set(local);
    values.locals.set(name, local);
  });
  if ([...needed].some((line) => symbolsOf(scope.lineExpr.get(line)!).has('lastspike'))) {
    // t of the last spike, −1e7 ms before any (as the JavaScript step)
    const local = c.local('v128');
    c.f32x4(-1e7).get(lastSpike).simd(SIMD.f32x4ConvertI32x4S);
    values.emit(sym('dt'), 'num');
    c.simd(SIMD.f32x4Mul).get(lastSpike).i32x4(NEVER_SPIKED).simd(SIMD.i32x4Eq).simd(SIMD.bitselect).set(local);
    values.locals.set('lastspike', local);
  }
  // Per-neuron lines are computed where first used below (then kept in a local), so a line that a
  // rewrite made unnecessary costs nothing.
  // Blow-up: a state after integration that is not finite in float32. x − x is 0 for finite x and
  // NaN otherwise; the valid lanes' sum is carried through the loop and tested once after it.
  const valid = c.local('v128');
  c.get(lanes).get(vsize).simd(SIMD.i32x4LtS).set(valid);
  program.integrated.forEach((line, k) => {
    values.emitValue(line, 'num');
    c.tee(finite).get(finite).simd(SIMD.f32x4Sub);
    if (k > 0) c.simd(SIMD.f32x4Add);
  });
  if (program.integrated.length > 0) c.get(valid).simd(SIMD.and).get(bad).simd(SIMD.f32x4Add).set(bad);
  // Store the states (subnormal values are flushed to 0 every few steps by `flush`).
  program.next.forEach((line, k) => {
    c.get(i);
    values.emitValue(line, 'num');
    c.simdMem(SIMD.store, layout.states[k]);
  });
  // Spikes: lanes where any decision holds; their last-spike step and indices, in neuron order.
  if (program.decisions.length > 0) {
    c.get(valid);
    program.decisions.forEach((line, k) => {
      values.emitValue(line, 'mask');
      if (k > 0) c.simd(SIMD.or);
    });
    c.simd(SIMD.and).tee(spiked).simd(SIMD.i32x4Bitmask).tee(bits);
    c.op(OP.if, 0x40);
    c.get(i).get(vn).get(lastSpike).get(spiked).simd(SIMD.bitselect).simdMem(SIMD.store, layout.lastSpike);
    c.op(OP.loop, 0x40);
    c.get(count).i32(2).op(OP.i32Shl);
    c.get(i).i32(2).op(OP.i32ShrU).get(bits).op(OP.i32Ctz).op(OP.i32Add);
    c.mem(OP.i32Store, layout.spikes);
    c.get(count).i32(1).op(OP.i32Add).set(count);
    c.get(bits).get(bits).i32(1).op(OP.i32Sub).op(OP.i32And).tee(bits);
    c.op(OP.brIf, 0);
    c.op(OP.end);
    c.op(OP.end);
  }
  c.get(i).i32(16).op(OP.i32Add).set(i);
  c.get(lanes).i32x4(4).simd(SIMD.i32x4Add).set(lanes);
  c.op(OP.br, 0).op(OP.end).op(OP.end);
  // Splat the scalar slots the loop reads, before the loop.
  const loop = c.bytes.splice(loopStart);
  for (const [slot, local] of values.slotLocals) {
    c.i32(0).simdMem(SIMD.load32Splat, layout.scalars + 4 * slot, 2);
    if (scope.slotKind[slot] === 'mask') c.f32x4(0).simd(SIMD.f32x4Ne);
    c.set(local);
  }
  c.bytes.push(...loop);
  // count, or −1 after a blow-up
  c.i32(-1).get(count).get(bad).get(bad).simd(SIMD.f32x4Ne).simd(SIMD.anyTrue).op(OP.select);
}

/**
 * The module's second function: every state flushed to 0 where it is subnormal. Subnormal float32
 * arithmetic is ~20× slower on x86 (WebAssembly cannot set flush-to-zero), and decaying states
 * (synaptic conductances) end there; called every 16 steps, a value stays subnormal at most 15.
 */
function flushSubnormals(layout: KernelLayout): CodeBuilder {
  const c = new CodeBuilder(0);
  const i = c.local('i32');
  c.op(OP.block, 0x40).op(OP.loop, 0x40);
  c.get(i).i32(layout.padded * 4).op(OP.i32GeU).op(OP.brIf, 1);
  for (const at of layout.states) {
    c.get(i).get(i).simdMem(SIMD.load, at).get(i).simdMem(SIMD.load, at).simd(SIMD.f32x4Abs).f32x4(FLOAT32_MIN_NORMAL).simd(SIMD.f32x4Lt).simd(SIMD.andnot);
    c.simdMem(SIMD.store, at);
  }
  c.get(i).i32(16).op(OP.i32Add).set(i);
  c.op(OP.br, 0).op(OP.end).op(OP.end);
  c.i32(0);
  return c;
}

function sym(name: string): Expr {
  return { k: 'sym', name };
}
