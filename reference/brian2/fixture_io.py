"""Shared helpers for the Brian2 fixture generators: writing fixtures with provenance.

Each fixture is one JSON file in src/library/fixtures/, holding
  - provenance: tool, version, date, generator script, dt, method, tolerances used by the test;
  - project:    a complete Spikeflow project document (format spikeflow-project, version 1) that
                describes the same simulation, which the TypeScript test runs in float64;
  - brian2:     what Brian2 produced: sample times (ms), traces per variable (in the variable's
                declared unit), and spike times (ms, Brian2's stamp = start of the step).
CI reads only these JSON files; Brian2 is needed only to regenerate them.
"""
import datetime
import json
import os
import platform

import brian2

FIXTURE_DIR = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'library', 'fixtures')


def write_fixture(name, *, generator, project, method, dt_ms, times_ms, traces, spikes_ms, tolerance, notes=''):
    """traces: dict variable -> list of floats (one neuron); spikes_ms: list of floats."""
    os.makedirs(FIXTURE_DIR, exist_ok=True)
    doc = {
        'provenance': {
            'tool': 'Brian2',
            'version': brian2.__version__,
            'python': platform.python_version(),
            'generator': generator,
            'generated': datetime.date.today().isoformat(),
            'method': method,
            'dt_ms': dt_ms,
            'precision': 'float64',
            'spike_stamp': 'start of the step in which the threshold was crossed',
            'tolerance': tolerance,
            'notes': notes,
        },
        'project': project,
        'brian2': {
            'times_ms': [round(float(x), 9) for x in times_ms],
            'traces': {k: [float(x) for x in v] for k, v in traces.items()},
            'spikes_ms': [round(float(x), 9) for x in spikes_ms],
        },
    }
    path = os.path.join(FIXTURE_DIR, f'{name}.brian2.json')
    with open(path, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    return path
