/** Jaxley's channels, written in the Spikeflow model language: insert them into a Compartment. */
import { Fire } from './Fire';
import { HH } from './HH';
import { Izhikevich } from './Izhikevich';
import { K } from './K';
import { Leak } from './Leak';
import { Na } from './Na';

export { Fire, HH, Izhikevich, K, Leak, Na };

export const jaxleyChannels = [Leak, Fire, Izhikevich, Na, K, HH] as const;
