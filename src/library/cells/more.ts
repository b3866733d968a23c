/** Classic, Jaxley and BrainPy cell models of the built-in library. */
import { AdEx } from './AdEx';
import { AdExIF } from './AdExIF';
import { Compartment } from './Compartment';
import { HodgkinHuxley1952 } from './HodgkinHuxley1952';
import { Izhikevich2003 } from './Izhikevich2003';
import { Izhikevich2007 } from './Izhikevich2007';
import { LIF } from './LIF';

export { AdEx, AdExIF, Compartment, HodgkinHuxley1952, Izhikevich2003, Izhikevich2007, LIF };

export const moreCells = [Compartment, AdExIF, LIF, Izhikevich2003, Izhikevich2007, HodgkinHuxley1952, AdEx] as const;
