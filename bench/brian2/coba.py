"""Brian2 twin of the COBA network benchmark (Brette et al. 2007, benchmark 1; Vogels & Abbott 2005):
N leaky integrate-and-fire neurons with exponentially decaying synaptic *conductances*, 80%
excitatory / 20% inhibitory, random connectivity, no external input.  This is R. Brette's
Brian script for the paper (Brette_2007/COBA.py, where conductances are in units of the leak
conductance and v is relative to rest) written in physical units, with the membrane of Brian2's
`examples/COBAHH.py` (area 20000 um2, 1 uF/cm2, 5e-5 S/cm2 -> C = 200 pF, gl = 10 nS, taum = 20 ms):

    dv/dt  = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v)) / C : volt (unless refractory)
    dge/dt = -ge / taue : siemens
    dgi/dt = -gi / taui : siemens
    threshold v > Vt, reset v = Vr, refractory 5 ms, forward Euler (as in the paper's script)

    C 200 pF, gl 10 nS, El -60 mV, Vt -50 mV, Vr -60 mV, Ee 0 mV, Ei -80 mV, taue 5 ms, taui 10 ms
    we 6 nS (onto ge), wi 67 nS (onto gi), no delay
    p = 0.02 at N = 4000; by default p = 80/N otherwise (constant in-degree, see common.py)
    initial state (--init brette, default; the paper's script and Brian2's COBAHH example):
      v(0) = El + (5*randn() - 5) mV, ge(0) = (1.5*randn() + 4) * 10 nS, gi(0) = (12*randn() + 20) * 10 nS
    (--init uniform: v(0) = Vr + rand()*(Vt - Vr), ge(0) = gi(0) = 0; with no input and El = Vr
     below threshold that network never fires.)

    /usr/bin/python3 bench/brian2/coba.py --n 4000 --duration-ms 1000 --dt-ms 0.1 --seed 1
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ inside the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

PARAMS = {  # value, unit
    'C': (200.0, 'pF'), 'gl': (10.0, 'nS'), 'El': (-60.0, 'mV'),
    'Vt': (-50.0, 'mV'), 'Vr': (-60.0, 'mV'), 'refractory': (5.0, 'ms'),
    'Ee': (0.0, 'mV'), 'Ei': (-80.0, 'mV'), 'taue': (5.0, 'ms'), 'taui': (10.0, 'ms'),
    'we': (6.0, 'nS'), 'wi': (67.0, 'nS'),
}

EQS = '''
dv/dt  = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v)) / C : volt (unless refractory)
dge/dt = -ge / taue : siemens
dgi/dt = -gi / taui : siemens
nspk : 1
'''

INIT = {
    'brette': {'v': 'El + (5*randn() - 5)*mV', 'ge': '(1.5*randn() + 4) * 10*nS', 'gi': '(12*randn() + 20) * 10*nS'},
    'uniform': {'v': 'Vr + rand() * (Vt - Vr)', 'ge': '0*nS', 'gi': '0*nS'},
}


def build(args):
    from brian2 import NeuronGroup, defaultclock, seed, ms, mV, nS, pF
    defaultclock.dt = args.dt_ms * ms
    seed(args.seed)
    units = {'ms': ms, 'mV': mV, 'nS': nS, 'pF': pF}
    ns = {k: v * units[u] for k, (v, u) in PARAMS.items()}
    n_exc = int(round(args.n * args.exc_fraction))
    P = NeuronGroup(args.n, EQS, threshold='v > Vt', reset='v = Vr; nspk += 1', refractory='refractory',
                    method=args.method, namespace=ns)
    for var, expr in INIT[args.init].items():
        setattr(P, var, expr)
    return common.excitatory_inhibitory_network(args, P, n_exc, ns)


def main():
    p = common.network_parser(__doc__)
    p.add_argument('--method', default='euler', help="Brian2 integration method (default 'euler', as the paper's script)")
    p.add_argument('--init', choices=sorted(INIT), default='brette', help='initial state (see above)')
    args = p.parse_args()
    device_name = common.setup_device(args)
    net, groups, syn, mon, counter, n_exc = build(args)
    common.run_network(args, device_name, net, groups, syn, mon, counter, n_exc,
                       {'model': 'COBA (Brette et al. 2007 benchmark 1)', 'method': args.method,
                        'init': {'name': args.init, **INIT[args.init]},
                        'params': {k: {'value': v, 'unit': u} for k, (v, u) in PARAMS.items()}})


if __name__ == '__main__':
    main()
