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
