"""Brian2 twin of the CUBA network benchmark (Brette et al. 2007, benchmark 2; Vogels & Abbott 2005),
as in Brian2's example `examples/CUBA.py`: N leaky integrate-and-fire neurons with exponentially
decaying synaptic *currents* (in volts), 80% excitatory / 20% inhibitory, random connectivity,
no external input (El = -49 mV lies above the threshold, so the network drives itself).

    dv/dt  = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    threshold v > Vt, reset v = Vr, refractory 5 ms, integrated exactly (method 'linear')

    taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr -60 mV, El -49 mV
    we = 60*0.27/10 mV = 1.62 mV (onto ge), wi = -20*4.5/10 mV = -9 mV (onto gi), no delay
    p = 0.02 at N = 4000; by default p = 80/N otherwise (constant in-degree, see common.py)
    v(0) = Vr + rand()*(Vt - Vr) (uniform in [Vr, Vt)), ge(0) = gi(0) = 0

    /usr/bin/python3 bench/brian2/cuba.py --n 4000 --duration-ms 1000 --dt-ms 0.1 --seed 1
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ inside the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

PARAMS = {  # value, unit
    'taum': (20.0, 'ms'), 'taue': (5.0, 'ms'), 'taui': (10.0, 'ms'),
    'Vt': (-50.0, 'mV'), 'Vr': (-60.0, 'mV'), 'El': (-49.0, 'mV'), 'refractory': (5.0, 'ms'),
    'we': (60 * 0.27 / 10, 'mV'), 'wi': (-20 * 4.5 / 10, 'mV'),
}

EQS = '''
dv/dt  = (ge + gi - (v - El)) / taum : volt (unless refractory)
dge/dt = -ge / taue : volt
dgi/dt = -gi / taui : volt
nspk : 1
'''


def build(args):
    """Builds the network on the current device; returns (net, groups, synapses, monitor, counter, n_exc)."""
    from brian2 import NeuronGroup, defaultclock, seed, ms, mV
    defaultclock.dt = args.dt_ms * ms
    seed(args.seed)
    units = {'ms': ms, 'mV': mV}
    ns = {k: v * units[u] for k, (v, u) in PARAMS.items()}
    n_exc = int(round(args.n * args.exc_fraction))
    P = NeuronGroup(args.n, EQS, threshold='v > Vt', reset='v = Vr; nspk += 1', refractory='refractory',
                    method=args.method, namespace=ns)
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    return common.excitatory_inhibitory_network(args, P, n_exc, ns)


def main():
    p = common.network_parser(__doc__)
    p.add_argument('--method', default='linear', help="Brian2 integration method (the example's 'linear' = exact)")
    args = p.parse_args()
    device_name = common.setup_device(args)
    net, groups, syn, mon, counter, n_exc = build(args)
    common.run_network(args, device_name, net, groups, syn, mon, counter, n_exc,
                       {'model': 'CUBA (Brette et al. 2007 benchmark 2)', 'method': args.method,
                        'params': {k: {'value': v, 'unit': u} for k, (v, u) in PARAMS.items()}})


if __name__ == '__main__':
    main()
