"""Brian2 twin of the COBAHH network benchmark (Brette et al. 2007, benchmark 3), as in Brian2's
example `examples/COBAHH.py`: N single-compartment Hodgkin-Huxley neurons (Traub & Miles 1991
kinetics as simplified for the paper: Na (m^3 h) and K delayed rectifier (n^4) only) with
exponentially decaying synaptic conductances, 80% excitatory / 20% inhibitory, random
connectivity, no external input.

    dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v) - g_na*m^3*h*(v-ENa) - g_kd*n^4*(v-EK)) / Cm : volt
    dm/dt = alpha_m*(1-m) - beta_m*m ;  dn/dt = alpha_n*(1-n) - beta_n*n ;  dh/dt = alpha_h*(1-h) - beta_h*h
    dge/dt = -ge/taue : siemens ;  dgi/dt = -gi/taui : siemens
    alpha_m = 0.32/mV * (13 mV - v + VT) / (exp((13 mV - v + VT)/4 mV) - 1) / ms
    beta_m  = 0.28/mV * (v - VT - 40 mV) / (exp((v - VT - 40 mV)/5 mV) - 1) / ms
    alpha_h = 0.128 * exp((17 mV - v + VT)/18 mV) / ms
    beta_h  = 4 / (1 + exp((40 mV - v + VT)/5 mV)) / ms
    alpha_n = 0.032/mV * (15 mV - v + VT) / (exp((15 mV - v + VT)/5 mV) - 1) / ms
    beta_n  = 0.5 * exp((10 mV - v + VT)/40 mV) / ms
    spike: v > -20 mV, refractory 3 ms (no reset, nothing held), exponential Euler

    area 20000 um2: Cm = 1 uF/cm2 * area = 200 pF, gl = 5e-5 S/cm2 * area = 10 nS,
    g_na = 100 mS/cm2 * area = 20 uS, g_kd = 30 mS/cm2 * area = 6 uS
    El -60 mV, EK -90 mV, ENa 50 mV, VT -63 mV, Ee 0 mV, Ei -80 mV, taue 5 ms, taui 10 ms
    we 6 nS (onto ge), wi 67 nS (onto gi), no delay
    p = 0.02 at N = 4000; by default p = 80/N otherwise (constant in-degree, see common.py)
    initial state (the example's): v(0) = El + (5*randn() - 5) mV, ge(0) = (1.5*randn() + 4) * 10 nS,
      gi(0) = (12*randn() + 20) * 10 nS, m(0) = n(0) = h(0) = 0 (not set in the example)

    /usr/bin/python3 bench/brian2/cobahh.py --n 4000 --duration-ms 1000 --dt-ms 0.1 --seed 1
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ inside the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

PARAMS = {  # value, unit (per-area values already multiplied by the 20000 um2 area)
    'Cm': (200.0, 'pF'), 'gl': (10.0, 'nS'), 'g_na': (20000.0, 'nS'), 'g_kd': (6000.0, 'nS'),
    'El': (-60.0, 'mV'), 'EK': (-90.0, 'mV'), 'ENa': (50.0, 'mV'), 'VT': (-63.0, 'mV'),
    'Ee': (0.0, 'mV'), 'Ei': (-80.0, 'mV'), 'taue': (5.0, 'ms'), 'taui': (10.0, 'ms'),
    'we': (6.0, 'nS'), 'wi': (67.0, 'nS'), 'threshold': (-20.0, 'mV'), 'refractory': (3.0, 'ms'),
}

EQS = '''
dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK))/Cm : volt
dm/dt = alpha_m*(1-m) - beta_m*m : 1
dn/dt = alpha_n*(1-n) - beta_n*n : 1
dh/dt = alpha_h*(1-h) - beta_h*h : 1
dge/dt = -ge*(1./taue) : siemens
dgi/dt = -gi*(1./taui) : siemens
alpha_m = 0.32*(mV**-1)*(13*mV-v+VT)/(exp((13*mV-v+VT)/(4*mV))-1.)/ms : Hz
beta_m = 0.28*(mV**-1)*(v-VT-40*mV)/(exp((v-VT-40*mV)/(5*mV))-1)/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*(15*mV-v+VT)/(exp((15*mV-v+VT)/(5*mV))-1.)/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
nspk : 1
'''

INIT = {'v': 'El + (randn() * 5 - 5)*mV', 'ge': '(randn() * 1.5 + 4) * 10.*nS', 'gi': '(randn() * 12 + 20) * 10.*nS',
        'm': '0', 'n': '0', 'h': '0'}


def build(args):
    from brian2 import NeuronGroup, defaultclock, seed, ms, mV, nS, pF
    defaultclock.dt = args.dt_ms * ms
    seed(args.seed)
    units = {'ms': ms, 'mV': mV, 'nS': nS, 'pF': pF}
    ns = {k: v * units[u] for k, (v, u) in PARAMS.items()}
    n_exc = int(round(args.n * args.exc_fraction))
    # The spike is counted in the threshold's reset statement; nothing else is reset.
    P = NeuronGroup(args.n, EQS, threshold='v > threshold', reset='nspk += 1', refractory='refractory',
                    method=args.method, namespace=ns)
    P.v = INIT['v']
    P.ge = INIT['ge']
    P.gi = INIT['gi']
    return common.excitatory_inhibitory_network(args, P, n_exc, ns)


def main():
    p = common.network_parser(__doc__)
    p.add_argument('--method', default='exponential_euler', help="Brian2 integration method (the example's exponential_euler)")
    args = p.parse_args()
    device_name = common.setup_device(args)
    net, groups, syn, mon, counter, n_exc = build(args)
    common.run_network(args, device_name, net, groups, syn, mon, counter, n_exc,
                       {'model': 'COBAHH (Brette et al. 2007 benchmark 3)', 'method': args.method, 'init': INIT,
                        'params': {k: {'value': v, 'unit': u} for k, (v, u) in PARAMS.items()}})


if __name__ == '__main__':
    main()
