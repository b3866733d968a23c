"""Brian2 twin of Spikeflow's `hh-10k` benchmark: Hodgkin-Huxley 1952 neurons
(src/library/cells/HodgkinHuxley1952.ts), exponential Euler, a constant current density on every
neuron; gates start at their steady state at -65 mV; a spike is v > 0 mV with a 2 ms dead time
(refractory, nothing held or reset).

    /usr/bin/python3 bench/brian2/hh.py --n 10000 --duration-ms 100 --dt-ms 0.01 [--device runtime]
"""
import math
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ inside the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def steady_gates(v):
    """Steady-state m, h, n at membrane potential v (mV), from the rate functions below."""
    am = 0.1 * (v + 40) / (1 - math.exp(-(v + 40) / 10))
    bm = 4 * math.exp(-(v + 65) / 18)
    ah = 0.07 * math.exp(-(v + 65) / 20)
    bh = 1 / (1 + math.exp(-(v + 35) / 10))
    an = 0.01 * (v + 55) / (1 - math.exp(-(v + 55) / 10))
    bn = 0.125 * math.exp(-(v + 65) / 80)
    return am / (am + bm), ah / (ah + bh), an / (an + bn)


def main():
    p = common.parser(__doc__)
    p.add_argument('--i-ua-cm2', type=float, default=10.0, help='input current density, uA/cm2')
    args = p.parse_args()
    device_name = common.setup_device(args)
    from brian2 import NeuronGroup, Network, defaultclock, ms, mV, mS, uF, uA, cm

    defaultclock.dt = args.dt_ms * ms
    namespace = {
        'C': 1 * uF / cm**2, 'gNa': 120 * mS / cm**2, 'gK': 36 * mS / cm**2, 'gL': 0.3 * mS / cm**2,
        'ENa': 50 * mV, 'EK': -77 * mV, 'EL': -54.387 * mV, 'I': args.i_ua_cm2 * uA / cm**2,
    }
    eqs = '''
    dv/dt = (I - INa - IK - IL) / C : volt
    dm/dt = alpha_m * (1 - m) - beta_m * m : 1
    dh/dt = alpha_h * (1 - h) - beta_h * h : 1
    dn/dt = alpha_n * (1 - n) - beta_n * n : 1
    alpha_m = 0.1/mV/ms * (v + 40*mV) / (1 - exp(-(v + 40*mV) / (10*mV))) : Hz
    beta_m = 4/ms * exp(-(v + 65*mV) / (18*mV)) : Hz
    alpha_h = 0.07/ms * exp(-(v + 65*mV) / (20*mV)) : Hz
    beta_h = 1/ms / (1 + exp(-(v + 35*mV) / (10*mV))) : Hz
    alpha_n = 0.01/mV/ms * (v + 55*mV) / (1 - exp(-(v + 55*mV) / (10*mV))) : Hz
    beta_n = 0.125/ms * exp(-(v + 65*mV) / (80*mV)) : Hz
    INa = gNa * m**3 * h * (v - ENa) : amp/meter**2
    IK = gK * n**4 * (v - EK) : amp/meter**2
    IL = gL * (v - EL) : amp/meter**2
    nspk : 1
    '''
    G = NeuronGroup(args.n, eqs, threshold='v > 0*mV', reset='nspk += 1', refractory=2 * ms,
                    method='exponential_euler', namespace=namespace)
    m0, h0, n0 = steady_gates(-65.0)
    G.v = -65 * mV
    G.m = m0
    G.h = h0
    G.n = n0
    net = Network(G)
    measured = common.run_and_measure(args, net, args.duration_ms * ms, lambda: G.nspk[:].sum())
    common.emit(args, device_name, measured, {'model': 'HodgkinHuxley1952', 'method': 'exponential_euler'})


if __name__ == '__main__':
    main()
