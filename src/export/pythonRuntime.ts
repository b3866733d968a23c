/**
 * The fixed Python part of every exported script: the `ifelse` function (Spikeflow's `c ? a : b`),
 * connectivity and delay helpers that follow Spikeflow's rules with numpy's random numbers, the
 * per-step values of sampled stimuli, and the writers of spikes.csv and traces.csv in the format of
 * `spikeflow run` (numbers printed as JavaScript prints them, so equal values give equal text).
 */
export const PYTHON_HELPERS = String.raw`
# Spikeflow's "c ? a : b" (Brian2 has no conditional expression). numpy evaluates both branches,
# so warnings about a division by zero in the branch not taken are silenced.
ifelse = Function(lambda condition, a, b: np.where(condition, a, b),
                  arg_units=[None, None, None], arg_types=['boolean', 'any', 'any'],
                  return_unit=lambda u_condition, u_a, u_b: u_a, stateless=True)
np.seterr(divide='ignore', invalid='ignore')

# Heun's method for deterministic equations (Brian2's 'heun' is the stochastic Stratonovich scheme).
heun_method = ExplicitStateUpdater('''
k_1 = dt*f(x, t)
k_2 = dt*f(x + k_1, t + dt)
x_new = x + (k_1 + k_2)/2
''')

rng = None  # numpy's generator, seeded in build_and_run


def fixed_in_degree(n_pre, n_post, k, no_self):
    """Every post neuron receives k connections from distinct pre neurons (grouped by post)."""
    pre, post = [np.zeros(0, dtype=int)], [np.zeros(0, dtype=int)]
    for j in range(n_post):
        candidates = np.arange(n_pre)
        if no_self:
            candidates = candidates[candidates != j]
        pre.append(np.sort(rng.choice(candidates, size=k, replace=False)))
        post.append(np.full(k, j))
    return {'i': np.concatenate(pre).astype(int), 'j': np.concatenate(post).astype(int)}


def fixed_out_degree(n_pre, n_post, k, no_self):
    """Every pre neuron makes k connections to distinct post neurons (grouped by pre)."""
    pre, post = [np.zeros(0, dtype=int)], [np.zeros(0, dtype=int)]
    for i in range(n_pre):
        candidates = np.arange(n_post)
        if no_self:
            candidates = candidates[candidates != i]
        pre.append(np.full(k, i))
        post.append(np.sort(rng.choice(candidates, size=k, replace=False)))
    return {'i': np.concatenate(pre).astype(int), 'j': np.concatenate(post).astype(int)}


def delay_in_steps(delays):
    """Per-connection delays in whole steps, as Spikeflow rounds them: round(delay/dt), halves up."""
    d = np.asarray(delays / ms, dtype=float)
    if np.any(d < 0):
        raise ValueError('delays must be >= 0 ms')
    return np.floor(d / DT_MS + 0.5) * DT_MS * ms


def sampled_steps(times_ms, values, interpolation, start_ms, stop_ms, n_steps):
    """A sampled stimulus at every step start t = n dt: times are relative to start_ms; the first
    and last samples are held before and after; 0 outside [start_ms, stop_ms)."""
    t = np.arange(n_steps + 1) * DT_MS
    tol = 1e-9 * np.maximum(DT_MS, np.abs(t))
    times = np.asarray(times_ms, dtype=float)
    values = np.asarray(values, dtype=float)
    r = t - start_ms
    if interpolation == 'linear':
        v = np.interp(r, times, values)
    else:
        v = values[np.clip(np.searchsorted(times, r + tol, side='right') - 1, 0, None)]
    on = t >= start_ms - tol
    if stop_ms is not None:
        on &= t < stop_ms - tol
    return np.where(on, v, 0.0)


def js_number(x):
    """A number as JavaScript prints it (the shortest decimal that reads back to the same float)."""
    x = float(x)
    if x != x:
        return 'NaN'
    if x in (float('inf'), float('-inf')):
        return 'Infinity' if x > 0 else '-Infinity'
    if x == 0:
        return '0'
    sign = '-' if x < 0 else ''
    mantissa, _, exponent = repr(abs(x)).partition('e')
    whole, _, frac = mantissa.partition('.')
    both = whole + frac
    digits = both.lstrip('0')
    n = len(whole) - (len(both) - len(digits)) + (int(exponent) if exponent else 0)
    digits = digits.rstrip('0')
    k = len(digits)
    if k <= n <= 21:
        text = digits + '0' * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + '.' + digits[n:]
    elif -6 < n <= 0:
        text = '0.' + '0' * (-n) + digits
    else:
        e = n - 1
        text = digits[0] + ('.' + digits[1:] if k > 1 else '') + 'e' + ('+' if e > 0 else '-') + str(abs(e))
    return sign + text


def step_time(step):
    """t_ms of a step as spikeflow run writes it: step*dt rounded to 12 significant digits."""
    return js_number(float('%.12g' % (step * DT_MS)))


def steps_of(monitor):
    return np.rint(np.asarray(monitor.t / ms) / DT_MS).astype(np.int64)


def write_spikes(path, monitors):
    """spikes.csv: t_ms,population,neuron, ordered by step, then population, then neuron."""
    steps, pops, neurons = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    names = []
    for p, (name, monitor) in enumerate(monitors):
        names.append(name)
        steps.append(steps_of(monitor))
        pops.append(np.full(len(monitor.i), p, dtype=np.int64))
        neurons.append(np.asarray(monitor.i, dtype=np.int64))
    steps, pops, neurons = np.concatenate(steps), np.concatenate(pops), np.concatenate(neurons)
    order = np.lexsort((neurons, pops, steps))
    with open(path, 'w') as f:
        f.write('t_ms,population,neuron\n')
        for k in order:
            f.write('%s,%s,%d\n' % (step_time(steps[k]), names[pops[k]], neurons[k]))
    return len(order)


def write_traces(path, recorders):
    """traces.csv: t_ms, then one column per series (population[index].variable) in its declared
    unit; rows at the union of the recorders' sample times, empty cells where one has no sample."""
    columns, blocks = ['t_ms'], []
    for monitor, series in recorders:
        columns += [key for key, _, _, _ in series]
        values = [np.asarray(getattr(monitor, variable)[row] / unit) for _, variable, row, unit in series]
        blocks.append((steps_of(monitor), values))
    all_steps = np.unique(np.concatenate([s for s, _ in blocks])) if blocks else []
    cursors = [0] * len(blocks)
    with open(path, 'w') as f:
        f.write(','.join(columns) + '\n')
        for step in all_steps:
            cells = [step_time(step)]
            for b, (steps, values) in enumerate(blocks):
                c = cursors[b]
                if c < len(steps) and steps[c] == step:
                    cells += [js_number(v[c]) for v in values]
                    cursors[b] += 1
                else:
                    cells += [''] * len(values)
            f.write(','.join(cells) + '\n')
    return len(all_steps)
`;
