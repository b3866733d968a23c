"""Brian2 twin of Spikeflow's `lif-throughput` benchmark: uncoupled LIF neurons (src/library/cells/LIF.ts),
forward Euler, a constant 1 nA input and R spread linearly over [r_low, r_high] MOhm across neurons.

    /usr/bin/python3 bench/brian2/lif.py --n 100000 --duration-ms 1000 --dt-ms 0.1 [--device runtime]
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ inside the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def main():
    p = common.parser(__doc__)
    p.add_argument('--r-low', type=float, default=10.0, help='lowest R, MOhm')
    p.add_argument('--r-high', type=float, default=16.0, help='highest R, MOhm')
    p.add_argument('--i-na', type=float, default=1.0, help='input current, nA')
    args = p.parse_args()
    device_name = common.setup_device(args)
    from brian2 import NeuronGroup, Network, defaultclock, ms, mV, Mohm, nA

    defaultclock.dt = args.dt_ms * ms
    namespace = {
        'tau_m': 10 * ms, 'v_rest': -65 * mV, 'v_reset': -60 * mV, 'thr': -52 * mV, 't_ref': 5 * ms,
        'I': args.i_na * nA,
    }
    eqs = '''
    dv/dt = ((v_rest - v) + R*I) / tau_m : volt (unless refractory)
    R : ohm (constant)
    nspk : 1
    '''
    G = NeuronGroup(args.n, eqs, threshold='v >= thr', reset='v = v_reset; nspk += 1', refractory='t_ref',
                    method='euler', namespace=namespace)
    G.v = -65 * mV
    span = args.r_high - args.r_low
    G.R = f'({args.r_low!r} + {span!r} * i / {max(args.n - 1, 1)}) * Mohm'
    net = Network(G)
    measured = common.run_and_measure(args, net, args.duration_ms * ms, lambda: G.nspk[:].sum())
    common.emit(args, device_name, measured, {'model': 'LIF', 'method': 'euler'})


if __name__ == '__main__':
    main()
