"""Brian2 reference statistics of the CUBA and COBA networks (Brette et al. 2007 benchmarks 2 and 1)
for Spikeflow's network tests: src/engine/fixtures/networks.brian2.json.

The networks are chaotic, so the fixture holds statistics, not spike times: for each network and
each of several seeds (Brian2 `seed(s)`: connectivity and initial values), the mean firing rate
(all / excitatory / inhibitory neurons) and the mean coefficient of variation of the inter-spike
intervals, over two windows of one 1.2 s run:
  - "settled":  [200 ms, 1200 ms)  -- the first 200 ms (initial transient) discarded (the reference);
  - "first_1s": [0 ms, 1000 ms)    -- for a cheaper 1 s test run from t = 0;
plus the mean and the sample standard deviation (ddof = 1) of each statistic across the seeds.

The networks are built by bench/brian2/cuba.py and coba.py (the benchmark twins; one subprocess
per seed, C++ standalone, single thread); their docstrings are the model definitions, and the
fixture repeats every parameter value, the equations, the connectivity and the initialisation.

    /usr/bin/python3 reference/brian2/gen_networks.py [--seeds 1,2,3,4,5] [--n 4000] [--device cpp_standalone]
"""
import argparse
import datetime
import json
import math
import os
import platform
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
BENCH = os.path.join(ROOT, 'bench', 'brian2')
OUT = os.path.join(ROOT, 'src', 'engine', 'fixtures', 'networks.brian2.json')

DURATION_MS = 1200.0
DT_MS = 0.1
WINDOWS = {'settled': (200.0, 1200.0), 'first_1s': (0.0, 1000.0)}
STATS = ('rate_hz', 'rate_hz_exc', 'rate_hz_inh', 'cv_isi')

NETWORKS = {
    'CUBA': {
        'script': 'cuba.py',
        'description': 'Brette et al. (2007) benchmark 2 (Vogels & Abbott 2005), as Brian2 examples/CUBA.py: '
                       'LIF neurons, exponential synaptic currents (in volts), no external input (El > Vt).',
        'equations': [
            'dv/dt  = (ge + gi - (v - El)) / taum : volt (unless refractory)',
            'dge/dt = -ge / taue : volt',
            'dgi/dt = -gi / taui : volt',
        ],
        'threshold': 'v > Vt', 'reset': 'v = Vr', 'refractory': 'refractory (v, and only v, held)',
        'method': 'linear (exact integration of the linear system; spikes on the dt grid)',
        'synapses': {'excitatory': 'on_pre: ge += we (neurons 0 .. n_exc-1 onto all)',
                     'inhibitory': 'on_pre: gi += wi (neurons n_exc .. n-1 onto all; wi < 0)'},
        'initialisation': {'v': 'Vr + rand() * (Vt - Vr)  (uniform in [Vr, Vt))', 'ge': '0 mV', 'gi': '0 mV'},
        'extra_args': [],
    },
    'COBA': {
        'script': 'coba.py',
        'description': 'Brette et al. (2007) benchmark 1 (Vogels & Abbott 2005): R. Brette\'s Brian script for the paper '
                       '(Brette_2007/COBA.py) in physical units, membrane of Brian2 examples/COBAHH.py '
                       '(C = 200 pF, gl = 10 nS, taum = 20 ms): LIF neurons, exponential synaptic conductances, '
                       'no external input (activity sustained from the random initial conductances).',
        'equations': [
            'dv/dt  = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v)) / C : volt (unless refractory)',
            'dge/dt = -ge / taue : siemens',
            'dgi/dt = -gi / taui : siemens',
        ],
        'threshold': 'v > Vt', 'reset': 'v = Vr', 'refractory': 'refractory (v, and only v, held)',
        'method': 'euler (forward Euler, as the paper\'s script)',
        'synapses': {'excitatory': 'on_pre: ge += we (neurons 0 .. n_exc-1 onto all)',
                     'inhibitory': 'on_pre: gi += wi (neurons n_exc .. n-1 onto all)'},
        'initialisation': {'v': 'El + (5*randn() - 5) mV  (normal, mean -65 mV, sd 5 mV)',
                           'ge': '(1.5*randn() + 4) * 10 nS  (normal, mean 40 nS, sd 15 nS; may be negative)',
                           'gi': '(12*randn() + 20) * 10 nS  (normal, mean 200 nS, sd 120 nS; may be negative)'},
        'extra_args': ['--init', 'brette'],
    },
}


def run_one(name, net, n, seed, device, build_root):
    windows = ','.join(f'{a}:{b}' for a, b in WINDOWS.values())
    cmd = [sys.executable, os.path.join(BENCH, net['script']), '--n', str(n), '--duration-ms', str(DURATION_MS),
           '--dt-ms', str(DT_MS), '--seed', str(seed), '--device', device, '--windows-ms', windows,
           '--build-dir', os.path.join(build_root, f'{name}-n{n}')] + net['extra_args']
    print(f'[gen_networks] {name} n={n} seed={seed} ...', file=sys.stderr, flush=True)
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=tempfile.gettempdir())
    if r.returncode != 0:
        raise SystemExit(f'{name} seed {seed} failed:\n{r.stderr[-3000:]}')
    return json.loads(r.stdout.strip().splitlines()[-1])


def mean_std(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None, None
    m = sum(xs) / len(xs)
    s = math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1)) if len(xs) > 1 else 0.0
    return m, s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seeds', default='1,2,3,4,5')
    ap.add_argument('--n', type=int, default=4000)
    ap.add_argument('--device', choices=['cpp_standalone', 'runtime'], default='cpp_standalone')
    ap.add_argument('--only', default='', help='comma-separated network names (default: all)')
    ap.add_argument('--out', default=OUT)
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(',')]
    build_root = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'spikeflow-gen-networks')
    import brian2

    networks = {}
    for name, net in NETWORKS.items():
        if args.only and name not in args.only.split(','):
            continue
        runs = [run_one(name, net, args.n, s, args.device, build_root) for s in seeds]
        first = runs[0]
        per_seed = []
        for s, r in zip(seeds, runs):
            entry = {'seed': s, 'synapses': r['synapses'], 'synapses_exc': r['synapses_by_projection'][0],
                     'synapses_inh': r['synapses_by_projection'][1], 'run_s': r['run_s']}
            for wname, (a, b) in WINDOWS.items():
                w = next(x for x in r['windows'] if x['t0_ms'] == a and x['t1_ms'] == b)
                entry[wname] = {k: w[k] for k in ('spikes', 'rate_hz', 'rate_hz_exc', 'rate_hz_inh', 'cv_isi', 'n_cv', 'silent_fraction')}
            per_seed.append(entry)
        summary = {}
        for wname in WINDOWS:
            summary[wname] = {}
            for k in STATS + ('silent_fraction',):
                m, sd = mean_std([e[wname][k] for e in per_seed])
                summary[wname][k] = {'mean': m, 'std': sd}
        networks[name] = {
            'description': net['description'],
            'n': args.n,
            'n_exc': first['n_exc'],
            'n_inh': first['n_inh'],
            'params': first['params'],
            'equations': net['equations'],
            'threshold': net['threshold'],
            'reset': net['reset'],
            'refractory': net['refractory'],
            'method': net['method'],
            'connectivity': {
                'rule': 'every (pre, post) pair independently with probability p, autapses allowed '
                        '(Brian2 Synapses.connect(p=p) from the excitatory / inhibitory subgroup onto all neurons)',
                'p': first['p'],
                'delay_ms': 0.0,
                'note': 'delay 0: a spike in step k changes ge/gi before the integration of step k+1',
            },
            'synapses': net['synapses'],
            'initialisation': net['initialisation'],
            'per_seed': per_seed,
            'summary': summary,
        }

    doc = {
        'provenance': {
            'tool': 'Brian2',
            'version': brian2.__version__,
            'python': platform.python_version(),
            'generator': 'reference/brian2/gen_networks.py (models: bench/brian2/cuba.py, bench/brian2/coba.py)',
            'generated': datetime.date.today().isoformat(),
            'device': f'{args.device} (single thread)' if args.device == 'cpp_standalone' else args.device,
            'precision': 'float64',
            'dt_ms': DT_MS,
            'duration_ms': DURATION_MS,
            'seeds': seeds,
            'protocol': (
                'One run of duration_ms per network and seed (Brian2 seed(s) before building: connectivity and '
                'initial values); no external input; all spikes recorded (SpikeMonitor, Brian2 stamps = start of '
                'the step). Statistics per window [t0, t1): rate_hz = spikes / n / (t1 - t0) (silent neurons '
                'included); rate_hz_exc / rate_hz_inh the same over the first n_exc / the last n_inh neurons; '
                'cv_isi = mean over neurons with >= 3 spikes in the window of std(ISI)/mean(ISI) (ddof 0), '
                'n_cv = how many such neurons; silent_fraction = fraction of neurons with no spike. '
                'summary = mean and sample std (ddof 1) across seeds. Window "settled" [200, 1200) ms discards '
                'the initial transient and is the reference; "first_1s" [0, 1000) ms is for a 1 s run from t = 0.'
            ),
            'comparison': (
                'Chaotic networks: compare statistics, not spike times. The engine should run the same network with '
                'its own seeds and compare its mean over seeds with summary.mean, allowing the seed-to-seed spread '
                '(summary.std) plus the integrator differences.'
            ),
        },
        'networks': networks,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    print(f'wrote {args.out}', file=sys.stderr)


if __name__ == '__main__':
    main()
