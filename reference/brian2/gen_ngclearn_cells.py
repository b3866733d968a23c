#!/usr/bin/python3
"""Brian2 reference fixtures for the ten ngclearn spiking cells (src/library/cells/*.ts).

Run with the Debian interpreter that has Brian2 2.5.1:  /usr/bin/python3 reference/brian2/gen_ngclearn_cells.py [Name ...]
Writes src/library/fixtures/<Name>.brian2.json (see fixture_io.py for the format).

Every model is simulated with the same equations, parameter values, initial values, integrator and
stimulus as the Spikeflow project stored in its fixture, following Spikeflow's step semantics:
  - the input j is set at the start of each step from the step stimuli and held through the step
    (run_regularly at 'before_groups'; a step stimulus is on for steps whose start t satisfies
    startMs <= t < stopMs, compared with a half-step margin so rounding of t cannot move an edge);
  - integrate (Brian2 state updater, or for "update": "sequential" an explicit Euler update in
    declaration order) -> the model's `clamp` statements ('after_groups') -> threshold -> reset;
  - `refractory` uses Brian2's refractory= and (unless refractory);
  - StateMonitor records at the start of a step, spikes are stamped with the step start.
ngclearn's refractory counter rfr (a state changed only by clamp/reset) is simulated as a plain
Brian2 variable, exactly as the Spikeflow source writes it.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_io import write_fixture  # noqa: E402

from brian2 import (  # noqa: E402
    NeuronGroup, StateMonitor, SpikeMonitor, Network, defaultclock, prefs, network_operation,
    ms, mV, nA, Mohm, uS, second, volt, amp, ohm, siemens,
)

prefs.codegen.target = 'numpy'
prefs.core.default_float_dtype = np.float64

GENERATOR = 'reference/brian2/gen_ngclearn_cells.py'

# Brian2 units of the declared Spikeflow units (a number in the declared unit times this).
U = {'ms': ms, 'mV': mV, 'nA': nA, 'Mohm': Mohm, 'uS': uS, '1': 1, '/mV': 1 / mV}


def q(value, unit):
    return value * U[unit]


def run_cell(spec):
    """spec: see the CELLS list below. Returns the fixture path."""
    name = spec['name']
    dt_ms = spec['dt']
    k = spec['every']
    duration = spec['duration']
    n = spec.get('size', 1)
    rec_neuron = spec.get('record_neuron', 0)
    defaultclock.dt = dt_ms * ms

    params = spec['params']          # name -> (value in declared unit, declared unit)
    namespace = {}
    for pname, (val, unit) in params.items():
        if isinstance(val, list):
            continue                 # per-neuron values become group variables below
        namespace[pname] = q(val, unit)
    j_unit = spec['j_unit']
    steps = spec['stimuli']          # list of (amplitude, startMs, stopMs or None)
    jexpr = ' + '.join(
        f'({a!r})*int(t >= ({s!r} - 0.5*dt/ms)*ms)' + (f'*int(t < ({e!r} - 0.5*dt/ms)*ms)' if e is not None else '')
        for (a, s, e) in steps)
    j_brian_unit = 'amp' if j_unit == 'nA' else '1'
    jcode = f'j = ({jexpr})' + (' * nA' if j_unit == 'nA' else '')

    eqs = spec['eqs'] + f'\nj : {j_brian_unit}\n'
    per_neuron = {p: v for p, (v, u) in params.items() if isinstance(v, list)}
    for p, (v, u) in params.items():
        if isinstance(v, list):
            bu = {'Mohm': 'ohm', 'ms': 'second', 'mV': 'volt', 'nA': 'amp', '1': '1'}[u]
            eqs += f'{p} : {bu} (constant)\n'

    kwargs = dict(threshold=spec['threshold'], reset=spec.get('reset', ''), method=spec.get('method', 'euler'),
                  namespace=namespace)
    if spec.get('refractory') is not None:
        kwargs['refractory'] = spec['refractory']
    if spec.get('sequential'):
        kwargs.pop('method')
    G = NeuronGroup(n, eqs, **kwargs)
    for p, v in per_neuron.items():
        setattr(G, p, np.array(v, dtype=float) * U[params[p][1]])
    for var, val in spec['init'].items():
        setattr(G, var, val)

    objs = [G]
    objs.append(G.run_regularly(jcode, when='before_groups', name=f'{name}_stim'))
    if spec.get('sequential'):
        objs.append(G.run_regularly(spec['sequential'], when='groups', name=f'{name}_seq'))
    if spec.get('clamp'):
        objs.append(G.run_regularly(spec['clamp'], when='after_groups', name=f'{name}_clamp'))
    if spec.get('netop'):
        objs.append(network_operation(spec['netop'](G), when='after_groups', order=10))
    rec = spec['record']             # var -> declared unit
    mon = StateMonitor(G, list(rec), record=[rec_neuron], dt=k * dt_ms * ms)
    spk = SpikeMonitor(G)
    objs += [mon, spk]
    net = Network(*objs)
    net.run(duration * ms, namespace={})  # only the group's namespace and Brian2's units/functions

    times = mon.t / ms
    traces = {var: list(np.asarray(getattr(mon, var)[0] / U[unit], dtype=float)) for var, unit in rec.items()}
    sp = spk.t[spk.i == rec_neuron] / ms

    project = {
        'format': 'spikeflow-project', 'version': 1,
        'name': f"{name} {spec['protocol_short']} (Brian2 reference)",
        'description': spec['protocol'],
        'simulation': {'dtMs': dt_ms, 'durationMs': duration, 'seed': 1, 'backend': 'cpu', 'precision': 'f64'},
        'models': {},
        'populations': [dict({'id': 'cell', 'model': name, 'size': n,
                              'params': {p: v for p, (v, u) in params.items()},
                              'init': {}, 'integrator': spec['integrator']}, **spec.get('population_extra', {}))],
        'stimuli': [dict({'id': f'step{i + 1}', 'type': 'step', 'target': 'cell', 'input': 'j', 'amplitude': a,
                          'startMs': s}, **({'stopMs': e} if e is not None else {}))
                    for i, (a, s, e) in enumerate(steps)],
        'recordings': [{'population': 'cell', 'variables': list(rec), 'neurons': [rec_neuron],
                        'intervalMs': round(k * dt_ms, 12)}],
        'layout': {},
    }
    tol = dict({'trace_abs': 1e-6, 'trace_unit': ', '.join(f'{v}: {u}' for v, u in rec.items()),
                'spike_time_ms': 1e-9}, **spec.get('tolerance', {}))
    path = write_fixture(name, generator=GENERATOR, project=project,
                         method=spec.get('method', 'euler') if not spec.get('sequential') else 'sequential euler (run_regularly)',
                         dt_ms=dt_ms, times_ms=times, traces=traces, spikes_ms=sp, tolerance=tol,
                         notes=spec['protocol'] + ' ' + spec.get('notes', ''))
    print(f'{name}: {len(times)} samples, {len(sp)} spikes (neuron {rec_neuron}) -> {os.path.relpath(path)}')
    return path


# ---------------------------------------------------------------------------------------------
# The cells. Equations are the Spikeflow sources' equations written in Brian2 syntax.

LIF_LIKE_CLAMP = '''rfr = rfr + dt
thr_theta = thr_theta * exp(-dt/tau_theta)
v = clip(v, v_min, inf*mV)'''

CELLS = [
    dict(
        name='IFCell', protocol_short='step current',
        protocol='IFCell: +3 nA step from 50 to 250 ms, then -3 nA from 250 ms to the end (300 ms) to drive v '
                 'onto the lower clamp v_rest; refract_time = 2 ms; dt 0.1 ms, forward Euler.',
        dt=0.1, duration=300, every=2, integrator='euler',
        params={'tau_m': (10, 'ms'), 'resist_m': (1, 'Mohm'), 'thr': (-52, 'mV'), 'v_rest': (-65, 'mV'),
                'v_reset': (-60, 'mV'), 'refract_time': (2, 'ms'), 'lower_clamp_voltage': (1, '1')},
        j_unit='nA', stimuli=[(3, 50, 250), (-3, 250, None)],
        eqs='''dv/dt = int(rfr + 1e-6*ms >= refract_time)*resist_m*j / tau_m : volt
rfr : second''',
        init={'v': -65 * mV, 'rfr': 2 * ms},
        clamp='''rfr = rfr + dt
v = int(lower_clamp_voltage != 0)*clip(v, v_rest, inf*mV) + int(lower_clamp_voltage == 0)*v''',
        threshold='v > thr',
        reset='''v = int(lower_clamp_voltage != 0)*clip(v_reset, v_rest, inf*mV) + int(lower_clamp_voltage == 0)*v_reset
rfr = 0*ms''',
        record={'v': 'mV', 'rfr': 'ms'},
    ),
    dict(
        name='LIFCell', protocol_short='step current',
        protocol='LIFCell: 20 nA step from 50 to 250 ms (300 ms run); adaptive threshold made visible with '
                 'tau_theta = 200 ms, theta_plus = 0.4 mV; refract_time = 5 ms; dt 0.1 ms, forward Euler.',
        dt=0.1, duration=300, every=2, integrator='euler',
        params={'tau_m': (10, 'ms'), 'resist_m': (1, 'Mohm'), 'thr': (-52, 'mV'), 'v_rest': (-65, 'mV'),
                'v_reset': (-60, 'mV'), 'conduct_leak': (1, '1'), 'tau_theta': (200, 'ms'),
                'theta_plus': (0.4, 'mV'), 'refract_time': (5, 'ms'), 'v_min': (-1e9, 'mV')},
        j_unit='nA', stimuli=[(20, 50, 250)],
        eqs='''dv/dt = (conduct_leak*(v_rest - v) + int(rfr + 1e-6*ms >= refract_time)*resist_m*j) / tau_m : volt
thr_theta : volt
rfr : second''',
        init={'v': -65 * mV, 'rfr': 5 * ms, 'thr_theta': 0 * mV},
        clamp=LIF_LIKE_CLAMP,
        threshold='v > thr + thr_theta',
        reset='''v = clip(v_reset, v_min, inf*mV)
rfr = 0*ms
thr_theta += theta_plus''',
        record={'v': 'mV', 'thr_theta': 'mV'},
    ),
    dict(
        name='QuadLIFCell', protocol_short='step current',
        protocol='QuadLIFCell: 0.5 nA step from 20 to 150 ms (200 ms run; with ngclearn\'s sign of the quadratic '
                 'term the cell keeps firing after the step); critical_v = 0.05/mV to slow the quadratic drive, '
                 'refract_time = 5 ms, tau_theta = 100 ms, theta_plus = 0.2 mV; dt 0.1 ms, forward Euler.',
        dt=0.1, duration=200, every=1, integrator='euler',
        params={'tau_m': (10, 'ms'), 'resist_m': (1, 'Mohm'), 'thr': (-52, 'mV'), 'v_rest': (-65, 'mV'),
                'v_reset': (-60, 'mV'), 'v_scale': (-41.6, 'mV'), 'critical_v': (0.05, '/mV'),
                'tau_theta': (100, 'ms'), 'theta_plus': (0.2, 'mV'), 'refract_time': (5, 'ms'),
                'v_min': (-1e9, 'mV')},
        j_unit='nA', stimuli=[(0.5, 20, 150)],
        eqs='''dv/dt = (critical_v*(v_rest - v)*(v - v_scale) + int(rfr + 1e-6*ms >= refract_time)*resist_m*j) / tau_m : volt
thr_theta : volt
rfr : second''',
        init={'v': -65 * mV, 'rfr': 5 * ms, 'thr_theta': 0 * mV},
        clamp=LIF_LIKE_CLAMP,
        threshold='v > thr + thr_theta',
        reset='''v = clip(v_reset, v_min, inf*mV)
rfr = 0*ms
thr_theta += theta_plus''',
        record={'v': 'mV', 'thr_theta': 'mV'},
    ),
    dict(
        name='RAFCell', protocol_short='step current, sequential update',
        protocol='RAFCell: a 5 nA step from 10 to 40 ms (sub-threshold ringing), then a brief 8 nA step from 60 to 62 ms (a burst of spikes), 100 ms run; ngclearn defaults; "update": "sequential" '
                 '(w first, then v from the new w, as ngclearn); dt 0.05 ms, forward Euler.',
        dt=0.05, duration=100, every=1, integrator='euler', population_extra={'update': 'sequential'},
        params={'tau_v': (1, 'ms'), 'tau_w': (1, 'ms'), 'thr': (1, 'mV'), 'omega': (10, '1'),
                'dampen_factor': (-1, '1'), 'v_reset': (0, 'mV'), 'w_reset': (0, 'mV'), 'v0': (0, 'mV'),
                'w0': (0, 'mV'), 'resist_v': (1, 'Mohm')},
        j_unit='nA', stimuli=[(5, 10, 40), (8, 60, 62)],
        eqs='''v : volt
w : volt''',
        sequential='''w = w + dt*(dampen_factor*w - omega*v + resist_v*j)/tau_w
v = v + dt*(omega*w + dampen_factor*v)/tau_v''',
        init={'v': 0 * mV, 'w': 0 * mV},
        threshold='v > thr',
        reset='''v = v_reset
w = w_reset''',
        record={'v': 'mV', 'w': 'mV'},
    ),
    dict(
        name='WTASCell', protocol_short='three cells competing',
        protocol='WTASCell: a population of 3 with resist_m = [2, 1.5, 1] Mohm (so the soft-max has a contest), '
                 '2 nA step into all from 0 to 80 ms (100 ms run); refract_time = 0.5 ms; thr_gain = 0.0001 (with the default 0.002 the per-cell threshold rule of the '
                 'Spikeflow model drives every threshold below 1/3 within a few ms and all cells then fire every '
                 'step); dt 0.1 ms. Traces and spikes are neuron 0\'s.',
        dt=0.1, duration=100, every=1, integrator='euler', size=3, record_neuron=0,
        params={'resist_m': ([2, 1.5, 1], 'Mohm'), 'thr_base': (0.4, '1'), 'thr_gain': (0.0001, '1'),
                'refract_time': (0.5, 'ms')},
        j_unit='nA', stimuli=[(2, 0, 80)],
        eqs='''v : volt
thr : 1
thr_old : 1
rfr : second
ssum : 1''',
        init={'v': 0 * mV, 'thr': 0.4, 'thr_old': 0.4, 'rfr': 0.5 * ms},
        clamp='''v = int(rfr + 1e-6*ms >= refract_time)*resist_m*j
rfr = rfr + dt
thr_old = thr
thr = clip(thr - thr_gain, 0.025, inf)''',
        # the population sum of the soft-max (pop_sum), computed after the clamp and before the threshold
        netop=lambda G: (lambda: setattr(G, 'ssum', np.sum(np.exp(np.asarray(G.v[:] / mV))))),
        threshold='exp(v/mV)/ssum > thr_old',
        reset='''thr = clip(thr_old, 0.025, inf)
rfr = dt''',
        record={'v': 'mV', 'thr': '1'},
    ),
    dict(
        name='AdExCell', protocol_short='step current',
        protocol='AdExCell: 20 nA step from 50 to 450 ms (500 ms run); ngclearn defaults; dt 0.1 ms, forward Euler '
                 '(the exponential term makes v leap past thr = 5 mV in one step, as in ngclearn).',
        dt=0.1, duration=500, every=5, integrator='euler',
        params={'tau_m': (15, 'ms'), 'resist_m': (1, 'Mohm'), 'tau_w': (400, 'ms'), 'v_sharpness': (2, 'mV'),
                'intrinsic_mem_thr': (-55, 'mV'), 'thr': (5, 'mV'), 'v_rest': (-72, 'mV'),
                'v_reset': (-75, 'mV'), 'a': (0.1, 'uS'), 'b': (0.75, 'nA'), 'v0': (-70, 'mV'), 'w0': (0, 'nA')},
        j_unit='nA', stimuli=[(20, 50, 450)],
        eqs='''dv/dt = (-(v - v_rest) + v_sharpness*exp((v - intrinsic_mem_thr)/v_sharpness) - resist_m*w + resist_m*j) / tau_m : volt
dw/dt = (-w + a*(v - v_rest)) / tau_w : amp''',
        init={'v': -70 * mV, 'w': 0 * nA},
        threshold='v > thr',
        reset='''v = v_reset
w += b''',
        record={'v': 'mV', 'w': 'nA'},
        tolerance={'trace_abs': 1e-5},
        notes='The exponential term amplifies rounding differences in the step before a spike; v values are '
              'far from thr at every recorded sample, so 1e-5 mV is still tight.',
    ),
    dict(
        name='FitzhughNagumoCell', protocol_short='step input',
        protocol='FitzhughNagumoCell: dimensionless step j = 0.5 from 50 to 450 ms (500 ms run) giving a limit '
                 'cycle; ngclearn defaults (no spike reset: a pulse in every step with v > 1.07); dt 0.1 ms, '
                 'forward Euler.',
        dt=0.1, duration=500, every=5, integrator='euler',
        params={'tau_m': (1, 'ms'), 'resist_m': (1, '1'), 'tau_w': (12.5, 'ms'), 'alpha': (0.7, '1'),
                'beta': (0.8, '1'), 'gamma': (3, '1'), 'v0': (0, '1'), 'w0': (0, '1'), 'v_thr': (1.07, '1'),
                'spike_reset': (0, '1')},
        j_unit='1', stimuli=[(0.5, 50, 450)],
        eqs='''dv/dt = (v - v**3/gamma - w + resist_m*j) / tau_m : 1
dw/dt = (v + alpha - beta*w) / tau_w : 1''',
        init={'v': 0, 'w': 0},
        threshold='v > v_thr',
        reset='''v = int(spike_reset != 0)*v0 + int(spike_reset == 0)*v
w = int(spike_reset != 0)*w0 + int(spike_reset == 0)*w''',
        record={'v': '1', 'w': '1'},
    ),
    dict(
        name='HodgkinHuxleyCell', protocol_short='step current',
        protocol='HodgkinHuxleyCell: 10 nA step from 10 to 90 ms (100 ms run); ngclearn defaults (no spike reset: '
                 'a pulse in every step with v > 4 mV; with these defaults v = 0 is not a rest state, so the cell '
                 'also fires before the step, as ngclearn\'s does); gates start at steady state for v = 0; dt 0.01 ms, '
                 'forward Euler.',
        dt=0.01, duration=100, every=5, integrator='euler',
        params={'tau_v': (1, 'ms'), 'resist_m': (1, 'Mohm'), 'v_Na': (115, 'mV'), 'v_K': (-35, 'mV'),
                'v_L': (10.6, 'mV'), 'g_Na': (100, '1'), 'g_K': (5, '1'), 'g_L': (0.3, '1'), 'thr': (4, 'mV'),
                'spike_reset': (0, '1'), 'v_reset': (0, 'mV')},
        j_unit='nA', stimuli=[(10, 10, 90)],
        eqs='''dv/dt = (resist_m*j - g_Na*m**3*h*(v - v_Na) - g_K*n**4*(v - v_K) - g_L*(v - v_L)) / tau_v : volt
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
u = v/mV : 1
alpha_n = 0.01*(10 - u)/(exp((10 - u)/10) - 1)/ms : Hz
beta_n = 0.125*exp(-u/80)/ms : Hz
alpha_m = 0.1*(25 - u)/(exp((25 - u)/10) - 1)/ms : Hz
beta_m = 4*exp(-u/18)/ms : Hz
alpha_h = 0.07*exp(-u/20)/ms : Hz
beta_h = 1/(exp((30 - u)/10) + 1)/ms : Hz''',
        init={'v': 0 * mV,
              # steady state at v = 0 (the `steady` initial values): alpha/(alpha + beta)
              'n': (0.01 * 10 / (np.exp(1.0) - 1)) / (0.01 * 10 / (np.exp(1.0) - 1) + 0.125),
              'm': (0.1 * 25 / (np.exp(2.5) - 1)) / (0.1 * 25 / (np.exp(2.5) - 1) + 4.0),
              'h': 0.07 / (0.07 + 1 / (np.exp(3.0) + 1))},
        threshold='v > thr',
        reset='',  # spike_reset = 0: no reset (the fixture does not exercise the reset branch)
        record={'v': 'mV', 'n': '1', 'm': '1', 'h': '1'},
        tolerance={'trace_abs': 1e-6, 'gate_abs': 1e-8},
        notes='Steady-state initial gates are computed as alpha/(alpha+beta); an engine that finds the fixed '
              'point another way may differ in the last bits.',
    ),
    dict(
        name='IzhikevichCell', protocol_short='step current',
        protocol='IzhikevichCell: 10 nA step from 50 to 450 ms (500 ms run); ngclearn defaults (regular '
                 'spiking); simultaneous forward Euler, dt 0.1 ms.',
        dt=0.1, duration=500, every=5, integrator='euler',
        params={'tau_m': (1, 'ms'), 'resist_m': (1, 'Mohm'), 'v_thr': (30, 'mV'), 'v_reset': (-65, 'mV'),
                'tau_w': (50, 'ms'), 'w_reset': (8, 'mV'), 'coupling_factor': (0.2, '1'), 'v0': (-65, 'mV'),
                'w0': (-14, 'mV')},
        j_unit='nA', stimuli=[(10, 50, 450)],
        eqs='''dv/dt = (0.04*v**2/mV + 5*v + 140*mV - w + resist_m*j) / tau_m : volt
dw/dt = (coupling_factor*v - w) / tau_w : volt''',
        init={'v': -65 * mV, 'w': -14 * mV},
        threshold='v > v_thr',
        reset='''v = v_reset
w += w_reset''',
        record={'v': 'mV', 'w': 'mV'},
    ),
    dict(
        name='SLIFCell', protocol_short='step input, adaptive threshold',
        protocol='SLIFCell: dimensionless step j = 0.8 from 20 to 250 ms (300 ms run); thr = 0.4, '
                 'thr_gain = 0.05, thr_leak = 0.0005, refract_time = 1 ms (v held); dt 0.1 ms, forward Euler.',
        dt=0.1, duration=300, every=2, integrator='euler',
        params={'tau_m': (10, 'ms'), 'resist_m': (1, '1'), 'thr': (0.4, '1'), 'thr_gain': (0.05, '1'),
                'thr_leak': (0.0005, '1'), 'refract_time': (1, 'ms')},
        j_unit='1', stimuli=[(0.8, 20, 250)],
        eqs='''dv/dt = (-v + resist_m*j) / tau_m : 1 (unless refractory)
v_thr : 1''',
        init={'v': 0, 'v_thr': 0.4},
        refractory='refract_time',
        clamp='v_thr = v_thr - thr_leak*v_thr',
        threshold='v > v_thr',
        reset='''v = 0
v_thr += thr_gain''',
        record={'v': '1', 'v_thr': '1'},
    ),
]


def main(argv):
    wanted = set(argv[1:])
    for spec in CELLS:
        if wanted and spec['name'] not in wanted:
            continue
        run_cell(spec)


if __name__ == '__main__':
    main(sys.argv)
