/** Synapse models of the built-in library: one connection each, used by projections. */
import { AlphaConductance } from './AlphaConductance';
import { AlphaCurrent } from './AlphaCurrent';
import { DeltaSynapse } from './DeltaSynapse';
import { DoubleExpCurrent } from './DoubleExpCurrent';
import { ExpConductance } from './ExpConductance';
import { ExpCurrent } from './ExpCurrent';
import { GapJunction } from './GapJunction';
import { SpikeSynapse } from './SpikeSynapse';
import { STDP } from './STDP';
import { TsodyksMarkram } from './TsodyksMarkram';

export {
  AlphaConductance,
  AlphaCurrent,
  DeltaSynapse,
  DoubleExpCurrent,
  ExpConductance,
  ExpCurrent,
  GapJunction,
  SpikeSynapse,
  STDP,
  TsodyksMarkram,
};

export const synapseModels = [
  SpikeSynapse,
  DeltaSynapse,
  ExpCurrent,
  AlphaCurrent,
  DoubleExpCurrent,
  ExpConductance,
  AlphaConductance,
  TsodyksMarkram,
  STDP,
  GapJunction,
] as const;
