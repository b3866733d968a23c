"""Brian2 reference fixtures for the classic, Jaxley and BrainPy models of the built-in library.

Run with the system Python that has Brian2 (Debian python3-brian, 2.5.1):

    /usr/bin/python3 reference/brian2/gen_classic_jaxley.py [NAME ...]

Each case simulates one neuron with the same equations, parameter values, initial values,
integrator, time step and step-current stimulus as the Spikeflow project stored in the fixture,
and writes src/library/fixtures/<NAME>.brian2.json through fixture_io.write_fixture.

Semantics matched (those of the Spikeflow engine):
  - per step: integrate -> threshold -> reset; refractoriness as Brian2's `refractory=` with
    `(unless refractory)` on held equations;
  - a recording at t_n holds the state at the start of step n (StateMonitor, when='start');
    we record every step and keep every k-th sample (k = intervalMs / dtMs);
  - spikes are stamped with the start of the step in which the threshold was crossed;
  - the step current is evaluated once per step, at the step's start (run_regularly at
    when='start' writing a constant I_stim), so multi-stage integrators (rk4) see it constant
    within a step: 0 before startMs, amplitude in [startMs, stopMs), 0 after;
  - channel cells: dv/dt = (I_stim - sum of channel currents) / capacitance;
  - `steady` gates start at alpha / (alpha + beta) for the initial v.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_io import write_fixture  # noqa: E402

import brian2 as b2  # noqa: E402
from brian2 import (NeuronGroup, StateMonitor, SpikeMonitor, TimedArray, Network,  # noqa: E402
                    ms, mV, nA, pA, nS, pF, uS, Mohm, uF, cm, siemens, msiemens, uamp)

b2.prefs.codegen.target = 'numpy'
b2.prefs.core.default_float_dtype = np.float64

GENERATOR = 'reference/brian2/gen_classic_jaxley.py'
METHOD = {'euler': 'euler', 'midpoint': 'rk2', 'rk4': 'rk4', 'exponential_euler': 'exponential_euler'}
TOLERANCE = {'trace_abs': 1e-6, 'trace_unit': 'the declared unit of each recorded variable', 'spike_time_ms': 1e-9}

uA_cm2 = uamp / cm**2
uF_cm2 = uF / cm**2
S_cm2 = siemens / cm**2
mS_cm2 = msiemens / cm**2

# ---------------------------------------------------------------------------------------------
# Equation fragments (Brian2 syntax), the same expressions as the model sources.

HH_JAXLEY = '''
alpha_m_HH = 0.1/mV/ms * (-(v + 40*mV)) / (exp(-(v + 40*mV)/(10*mV)) - 1) : Hz
beta_m_HH = 4/ms * exp(-(v + 65*mV)/(18*mV)) : Hz
alpha_h_HH = 0.07/ms * exp(-(v + 65*mV)/(20*mV)) : Hz
beta_h_HH = 1/ms / (exp(-(v + 35*mV)/(10*mV)) + 1) : Hz
alpha_n_HH = 0.01/mV/ms * (-(v + 55*mV)) / (exp(-(v + 55*mV)/(10*mV)) - 1) : Hz
beta_n_HH = 0.125/ms * exp(-(v + 65*mV)/(80*mV)) : Hz
dm_HH/dt = alpha_m_HH*(1 - m_HH) - beta_m_HH*m_HH : 1
dh_HH/dt = alpha_h_HH*(1 - h_HH) - beta_h_HH*h_HH : 1
dn_HH/dt = alpha_n_HH*(1 - n_HH) - beta_n_HH*n_HH : 1
i_HH = gNa_HH*m_HH**3*h_HH*(v - eNa_HH) + gK_HH*n_HH**4*(v - eK_HH) + gLeak_HH*(v - eLeak_HH) : amp/meter**2
'''
HH_JAXLEY_NS = dict(gNa_HH=0.12 * S_cm2, gK_HH=0.036 * S_cm2, gLeak_HH=0.0003 * S_cm2,
                    eNa_HH=50 * mV, eK_HH=-77 * mV, eLeak_HH=-54.3 * mV)

LEAK = '''
i_Leak = gLeak_Leak*(v - eLeak_Leak) : amp/meter**2
'''
LEAK_NS = dict(gLeak_Leak=0.0001 * S_cm2, eLeak_Leak=-70 * mV)

NA = '''
xm_Na = -(v - vt_Na - 13*mV)/(4*mV) : 1
alpha_m_Na = 0.32/ms * (xm_Na/(exp(xm_Na) - 1)) / 0.25 : Hz
xb_Na = (v - vt_Na - 40*mV)/(5*mV) : 1
beta_m_Na = 0.28/ms * (xb_Na/(exp(xb_Na) - 1)) / 0.2 : Hz
alpha_h_Na = 0.128/ms * exp(-(v - vt_Na - 17*mV)/(18*mV)) : Hz
beta_h_Na = 4/ms / (exp(-(v - vt_Na - 40*mV)/(5*mV)) + 1) : Hz
dm_Na/dt = alpha_m_Na*(1 - m_Na) - beta_m_Na*m_Na : 1
dh_Na/dt = alpha_h_Na*(1 - h_Na) - beta_h_Na*h_Na : 1
i_Na = gNa_Na*m_Na**3*h_Na*(v - eNa_Na) : amp/meter**2
'''
NA_NS = dict(gNa_Na=0.05 * S_cm2, eNa_Na=50 * mV, vt_Na=-60 * mV)

K = '''
xn_K = -(v - vt_K - 15*mV)/(5*mV) : 1
alpha_n_K = 0.032/ms * (xn_K/(exp(xn_K) - 1)) / 0.2 : Hz
beta_n_K = 0.5/ms * exp(-(v - vt_K - 10*mV)/(40*mV)) : Hz
dn_K/dt = alpha_n_K*(1 - n_K) - beta_n_K*n_K : 1
i_K = gK_K*n_K**4*(v - eK_K) : amp/meter**2
'''
K_NS = dict(gK_K=0.005 * S_cm2, eK_K=-90 * mV, vt_K=-60 * mV)

IZH_CHANNEL = '''
du_Izh/dt = a_Izh*(b_Izh*v - u_Izh) : volt/second
i_Izh = -C_Izh*(0.04/mV/ms*v**2 + 5/ms*v + 140*mV/ms - u_Izh) : amp/meter**2
'''
IZH_CHANNEL_NS = dict(a_Izh=0.02 / ms, b_Izh=0.2 / ms, c_Izh=-65 * mV, d_Izh=8 * mV / ms, C_Izh=1 * uF_cm2)


def compartment(channel_eqs, currents):
    """Jaxley-style compartment: capacitance dv/dt = I_stim - sum of channel currents."""
    total = ' + '.join(currents) if currents else '0*amp/meter**2'
    return f'''
dv/dt = (I_stim - ({total})) / capacitance : volt
I_stim : amp/meter**2
''' + channel_eqs


# ---------------------------------------------------------------------------------------------

def run_case(name, *, title, model, eqs, namespace, init, method, dt_ms, duration_ms, stim,
             record, interval_ms, threshold=None, reset=None, refractory=False, channels=None,
             params=None, notes=''):
    """stim: (input name, amplitude in the input's declared unit, Brian2 unit, start, stop);
    record: list of (project key, Brian2 variable, Brian2 unit to divide by);
    init: list of (Brian2 variable, value or string expression), applied in order."""
    b2.start_scope()
    b2.defaultclock.dt = dt_ms * ms
    n_steps = int(round(duration_ms / dt_ms))
    stride = int(round(interval_ms / dt_ms))
    assert abs(stride * dt_ms - interval_ms) < 1e-12

    input_name, amplitude, amp_unit, start_ms, stop_ms = stim
    steps = np.arange(n_steps + 1)
    t_start = steps * dt_ms
    on = (steps >= int(round(start_ms / dt_ms))) & (steps < int(round(stop_ms / dt_ms)))
    stim_values = np.where(on, amplitude, 0.0)
    stim_array = TimedArray(stim_values * amp_unit, dt=dt_ms * ms)

    ns = dict(namespace)
    ns['stim_array'] = stim_array
    kwargs = dict(model=eqs, method=METHOD[method], namespace=ns)
    if threshold is not None:
        kwargs['threshold'] = threshold
    if reset is not None:
        kwargs['reset'] = reset
    if refractory is not False:
        kwargs['refractory'] = refractory
    G = NeuronGroup(1, **kwargs)
    for var, value in init:
        setattr(G, var, value)
    G.run_regularly('I_stim = stim_array(t)', when='start', order=-10)

    vars_b2 = [v for _, v, _ in record]
    M = StateMonitor(G, vars_b2, record=0, when='start', order=0)
    S = SpikeMonitor(G) if threshold is not None else None
    net = Network(G, M) if S is None else Network(G, M, S)
    net.run(n_steps * dt_ms * ms)

    times = np.asarray(M.t / ms)[::stride]
    traces = {}
    for key, var, unit in record:
        vals = np.asarray(getattr(M, var)[0] / unit)[::stride]
        traces[key] = vals
    spikes = [] if S is None else list(np.asarray(S.t / ms))

    population = {
        'id': 'cell', 'model': model, 'size': 1, 'params': params or {}, 'init': {},
    }
    if channels is not None:
        population['channels'] = channels
    population['integrator'] = method
    project = {
        'format': 'spikeflow-project', 'version': 1, 'name': title,
        'simulation': {'dtMs': dt_ms, 'durationMs': duration_ms, 'seed': 1, 'backend': 'cpu', 'precision': 'f64'},
        'models': {},
        'populations': [population],
        'stimuli': [{'id': 'step', 'type': 'step', 'target': 'cell', 'input': input_name,
                     'amplitude': amplitude, 'startMs': start_ms, 'stopMs': stop_ms}],
        'recordings': [{'population': 'cell', 'variables': [k for k, _, _ in record], 'neurons': [0],
                        'intervalMs': interval_ms}],
        'layout': {},
    }
    base_notes = ('Step current held constant within each step at its value at the step start '
                  '(0 before startMs, amplitude in [startMs, stopMs)); recordings hold the state at '
                  'the start of each sampled step. ')
    path = write_fixture(name, generator=GENERATOR, project=project, method=METHOD[method], dt_ms=dt_ms,
                         times_ms=times, traces=traces, spikes_ms=spikes, tolerance=TOLERANCE,
                         notes=base_notes + notes)
    size_kb = os.path.getsize(path) / 1024
    print(f'{name}: {len(times)} samples x {len(traces)} traces, {len(spikes)} spikes, {size_kb:.0f} KB -> {path}')
    return spikes


CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


@case
def LIF():
    run_case('LIF', title='LIF step current (Brian2 reference)', model='LIF',
             eqs='''
dv/dt = ((v_rest - v) + R*j) / tau_m : volt (unless refractory)
j = I_stim : amp
I_stim : amp
''',
             namespace=dict(tau_m=10 * ms, R=1 * Mohm, v_rest=-65 * mV, v_reset=-60 * mV, thr=-52 * mV, t_ref=5 * ms),
             init=[('v', -65 * mV)], method='euler', dt_ms=0.01, duration_ms=100,
             stim=('j', 20.0, nA, 10, 90), record=[('v', 'v', mV)], interval_ms=0.05,
             threshold='v >= thr', reset='v = v_reset', refractory='t_ref')


@case
def Izhikevich2003():
    run_case('Izhikevich2003', title='Izhikevich (2003) regular spiking, step input (Brian2 reference)',
             model='Izhikevich2003',
             eqs='''
dv/dt = 0.04/mV/ms*v**2 + 5/ms*v + 140*mV/ms - u + I : volt
du/dt = a*(b*v - u) : volt/second
I = I_stim : volt/second
I_stim : volt/second
''',
             namespace=dict(a=0.02 / ms, b=0.2 / ms, c=-65 * mV, d=8 * mV / ms),
             init=[('v', -65 * mV), ('u', 'b*v')], method='euler', dt_ms=0.05, duration_ms=200,
             stim=('I', 10.0, mV / ms, 10, 190), record=[('v', 'v', mV), ('u', 'u', mV / ms)], interval_ms=0.1,
             threshold='v >= 30*mV', reset='v = c\nu += d')


@case
def Izhikevich2007():
    run_case('Izhikevich2007', title='Izhikevich (2007) RS neuron, step current (Brian2 reference)',
             model='Izhikevich2007',
             eqs='''
dv/dt = (k*(v - vr)*(v - vt) - u + I) / C : volt
du/dt = a*(b*(v - vr) - u) : amp
I = I_stim : amp
I_stim : amp
''',
             namespace=dict(C=100 * pF, k=0.7 * nS / mV, vr=-60 * mV, vt=-40 * mV, vpeak=35 * mV,
                            a=0.03 / ms, b=-2 * nS, c=-50 * mV, d=100 * pA),
             init=[('v', -60 * mV), ('u', 0 * pA)], method='euler', dt_ms=0.05, duration_ms=200,
             stim=('I', 200.0, pA, 10, 190), record=[('v', 'v', mV), ('u', 'u', pA)], interval_ms=0.1,
             threshold='v >= vpeak', reset='v = c\nu += d')


@case
def HodgkinHuxley1952():
    run_case('HodgkinHuxley1952', title='Hodgkin-Huxley (1952) step current (Brian2 reference)',
             model='HodgkinHuxley1952',
             eqs='''
alpha_m = 0.1/mV/ms * (v + 40*mV) / (1 - exp(-(v + 40*mV)/(10*mV))) : Hz
beta_m = 4/ms * exp(-(v + 65*mV)/(18*mV)) : Hz
alpha_h = 0.07/ms * exp(-(v + 65*mV)/(20*mV)) : Hz
beta_h = 1/ms / (1 + exp(-(v + 35*mV)/(10*mV))) : Hz
alpha_n = 0.01/mV/ms * (v + 55*mV) / (1 - exp(-(v + 55*mV)/(10*mV))) : Hz
beta_n = 0.125/ms * exp(-(v + 65*mV)/(80*mV)) : Hz
INa = gNa*m**3*h*(v - ENa) : amp/meter**2
IK = gK*n**4*(v - EK) : amp/meter**2
IL = gL*(v - EL) : amp/meter**2
dv/dt = (I - INa - IK - IL) / C : volt
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
I = I_stim : amp/meter**2
I_stim : amp/meter**2
''',
             namespace=dict(C=1 * uF_cm2, gNa=120 * mS_cm2, gK=36 * mS_cm2, gL=0.3 * mS_cm2,
                            ENa=50 * mV, EK=-77 * mV, EL=-54.387 * mV, t_count=2 * ms),
             init=[('v', -65 * mV), ('m', 'alpha_m/(alpha_m + beta_m)'), ('h', 'alpha_h/(alpha_h + beta_h)'),
                   ('n', 'alpha_n/(alpha_n + beta_n)')],
             method='rk4', dt_ms=0.01, duration_ms=100,
             stim=('I', 10.0, uA_cm2, 10, 90),
             record=[('v', 'v', mV), ('m', 'm', 1), ('h', 'h', 1), ('n', 'n', 1)], interval_ms=0.1,
             threshold='v > 0*mV', refractory='t_count',
             notes='Spikes are counted when v rises above 0 mV, with a 2 ms dead time and no reset.')


@case
def AdEx():
    run_case('AdEx', title='AdEx (Brette & Gerstner 2005) step current (Brian2 reference)', model='AdEx',
             eqs='''
dV/dt = (-gL*(V - EL) + gL*DeltaT*exp((V - VT)/DeltaT) - w + I) / C : volt
dw/dt = (a*(V - EL) - w) / tauw : amp
I = I_stim : amp
I_stim : amp
''',
             namespace=dict(C=281 * pF, gL=30 * nS, EL=-70.6 * mV, VT=-50.4 * mV, DeltaT=2 * mV, tauw=144 * ms,
                            a=4 * nS, b=80.5 * pA, Vr=-70.6 * mV, Vpeak=20 * mV),
             init=[('V', -70.6 * mV), ('w', 0 * pA)], method='euler', dt_ms=0.01, duration_ms=500,
             stim=('I', 1000.0, pA, 20, 480), record=[('V', 'V', mV), ('w', 'w', pA)], interval_ms=0.25,
             threshold='V >= Vpeak', reset='V = Vr\nw += b')


@case
def AdExIF():
    tau_ref_ms = 2.0
    dt_ms = 0.01
    run_case('AdExIF', title='BrainPy AdExIF with tau_ref = 2 ms, step current (Brian2 reference)', model='AdExIF',
             eqs='''
dV/dt = (-(V - V_rest) + delta_T*exp((V - V_T)/delta_T) - R*w + R*I) / tau : volt (unless refractory)
dw/dt = (a*(V - V_rest) - w) / tau_w : amp
I = I_stim : amp
I_stim : amp
''',
             namespace=dict(V_rest=-65 * mV, V_reset=-68 * mV, V_th=-30 * mV, V_T=-59.9 * mV, delta_T=3.48 * mV,
                            a=1 * uS, b=1 * nA, R=1 * Mohm, tau=10 * ms, tau_w=30 * ms,
                            ref_period=(tau_ref_ms + dt_ms) * ms),
             init=[('V', -65 * mV), ('w', 0 * nA)], method='euler', dt_ms=dt_ms, duration_ms=200,
             stim=('I', 22.0, nA, 10, 190), record=[('V', 'V', mV), ('w', 'w', nA)], interval_ms=0.1,
             threshold='V >= V_th', reset='V = V_reset\nw += b', refractory='ref_period',
             params={'tau_ref': tau_ref_ms},
             notes='The model declares "refractory tau_ref + dt" (BrainPy holds V while t - t_last_spike <= '
                   'tau_ref); Brian2 is given refractory = tau_ref + dt. V starts at V_rest (the model default).')


@case
def Compartment_Leak_Fire():
    run_case('Compartment_Leak_Fire', title='Compartment + Leak + Fire step current (Brian2 reference)',
             model='Compartment',
             eqs=compartment(LEAK, ['i_Leak']),
             namespace=dict(capacitance=1 * uF_cm2, vth_Fire=-50 * mV, vreset_Fire=-70 * mV, **LEAK_NS),
             init=[('v', -70 * mV)], method='euler', dt_ms=0.01, duration_ms=100,
             stim=('i', 3.0, uA_cm2, 10, 90), record=[('v', 'v', mV)], interval_ms=0.05,
             threshold='v >= vth_Fire', reset='v = vreset_Fire',
             channels=[{'model': 'Leak', 'params': {}}, {'model': 'Fire', 'params': {}}])


@case
def Compartment_HH():
    run_case('Compartment_HH', title='Compartment + HH step current (Brian2 reference)', model='Compartment',
             eqs=compartment(HH_JAXLEY, ['i_HH']),
             namespace=dict(capacitance=1 * uF_cm2, **HH_JAXLEY_NS),
             init=[('v', -70 * mV), ('m_HH', 'alpha_m_HH/(alpha_m_HH + beta_m_HH)'),
                   ('h_HH', 'alpha_h_HH/(alpha_h_HH + beta_h_HH)'), ('n_HH', 'alpha_n_HH/(alpha_n_HH + beta_n_HH)')],
             method='exponential_euler', dt_ms=0.01, duration_ms=100,
             stim=('i', 10.0, uA_cm2, 10, 90),
             record=[('v', 'v', mV), ('HH.m', 'm_HH', 1), ('HH.h', 'h_HH', 1), ('HH.n', 'n_HH', 1)], interval_ms=0.1,
             channels=[{'model': 'HH', 'params': {}}],
             notes='A Compartment has no spike condition, so no spikes are recorded; the action potentials are in v.')


@case
def Compartment_Na_K_Leak():
    run_case('Compartment_Na_K_Leak', title='Compartment + Na + K + Leak (Pospischil) step current (Brian2 reference)',
             model='Compartment',
             eqs=compartment(NA + K + LEAK, ['i_Na', 'i_K', 'i_Leak']),
             namespace=dict(capacitance=1 * uF_cm2, **NA_NS, **K_NS, **LEAK_NS),
             init=[('v', -70 * mV), ('m_Na', 'alpha_m_Na/(alpha_m_Na + beta_m_Na)'),
                   ('h_Na', 'alpha_h_Na/(alpha_h_Na + beta_h_Na)'), ('n_K', 'alpha_n_K/(alpha_n_K + beta_n_K)')],
             method='exponential_euler', dt_ms=0.01, duration_ms=100,
             stim=('i', 2.0, uA_cm2, 10, 90),
             record=[('v', 'v', mV), ('Na.m', 'm_Na', 1), ('Na.h', 'h_Na', 1), ('K.n', 'n_K', 1)], interval_ms=0.1,
             channels=[{'model': 'Na', 'params': {}}, {'model': 'K', 'params': {}}, {'model': 'Leak', 'params': {}}],
             notes='A Compartment has no spike condition, so no spikes are recorded; the action potentials are in v.')


@case
def Compartment_Izhikevich():
    run_case('Compartment_Izhikevich', title='Compartment + Izhikevich channel step current (Brian2 reference)',
             model='Compartment',
             eqs=compartment(IZH_CHANNEL, ['i_Izh']),
             namespace=dict(capacitance=1 * uF_cm2, **IZH_CHANNEL_NS),
             init=[('v', -70 * mV), ('u_Izh', 'b_Izh*v')], method='euler', dt_ms=0.05, duration_ms=200,
             stim=('i', 10.0, uA_cm2, 10, 190),
             record=[('v', 'v', mV), ('Izhikevich.u', 'u_Izh', mV / ms)], interval_ms=0.1,
             threshold='v >= 30*mV', reset='v = c_Izh\nu_Izh += d_Izh',
             channels=[{'model': 'Izhikevich', 'params': {}}],
             notes='Simultaneous (default) update: u and v both step from the old values.')


if __name__ == '__main__':
    names = sys.argv[1:] or list(CASES)
    for n in names:
        CASES[n]()
