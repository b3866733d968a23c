"""Generates the network examples (cuba, coba, cobahh, jaxley_network, izhikevich2003_network,
stdp_demo .json) in examples/. Run from the repository root: /usr/bin/python3 examples/generate_networks.py
(needs numpy for the Izhikevich per-cell arrays, drawn with numpy seed 2003)."""
import json
CUBACELL = """## The CUBA cell of Brette et al. (2007), benchmark 2, as Brian2's examples/CUBA.py writes it:
## a LIF neuron whose synaptic input j is a voltage (Brian2's ge + gi) added to the leak term.
##   dv/dt = (j - (v - El)) / taum   (unless refractory);  spike v > Vt;  reset v = Vr
model CUBACell : cell
params
  taum  = 20 ms    # membrane time constant
  El    = -49 mV   # resting potential (above threshold: the network drives itself)
  Vt    = -50 mV   # threshold
  Vr    = -60 mV   # reset
  t_ref = 5 ms     # refractory period
inputs
  j : mV           # synaptic input (Brian2's ge + gi), in volts
states
  v = Vr
equations
  dv/dt = (j - (v - El)) / taum   (unless refractory)
spike v > Vt
reset
  v = Vr
refractory t_ref
"""
EXPVOLT = """## Exponential synapse whose 'current' is a voltage, as Brian2's CUBA example: each presynaptic
## spike adds w to x, which decays with tau and enters the cell's dv/dt as (x - (v - El)) / taum.
##   dx/dt = -x / tau;  on a presynaptic spike x <- x + w;  i = x
model ExpVoltage : synapse
params
  w   = 1 mV    # weight: jump of x per spike (Brian2's we / wi)
  tau = 5 ms    # decay time constant (taue / taui)
states
  x : mV = 0 mV
equations
  dx/dt = -x / tau
on_pre
  x += w
current
  i = x
"""
def proj(i, pre, post, syn, w, tau_name, tau, p=0.02, extra=None):
    d = {"id": i, "pre": pre, "post": post, "synapse": syn,
         "connectivity": {"rule": "fixed_probability", "p": p, "allowSelf": True} if pre == post else {"rule": "fixed_probability", "p": p},
         "weight": w, "params": {"tau": tau}}
    if extra: d["params"].update(extra)
    return d

def cuba(n=4000, dur=1000, integ="exponential_euler", p=0.02, prec="f32"):
    ne = int(round(n*0.8)); ni = n - ne
    vinit = {"dist": "uniform", "low": "-60 mV", "high": "-50 mV"}
    return {
      "format": "spikeflow-project", "version": 1,
      "name": "CUBA network (Brette et al. 2007, benchmark 2)",
      "description": ("The current-based benchmark network of Brette et al. (2007) (Vogels & Abbott 2005), exactly as Brian2's "
        "examples/CUBA.py: %d LIF neurons (80%% excitatory, 20%% inhibitory), every pair connected with p = %g (autapses allowed), "
        "exponential synaptic 'currents' in volts (excitatory +1.62 mV, tau 5 ms; inhibitory -9 mV, tau 10 ms), refractory 5 ms, "
        "no external input: El = -49 mV lies above the threshold -50 mV, so the network drives itself into asynchronous irregular "
        "firing at about 5.7 Hz (Brian2 2.5.1: 5.66 Hz, CV of ISIs 0.52 over the first second). v starts uniform in [Vr, Vt). "
        "The project models CUBACell (input j in mV) and ExpVoltage (x in mV, summed per neuron) write Brian2's "
        "dv/dt = (ge + gi - (v - El))/taum with ge += we. Integrator: exponential Euler (Brian2 integrates the coupled linear "
        "system exactly; here x is held over each 0.1 ms step).") % (n, p),
      "simulation": {"dtMs": 0.1, "durationMs": dur, "seed": 1, "precision": prec},
      "models": {"CUBACell": CUBACELL, "ExpVoltage": EXPVOLT},
      "populations": [
        {"id": "exc", "label": "excitatory", "model": "CUBACell", "size": ne, "integrator": integ, "init": {"v": vinit}},
        {"id": "inh", "label": "inhibitory", "model": "CUBACell", "size": ni, "integrator": integ, "init": {"v": vinit}},
      ],
      "projections": [
        proj("ee", "exc", "exc", "ExpVoltage", "1.62 mV", "tau", "5 ms", p),
        proj("ei", "exc", "inh", "ExpVoltage", "1.62 mV", "tau", "5 ms", p),
        proj("ie", "inh", "exc", "ExpVoltage", "-9 mV", "tau", "10 ms", p),
        proj("ii", "inh", "inh", "ExpVoltage", "-9 mV", "tau", "10 ms", p),
      ],
      "recordings": [{"population": "exc", "variables": ["v", "j"], "neurons": [0, 1, 2]},
                     {"population": "inh", "variables": ["v"], "neurons": [0]}],
      "spikes": {"populations": "all"},
      "rates": [{"population": "exc", "binMs": 1}, {"population": "inh", "binMs": 1}],
    }
import sys
json.dump(cuba(), open('examples/cuba.json','w'), indent=2)

COBACELL = """## The COBA cell of Brette et al. (2007), benchmark 1, in physical units with the membrane of
## Brian2's examples/COBAHH.py (C = 200 pF, gl = 10 nS: taum = 20 ms):
##   C dv/dt = gl (El - v) + ge0 (Ee - v) + gi0 (Ei - v) + j   (unless refractory)
## j is the summed current of the ExpConductance synapses onto the cell. ge0 and gi0 carry the
## random initial conductances of the benchmark (Brian2 sets ge(0), gi(0) per neuron): they decay
## with taue / taui exactly as the synaptic conductances do, so ge0 + the summed synaptic g is
## Brian2's ge at every step (the equations are linear).
model COBACell : cell
params
  C     = 200 pF   # membrane capacitance
  gl    = 10 nS    # leak conductance
  El    = -60 mV   # leak reversal potential
  Vt    = -50 mV   # threshold
  Vr    = -60 mV   # reset
  Ee    = 0 mV     # excitatory reversal potential
  Ei    = -80 mV   # inhibitory reversal potential
  taue  = 5 ms     # excitatory conductance decay
  taui  = 10 ms    # inhibitory conductance decay
  t_ref = 5 ms     # refractory period
inputs
  j : nA           # summed synaptic current
states
  v = El
  ge0 : nS = 0 nS  # initial excitatory conductance, decaying
  gi0 : nS = 0 nS  # initial inhibitory conductance, decaying
equations
  dv/dt = (gl * (El - v) + ge0 * (Ee - v) + gi0 * (Ei - v) + j) / C   (unless refractory)
  dge0/dt = -ge0 / taue
  dgi0/dt = -gi0 / taui
spike v > Vt
reset
  v = Vr
refractory t_ref
"""

COBAHHCELL = """## The COBAHH cell of Brette et al. (2007), benchmark 3, as Brian2's examples/COBAHH.py: a single
## compartment (area 20000 um2) with Traub & Miles (1991) Na (m^3 h) and K (n^4) currents.
##   Cm dv/dt = gl (El - v) + ge0 (Ee - v) + gi0 (Ei - v) - g_na m^3 h (v - ENa) - g_kd n^4 (v - EK) + j
## j is the summed current of the ExpConductance synapses; ge0 / gi0 carry the random initial
## conductances (see COBACell). Spike: v > -20 mV, refractory 3 ms, no reset, nothing held.
model TraubMilesCell : cell
params
  Cm    = 200 pF     # 1 uF/cm2 x 20000 um2
  gl    = 10 nS      # 5e-5 S/cm2 x area
  g_na  = 20 uS      # 100 mS/cm2 x area
  g_kd  = 6 uS       # 30 mS/cm2 x area
  El    = -60 mV
  EK    = -90 mV
  ENa   = 50 mV
  VT    = -63 mV
  Ee    = 0 mV
  Ei    = -80 mV
  taue  = 5 ms
  taui  = 10 ms
  thr   = -20 mV     # spike detection threshold
  t_ref = 3 ms
inputs
  j : nA             # summed synaptic current
states
  v = El
  m : 1 = 0
  n : 1 = 0
  h : 1 = 0
  ge0 : nS = 0 nS
  gi0 : nS = 0 nS
definitions
  alpha_m = 1.28 / ms / exprel((13 mV - v + VT) / (4 mV))
  beta_m  = 1.4 / ms / exprel((v - VT - 40 mV) / (5 mV))
  alpha_h = 0.128 * exp((17 mV - v + VT) / (18 mV)) / ms
  beta_h  = 4 / (1 + exp((40 mV - v + VT) / (5 mV))) / ms
  alpha_n = 0.16 / ms / exprel((15 mV - v + VT) / (5 mV))
  beta_n  = 0.5 * exp((10 mV - v + VT) / (40 mV)) / ms
equations
  dv/dt = (gl * (El - v) + ge0 * (Ee - v) + gi0 * (Ei - v) - g_na * (m*m*m) * h * (v - ENa) - g_kd * (n*n*n*n) * (v - EK) + j) / Cm
  dm/dt = alpha_m * (1 - m) - beta_m * m
  dn/dt = alpha_n * (1 - n) - beta_n * n
  dh/dt = alpha_h * (1 - h) - beta_h * h
  dge0/dt = -ge0 / taue
  dgi0/dt = -gi0 / taui
spike v > thr
refractory t_ref
"""

def coba(n=4000, dur=1000, p=0.02, prec=None, hh=False):
    prec = prec or "f32"
    ne = int(round(n*0.8)); ni = n - ne
    init = {"v": {"dist": "normal", "mean": "-65 mV", "std": "5 mV"},
            "ge0": {"dist": "normal", "mean": "40 nS", "std": "15 nS"},
            "gi0": {"dist": "normal", "mean": "200 nS", "std": "120 nS"}}
    cell = "TraubMilesCell" if hh else "COBACell"
    integ = "exponential_euler" if hh else "euler"
    exc = {"E": "0 mV"}; inh = {"E": "-80 mV"}
    if hh:
        desc = ("The Hodgkin-Huxley benchmark network of Brette et al. (2007) (benchmark 3), as Brian2's examples/COBAHH.py: "
          "%d single-compartment Traub-Miles cells (Na m^3h, K n^4; area 20000 um2, Cm 200 pF), 80%% excitatory / 20%% inhibitory, "
          "p = %g (autapses allowed), library ExpConductance synapses (excitatory 6 nS, 5 ms, 0 mV; inhibitory 67 nS, 10 ms, -80 mV), "
          "no external input; activity is sustained from random initial conductances, at about 37 Hz with very irregular, bursty "
          "spiking (Brian2 2.5.1 with seed 1: 36.5 Hz, CV of ISIs 2.0). Spikes are v > -20 mV with 3 ms refractoriness. "
          "The cell (project model TraubMilesCell) is the example's equations; ge0/gi0 carry the initial conductances "
          "(normal: 40 +- 15 nS, 200 +- 120 nS) and v(0) ~ N(-65, 5) mV. Exponential Euler, dt 0.1 ms, as Brian2. The rate functions "
          "x/(exp(x) - 1) are written with exprel(), which has no 0/0 at x = 0, so the network runs in float32.") % (n, p)
        name = "COBAHH network (Brette et al. 2007, benchmark 3)"
    else:
        desc = ("The conductance-based benchmark network of Brette et al. (2007) (benchmark 1; Vogels & Abbott 2005): %d LIF cells "
          "(C 200 pF, gl 10 nS, El = Vr = -60 mV, Vt -50 mV, refractory 5 ms), 80%% excitatory / 20%% inhibitory, p = %g (autapses "
          "allowed), library ExpConductance synapses (excitatory 6 nS, 5 ms, 0 mV; inhibitory 67 nS, 10 ms, -80 mV), no external "
          "input: self-sustained asynchronous irregular activity at about 19 Hz with very irregular spiking (Brian2 2.5.1: "
          "19.4 Hz, CV of ISIs 1.54 over the first second), started by random initial conductances. The cell (project model "
          "COBACell) carries them in ge0/gi0 (normal: 40 +- 15 nS, 200 +- 120 nS), which decay like synaptic conductances; "
          "v(0) ~ N(-65, 5) mV. Forward Euler, dt 0.1 ms, as R. Brette's script.") % (n, p)
        name = "COBA network (Brette et al. 2007, benchmark 1)"
    return {
      "format": "spikeflow-project", "version": 1, "name": name, "description": desc,
      "simulation": {"dtMs": 0.1, "durationMs": dur, "seed": 1, "precision": prec},
      "models": {cell: COBAHHCELL if hh else COBACELL},
      "populations": [
        {"id": "exc", "label": "excitatory", "model": cell, "size": ne, "integrator": integ, "init": init},
        {"id": "inh", "label": "inhibitory", "model": cell, "size": ni, "integrator": integ, "init": init},
      ],
      "projections": [
        proj("ee", "exc", "exc", "ExpConductance", "6 nS", "tau", "5 ms", p, exc),
        proj("ei", "exc", "inh", "ExpConductance", "6 nS", "tau", "5 ms", p, exc),
        proj("ie", "inh", "exc", "ExpConductance", "67 nS", "tau", "10 ms", p, inh),
        proj("ii", "inh", "inh", "ExpConductance", "67 nS", "tau", "10 ms", p, inh),
      ],
      "recordings": [{"population": "exc", "variables": ["v", "ee.g", "ie.g"], "neurons": [0, 1, 2]},
                     {"population": "inh", "variables": ["v"], "neurons": [0]}],
      "spikes": {"populations": "all"},
      "rates": [{"population": "exc", "binMs": 1}, {"population": "inh", "binMs": 1}],
    }
if __name__ == '__main__':
    json.dump(coba(), open('examples/coba.json','w'), indent=2)
    json.dump(coba(hh=True), open('examples/cobahh.json','w'), indent=2)

def jaxley(n=10, exc=("-0.12 uS", "-0.07 uS"), inh=("0.02 uS", "0.06 uS")):
    comp = lambda i, size, label: {"id": i, "label": label, "model": "Compartment", "size": size, "integrator": "euler",
                                    "channels": [{"model": "Leak"}, {"model": "Fire"}]}
    return {
      "format": "spikeflow-project", "version": 1,
      "name": "Jaxley-style network: %d LIF compartments, all-to-all SpikeSynapse" % (n + 1),
      "description": ("A small network as Jaxley builds one (jx.Network of cells, fully_connect with SpikeSynapse): %d single "
        "Compartments with the Leak and Fire channels inserted (leaky integrate-and-fire: tau 10 ms, threshold -50 mV, reset "
        "-70 mV, no refractory period, as Jaxley's Fire). One cell ('driver') gets a 3 uA/cm2 step from 20 to 180 ms and fires "
        "regularly; it excites the %d other cells ('cells', all_to_all driver -> cells), which inhibit each other (all_to_all "
        "cells -> cells, no autapses). Jaxley's SpikeSynapse sets s to 1 at a presynaptic spike and decays it at s_decay = 10/ms; "
        "as in Jaxley a positive gS hyperpolarises, so the excitatory connections have negative gS (%s to %s) and the inhibitory "
        "ones positive gS (%s to %s), drawn per connection. The raster shows the driver recruiting the cells it is most strongly "
        "connected to, and their mutual inhibition thinning the response out (all-to-all excitation among the cells instead, with no "
        "refractory period, either stays silent or runs away into every cell firing every few steps). Euler, dt 0.025 ms "
        "(Jaxley's default).") % (n + 1, n, exc[0], exc[1], inh[0], inh[1]),
      "simulation": {"dtMs": 0.025, "durationMs": 200, "seed": 3},
      "populations": [comp("driver", 1, "driven cell"), comp("cells", n, "LIF compartments")],
      "projections": [
        {"id": "drive_syn", "pre": "driver", "post": "cells", "synapse": "SpikeSynapse", "connectivity": {"rule": "all_to_all"},
         "params": {"gS": {"dist": "uniform", "low": exc[0], "high": exc[1]}}},
        {"id": "inh_syn", "pre": "cells", "post": "cells", "synapse": "SpikeSynapse", "connectivity": {"rule": "all_to_all"},
         "params": {"gS": {"dist": "uniform", "low": inh[0], "high": inh[1]}}}],
      "stimuli": [{"type": "step", "id": "drive", "target": "driver", "input": "i", "amplitude": "3 uA/cm2",
                   "startMs": 20, "stopMs": 180}],
      "recordings": [{"population": "driver", "variables": ["v"], "neurons": [0], "intervalMs": 0.1},
                     {"population": "cells", "variables": ["v"], "neurons": [0, 1, 2], "intervalMs": 0.1}],
      "connectionRecordings": [{"projection": "drive_syn", "variables": ["s", "gS"], "connections": [0, 1, 2], "intervalMs": 0.1}],
      "spikes": {"populations": "all"},
      "rates": [{"population": "cells", "binMs": 5}],
    }

def izhikevich(seed=2003):
    import numpy as np
    rng = np.random.default_rng(seed)
    Ne, Ni = 800, 200
    re = rng.random(Ne); ri = rng.random(Ni)
    r = lambda x: [round(float(v), 5) for v in x]
    sq2 = 2 ** 0.5
    return {
      "format": "spikeflow-project", "version": 1,
      "name": "Izhikevich (2003) network: 800 excitatory + 200 inhibitory cells",
      "description": ("The network of Izhikevich (2003), 'Simple model of spiking neurons' (IEEE TNN 14:1569), Fig. 3 and its "
        "MATLAB code: 800 excitatory cells (a = 0.02, b = 0.2, c = -65 + 15 re^2, d = 8 - 6 re^2: regular spiking to chattering) "
        "and 200 inhibitory cells (a = 0.02 + 0.08 ri, b = 0.25 - 0.05 ri, c = -65, d = 2: fast spiking to low-threshold "
        "spiking), re and ri uniform per cell (the arrays below, drawn once with numpy seed 2003), all-to-all (self-connections "
        "included, as his S matrix) with weights 0.5 rand (excitatory) and -rand (inhibitory) drawn per connection, and random "
        "thalamic input. The raster shows his alpha (about 10 Hz) and gamma (about 40 Hz) rhythms: look at rates.csv, the "
        "population rate in 1 ms bins, which oscillates. Modelling choices: his code adds the summed weights of the cells that "
        "fired to I for the next 1 ms (two 0.5 ms half steps of v), so a cell's input from a spike is complete 1 to 2 ms after "
        "the presynaptic cell crossed 30 mV. Here a DeltaSynapse moves v by w at once, with a delay of 1.5 ms (3 steps): the jump "
        "is complete 1.5 to 2 ms after the crossing. Without a delay the network runs away (every cell firing every step from "
        "about 25 ms on); with 1 ms it fires in population bursts at about 25 Hz; with 1.5 ms at about 10 Hz (his loop, re-run "
        "in numpy with the same kind of draws: about 8 Hz). Thalamic noise: he draws I = 5 randn "
        "(excitatory) and 2 randn (inhibitory) once per 1 ms; here dt = 0.5 ms and the noise stimulus is redrawn every step, "
        "so its std is multiplied by sqrt(2) (7.07 and 2.83 mV/ms) to give the same variance of the input integrated over 1 ms. "
        "Update 'sequential' (v, then u from the new v, as his code); Euler."),
      "simulation": {"dtMs": 0.5, "durationMs": 1000, "seed": 1, "precision": "f64"},
      "populations": [
        {"id": "exc", "label": "excitatory (RS to CH)", "model": "Izhikevich2003", "size": Ne, "integrator": "euler", "update": "sequential",
         "params": {"a": 0.02, "b": 0.2, "c": r(-65 + 15 * re ** 2), "d": r(8 - 6 * re ** 2)}},
        {"id": "inh", "label": "inhibitory (FS to LTS)", "model": "Izhikevich2003", "size": Ni, "integrator": "euler", "update": "sequential",
         "params": {"a": r(0.02 + 0.08 * ri), "b": r(0.25 - 0.05 * ri), "c": -65, "d": 2}},
      ],
      "projections": [
        {"id": "ee", "pre": "exc", "post": "exc", "synapse": "DeltaSynapse", "connectivity": {"rule": "all_to_all", "allowSelf": True},
         "weight": {"dist": "uniform", "low": "0 mV", "high": "0.5 mV"}, "delayMs": 1.5},
        {"id": "ei", "pre": "exc", "post": "inh", "synapse": "DeltaSynapse", "connectivity": {"rule": "all_to_all"},
         "weight": {"dist": "uniform", "low": "0 mV", "high": "0.5 mV"}, "delayMs": 1.5},
        {"id": "ie", "pre": "inh", "post": "exc", "synapse": "DeltaSynapse", "connectivity": {"rule": "all_to_all"},
         "weight": {"dist": "uniform", "low": "-1 mV", "high": "0 mV"}, "delayMs": 1.5},
        {"id": "ii", "pre": "inh", "post": "inh", "synapse": "DeltaSynapse", "connectivity": {"rule": "all_to_all", "allowSelf": True},
         "weight": {"dist": "uniform", "low": "-1 mV", "high": "0 mV"}, "delayMs": 1.5},
      ],
      "stimuli": [
        {"type": "noise", "id": "thalamic_exc", "target": "exc", "input": "I", "mean": 0, "std": round(5 * sq2, 4)},
        {"type": "noise", "id": "thalamic_inh", "target": "inh", "input": "I", "mean": 0, "std": round(2 * sq2, 4)},
      ],
      "recordings": [{"population": "exc", "variables": ["v", "u"], "neurons": [0, 1]},
                     {"population": "inh", "variables": ["v"], "neurons": [0]}],
      "spikes": {"populations": "all"},
      "rates": [{"population": "exc", "binMs": 1}, {"population": "inh", "binMs": 1}],
    }

if __name__ == '__main__':
    json.dump(jaxley(), open('examples/jaxley_network.json','w'), indent=2)
    s = json.dumps(izhikevich(), indent=2)
    open('examples/izhikevich2003_network.json','w').write(s)

def stdp(n_in=100, n_post=4, dur=20000, apre=0.01, ratio=1.3):
    return {
      "format": "spikeflow-project", "version": 1,
      "name": "STDP: %d Poisson inputs onto %d LIF cells (Song, Miller & Abbott 2000)" % (n_in, n_post),
      "description": ("Spike-timing-dependent plasticity as in Song, Miller & Abbott (2000) and Brian2's examples/synapses/STDP.py, "
        "scaled to %d inputs: %d Poisson sources at 15 Hz connect all-to-all to %d leaky integrate-and-fire cells (tau 10 ms, "
        "rest -74 mV, threshold -54 mV, reset -60 mV, no refractory period; R = 100 Mohm, i.e. a 10 nS leak, so the weight bound "
        "wmax = 1 nS is Brian2's gmax = 0.1 leak units, ten times its 0.01 for ten times fewer inputs) through the library STDP "
        "synapse (conductance 5 ms, E = 0 mV, traces 20 ms, Apre = %g, Apost = -%g Apre). Weights start uniform in [0, wmax]. "
        "Depression outweighs potentiation, so inputs that do not help fire the cell lose their weight while the others grow: "
        "the weight distribution (connectionRecordings of w, every 100 ms, all %d connections) turns from uniform into the "
        "bimodal one of the paper within about 10 s, piling up at 0 and at wmax, and the output rate (rates.csv, 500 ms bins) "
        "falls from about 60 Hz to about 20 Hz. With only %d inputs each input's spikes are ten times more correlated with "
        "the output than with Brian2's 1000, so the paper's Apost = -1.05 Apre lets potentiation run away (all weights at wmax, "
        "output at 150 Hz); -1.3 Apre restores the competition. About 2 s of wall time.") % (n_in, n_in, n_post, apre, ratio, n_in * n_post, n_in),
      "simulation": {"dtMs": 0.1, "durationMs": dur, "seed": 7},
      "populations": [
        {"id": "inputs", "label": "Poisson inputs", "model": "PoissonSource", "size": n_in, "params": {"rate": "15 Hz"}},
        {"id": "post", "label": "LIF cells", "model": "LIF", "size": n_post, "integrator": "exponential_euler",
         "params": {"tau_m": "10 ms", "R": "100 Mohm", "v_rest": "-74 mV", "v_reset": "-60 mV", "thr": "-54 mV", "t_ref": "0 ms"},
         "init": {"v": "-74 mV"}},
      ],
      "projections": [
        {"id": "plastic", "pre": "inputs", "post": "post", "synapse": "STDP", "connectivity": {"rule": "all_to_all"},
         "weight": {"dist": "uniform", "low": "0 nS", "high": "1 nS"},
         "params": {"wmax": "1 nS", "Apre": apre, "Apost": round(-ratio * apre, 6)}},
      ],
      "recordings": [{"population": "post", "variables": ["v"], "neurons": [0], "intervalMs": 1}],
      "connectionRecordings": [{"projection": "plastic", "variables": ["w"], "connections": "all", "intervalMs": 100}],
      "spikes": {"populations": "all"},
      "rates": [{"population": "post", "binMs": 500}, {"population": "inputs", "binMs": 500}],
    }

if __name__ == '__main__':
    json.dump(stdp(), open('examples/stdp_demo.json','w'), indent=2)
