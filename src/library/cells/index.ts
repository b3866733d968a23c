/** The ten ngclearn spiking cells as built-in Spikeflow models. */
import { AdExCell } from './AdExCell';
import { FitzhughNagumoCell } from './FitzhughNagumoCell';
import { HodgkinHuxleyCell } from './HodgkinHuxleyCell';
import { IFCell } from './IFCell';
import { IzhikevichCell } from './IzhikevichCell';
import { LIFCell } from './LIFCell';
import { QuadLIFCell } from './QuadLIFCell';
import { RAFCell } from './RAFCell';
import { SLIFCell } from './SLIFCell';
import { WTASCell } from './WTASCell';

export {
  AdExCell,
  FitzhughNagumoCell,
  HodgkinHuxleyCell,
  IFCell,
  IzhikevichCell,
  LIFCell,
  QuadLIFCell,
  RAFCell,
  SLIFCell,
  WTASCell,
};

export const ngclearnCells = [
  IFCell,
  LIFCell,
  RAFCell,
  WTASCell,
  AdExCell,
  FitzhughNagumoCell,
  HodgkinHuxleyCell,
  IzhikevichCell,
  QuadLIFCell,
  SLIFCell,
] as const;
