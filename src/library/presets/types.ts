/**
 * A firing-pattern preset: one cell of a built-in model with the parameter values, the stimulus
 * protocol and the simulation settings under which it shows a classic firing pattern. Presets are
 * plain data (no compiler, no engine), so the editor can list and add them without loading the
 * model library.
 */

/** Which paper's set a preset belongs to. */
export type PresetFamily = 'izhikevich' | 'adex';

/**
 * A stimulus of the preset's protocol, in the units of the model's input (a quantity string).
 * Times are absolute (ms from the start of the run), as in the paper's protocol.
 */
export type PresetStimulus =
  | {
      readonly type: 'step';
      readonly amplitude: string;
      readonly startMs: number;
      readonly stopMs: number;
      /** The id stem of the stimulus in the project (`<population>_<stem>`). */
      readonly stem: string;
    }
  | {
      readonly type: 'pulses';
      readonly amplitude: string;
      readonly widthMs: number;
      /** Start-to-start interval of the pulses. */
      readonly periodMs: number;
      readonly count: number;
      readonly startMs: number;
      readonly stem: string;
    };

export interface FiringPreset {
  /** Stable id (test ids, drag payloads): `izh-rs`, `adex-tonic`, ... */
  readonly id: string;
  readonly family: PresetFamily;
  /** The pattern's name, e.g. "Regular spiking (RS)". */
  readonly name: string;
  /** One line for the palette. */
  readonly summary: string;
  /** Built-in cell model the preset instantiates. */
  readonly model: 'Izhikevich2003' | 'AdEx';
  /** The id stem of the population (`rs`, `tonic`, ...), made unique in the project. */
  readonly populationStem: string;
  /** Parameter values as project values: quantity strings with their units. */
  readonly params: Readonly<Record<string, string>>;
  /** Initial values that differ from the model's defaults. */
  readonly init?: Readonly<Record<string, string>>;
  readonly stimuli: readonly PresetStimulus[];
  /** Recorded variables: the membrane potential and the recovery/adaptation variable. */
  readonly record: readonly string[];
  /** Recommended simulation settings. */
  readonly dtMs: number;
  readonly durationMs: number;
  readonly integrator: 'euler';
  readonly update: 'sequential' | 'simultaneous';
  /** Why this update order (and step): Izhikevich's code steps v, then u from the new v. */
  readonly updateWhy: string;
  /** 2-4 sentences: which parameters make the pattern. */
  readonly explanation: string;
  /** Where the values and the protocol come from. */
  readonly source: string;
}
