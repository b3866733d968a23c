"""Shared helpers of the Brian2 benchmark scripts (bench/brian2/*.py).

Each script builds the same model as the matching Spikeflow benchmark, runs it once and prints ONE
JSON line on stdout.  Devices:

- ``cpp_standalone`` (default): ``set_device('cpp_standalone', directory=..., build_on_run=False)``,
  then ``device.build(run=True)``.  The run phase is ``device._last_run_time``: the time spent in
  ``Network::run`` inside the generated binary (``std::clock()`` CPU time when OpenMP is off, as
  here; ``omp_get_wtime()`` wall time with OpenMP).  Code generation and compilation are excluded
  and reported separately (``build_s``); ``binary_s`` is the whole binary's wall time (including
  allocating/initialising arrays and writing results).
- ``runtime`` (fallback): Brian2's runtime device with the cython target (numpy if cython is
  unavailable).  A one-step warm-up run compiles every code object first; the main ``run()`` is then
  timed with ``time.perf_counter()``.
"""
import argparse
import json
import os
import sys
import time


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument('--n', type=int, required=True, help='number of neurons')
    p.add_argument('--duration-ms', type=float, required=True, help='biological duration in ms')
    p.add_argument('--dt-ms', type=float, required=True, help='time step in ms')
    p.add_argument('--device', choices=['cpp_standalone', 'runtime'], default='cpp_standalone')
    p.add_argument('--build-dir', default=None, help='cpp_standalone project directory (reused: unchanged code is not recompiled)')
    p.add_argument('--threads', type=int, default=0, help='OpenMP threads for cpp_standalone (0 = no OpenMP, single thread)')
    return p


def setup_device(args):
    """Selects the device; returns its description. Must be called before building the model."""
    import brian2
    from brian2 import set_device, prefs
    prefs.logging.console_log_level = 'WARNING'
    if args.device == 'cpp_standalone':
        directory = args.build_dir or os.path.join(os.environ.get('TMPDIR', '/tmp'), 'spikeflow-brian2-standalone')
        args.build_dir = directory
        set_device('cpp_standalone', directory=directory, build_on_run=False)
        prefs.devices.cpp_standalone.openmp_threads = args.threads
        return f'cpp_standalone (brian2 {brian2.__version__}, {"OpenMP " + str(args.threads) + " threads" if args.threads else "single thread"})'
    try:
        import Cython  # noqa: F401
        prefs.codegen.target = 'cython'
        target = 'cython'
    except ImportError:
        prefs.codegen.target = 'numpy'
        target = 'numpy'
    return f'runtime/{target} (brian2 {brian2.__version__})'


def run_and_measure(args, net, duration, count_spikes):
    """Runs `net` for `duration`; returns the measurement fields. `count_spikes()` -> total spikes."""
    from brian2 import device, defaultclock
    if args.device == 'cpp_standalone':
        net.run(duration)
        t0 = time.perf_counter()
        device.build(directory=args.build_dir, compile=True, run=True, with_output=False)
        total = time.perf_counter() - t0
        run_s = float(device._last_run_time)
        binary_s = device.timers.get('run_binary')
        make_s = (device.timers.get('compile') or {}).get('make')
        return {
            'run_s': run_s,
            'binary_s': binary_s,
            'build_s': (total - binary_s) if binary_s is not None else make_s,
            'measure': 'device._last_run_time (Network::run in the binary, std::clock CPU time)',
            'spikes': int(count_spikes()),
        }
    # Runtime device: warm up (compiles the code objects), reset the counter, then time the run.
    t0 = time.perf_counter()
    net.run(defaultclock.dt)
    build_s = time.perf_counter() - t0
    before = int(count_spikes())
    t0 = time.perf_counter()
    net.run(duration)
    run_s = time.perf_counter() - t0
    return {
        'run_s': run_s,
        'binary_s': None,
        'build_s': build_s,
        'measure': 'time.perf_counter() around run() after a one-step warm-up run',
        'spikes': int(count_spikes()) - before,
    }


def emit(args, device_name, measured, extra=None):
    duration_s = args.duration_ms / 1000.0
    out = {
        'brian_device': device_name,
        'n': args.n,
        'duration_s': duration_s,
        'dt_ms': args.dt_ms,
        'precision': 'f64',
        'run_s': measured['run_s'],
        's_per_bio_s': measured['run_s'] / duration_s,
        'binary_s': measured['binary_s'],
        'build_s': measured['build_s'],
        'measure': measured['measure'],
        'spikes': measured['spikes'],
        'rate_hz': measured['spikes'] / args.n / duration_s,
        'python': sys.version.split()[0],
    }
    if extra:
        out.update(extra)
    print(json.dumps(out))
    sys.stdout.flush()


# --- Networks (cuba.py, coba.py, cobahh.py) -----------------------------------------------------
#
# The Brette et al. (2007) benchmarks: N neurons, the first 80% excitatory, the rest inhibitory,
# every (pre, post) pair connected independently with probability p (autapses allowed, as in
# Brian2's examples).  At N = 4000 p = 0.02 (the paper).  For other N the default keeps the
# expected number of inputs per neuron constant: p = 80 / N (64 excitatory + 16 inhibitory inputs
# on average), so synapses grow like N, not N^2, and the dynamics (rates, CV) stay those of the
# 4000-neuron network.  `--p` overrides it (e.g. `--p 0.02` for the N^2 scaling).

IN_DEGREE = 80  # = 0.02 * 4000


def network_parser(description):
    p = parser(description)
    p.add_argument('--seed', type=int, default=1, help='Brian2 seed() (connectivity and initial values)')
    p.add_argument('--p', type=float, default=None, help=f'connection probability (default {IN_DEGREE}/N, 0.02 at N = 4000)')
    p.add_argument('--exc-fraction', type=float, default=0.8, help='fraction of excitatory neurons (the first ones)')
    p.add_argument('--no-spike-monitor', action='store_true',
                   help='count spikes only (no SpikeMonitor): no CV, no per-population rates from spike times')
    p.add_argument('--windows-ms', default='',
                   help='extra statistics windows, "t0:t1,t0:t1" in ms (e.g. "0:1000,200:1200")')
    return p


def connection_probability(args):
    return args.p if args.p is not None else min(1.0, IN_DEGREE / args.n)


def spike_stats(i, t_ms, n, n_exc, t0_ms, t1_ms):
    """Statistics of the spikes (neuron indices i, times t in ms) with t0 <= t < t1.

    rate_hz*: spikes / neurons / window length (mean over all neurons, silent ones included);
    cv_isi: mean over neurons with >= 3 spikes in the window of std(ISI) / mean(ISI) (population
    std, ddof = 0); n_cv: how many neurons that mean is over.
    """
    import numpy as np
    i = np.asarray(i, dtype=np.int64)
    t = np.asarray(t_ms, dtype=np.float64)
    keep = (t >= t0_ms) & (t < t1_ms)
    i, t = i[keep], t[keep]
    T = (t1_ms - t0_ms) / 1000.0
    counts = np.bincount(i, minlength=n)
    order = np.lexsort((t, i))
    i, t = i[order], t[order]
    cvs = []
    starts = np.searchsorted(i, np.arange(n + 1))
    for k in range(n):
        a, b = starts[k], starts[k + 1]
        if b - a >= 3:
            isi = np.diff(t[a:b])
            m = isi.mean()
            if m > 0:
                cvs.append(isi.std() / m)
    n_inh = n - n_exc
    return {
        't0_ms': t0_ms, 't1_ms': t1_ms,
        'spikes': int(counts.sum()),
        'rate_hz': float(counts.sum() / n / T),
        'rate_hz_exc': float(counts[:n_exc].sum() / n_exc / T) if n_exc else None,
        'rate_hz_inh': float(counts[n_exc:].sum() / n_inh / T) if n_inh else None,
        'cv_isi': float(np.mean(cvs)) if cvs else None,
        'n_cv': len(cvs),
        'silent_fraction': float(np.mean(counts == 0)),
    }


def run_network(args, device_name, net, groups, synapses, monitor, counter, n_exc, extra):
    """Runs a network benchmark and prints its JSON line (see emit). `synapses`: the Synapses
    objects (their sizes are summed), `monitor`: a SpikeMonitor or None, `counter`: the group with
    an `nspk` variable (spikes per neuron, counted in the reset / threshold statement)."""
    from brian2 import ms
    import brian2
    measured = run_and_measure(args, net, args.duration_ms * ms, lambda: counter.nspk[:].sum())
    n_syn = [int(len(S)) for S in synapses]
    out = dict(extra)
    out.update({
        'synapses': int(sum(n_syn)),
        'synapses_by_projection': n_syn,
        'p': connection_probability(args),
        'n_exc': n_exc,
        'n_inh': args.n - n_exc,
        'seed': args.seed,
        'brian2_version': brian2.__version__,
        'device': args.device,
    })
    if monitor is not None:
        i = monitor.i[:]
        t = monitor.t[:] / ms
        # whole run; with the runtime device it includes the one-step warm-up run (one extra step)
        whole = spike_stats(i, t, args.n, n_exc, 0.0, round(float(net.t / ms), 6))
        for k in ('rate_hz_exc', 'rate_hz_inh', 'cv_isi', 'n_cv', 'silent_fraction'):
            out[k] = whole[k]
        windows = []
        for w in filter(None, args.windows_ms.split(',')):
            a, b = (float(x) for x in w.split(':'))
            windows.append(spike_stats(i, t, args.n, n_exc, a, b))
        if windows:
            out['windows'] = windows
    emit(args, device_name, measured, out)


def excitatory_inhibitory_network(args, P, n_exc, ns):
    """The Brette et al. (2007) wiring shared by CUBA, COBA and COBAHH: the first n_exc neurons of P
    excite (ge += we), the rest inhibit (gi += wi), every ordered pair with probability p (autapses
    allowed, as Brian2's examples). Returns what run_network takes."""
    from brian2 import Network, SpikeMonitor, Synapses
    p = connection_probability(args)
    Ce = Synapses(P[:n_exc], P, on_pre='ge += we', namespace=ns)
    Ci = Synapses(P[n_exc:], P, on_pre='gi += wi', namespace=ns)
    Ce.connect(p=p)
    Ci.connect(p=p)
    mon = None if args.no_spike_monitor else SpikeMonitor(P)
    net = Network([x for x in (P, Ce, Ci, mon) if x is not None])
    return net, [P], [Ce, Ci], mon, P, n_exc

