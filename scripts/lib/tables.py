"""The tables the simulate -> fc -> compare scripts print, from their work folders.

  python3 -m tables protocol WORK OPTIONS             scripts/fullscale-protocol
  python3 -m tables bench-fullscale WORK OPTIONS      scripts/bench-fullscale
  python3 -m tables engine-ab WORK BASELINE SPIKES OPTIONS   scripts/bench-fullscale --baseline
  python3 -m tables bench-scaling WORK                scripts/bench-scaling
  python3 -m tables scan-scaling WORK CHI SCALING...  scripts/scan-scaling
  python3 -m tables fc-seeds WORK SCALING CHI SEED... scripts/fc-seeds
  python3 -m tables chi-transition WORK CHI...        scripts/chi-transition
  python3 -m tables downscaling WORK                  scripts/compare-downscaling
  python3 -m tables procedural WORK SEEDS SCALING...  scripts/validate-procedural
  python3 -m tables bench-nest WORK SCALING T_SIM RUNS THREADS...     scripts/bench-nest
  python3 -m tables bench-nest-recorded WORK RUNS THREADS...          scripts/bench-nest --recorded
  python3 -m tables design-study RUN WORK                             scripts/bench-design-study

A work folder holds one folder per run in the layout of scripts/lib/common.sh: FOLDER/run/ (a
humam run), FOLDER/fc-NAME/ (humam fc against notebooks-data/NAME.csv), and, where the script
makes one, WORK/theory.csv (humam theory); bench-nest's WORK holds nest-T/ and humam-T-R/ (threads
T, run R) with their peak memory from /usr/bin/time -f %M in nest-T.time and humam-T-R.time.
Exits 1 where a check of the table fails.
"""
import csv
import itertools
import json
import math
import os
import re
import statistics
import sys

from rate_comparison import compare, read_neuron_numbers, read_rates

HCP = 'hcp_fmri_fc_enigma_left34'
PUBLISHED_CHI1 = 'published_simulated_fc_groundstate'


def load(path):
    with open(path, encoding='utf-8') as file:
        return json.load(file)


def run_record(folder):
    return load(os.path.join(folder, 'run', 'run.json'))


def chi_of(record):
    return record['net_params']['scaling_factors_recurrent']['cc_scalingEtoE']


def real_time_factor(record):
    return record['simulate_seconds'] / (record['sim_params']['t_sim'] / 1000)


def fc_r(folder, name):
    return load(os.path.join(folder, f'fc-{name}', 'fc_comparison.json'))['pearson_r']


def cell(value, digits=3):
    return 'undefined' if value is None or (isinstance(value, float) and math.isnan(value)) else f'{value:.{digits}f}'


def model_label(record):
    scaling = record['net_params']['downscaling']['N_scaling']
    return 'full-scale HuMAM' if scaling == 1 else f'HuMAM at scaling {scaling:g}'


def header(record, options):
    return (f"{model_label(record)}, chi {chi_of(record):g}, {record['sim_params']['t_sim']:g} ms, "
            f"{record['threads']} threads, {record['connectivity']} connectivity {options}".rstrip())


def against_theory(work):
    """The run's rates (t >= 500 ms) against WORK/theory.csv, per population and per neuron."""
    run = os.path.join(work, 'run')
    return compare(read_rates(os.path.join(run, 'rates.csv')), read_rates(os.path.join(work, 'theory.csv')),
                   read_neuron_numbers(run))


def protocol(work, options):
    record = run_record(work)
    c = against_theory(work)
    print(header(record, options))
    print(f"  neurons {record['neurons']:,}  synapses {record['synapses']:,}  spikes {record['spikes']:,}")
    print(f"  simulate {record['simulate_seconds']:.0f} s (real-time factor {real_time_factor(record):.1f}), "
          f"peak memory {record['peak_memory_bytes'] / 1e9:.2f} GB")
    print(f"  rates t >= {record['rate_window_start_ms']:g} ms: per neuron {c['mean_per_neuron_hz']:.3f} Hz (theory "
          f"{c['reference_mean_per_neuron_hz']:.3f}), mean over populations {c['mean_over_populations_hz']:.3f} Hz "
          f"(theory {c['reference_mean_over_populations_hz']:.3f}), correlation of log rates {c['log_rate_correlation']:.3f}")
    for name, label in [(HCP, 'HCP resting-state fMRI FC (paper: r = 0.32 at chi 1)'),
                        (PUBLISHED_CHI1, 'published full-scale simulated FC (chi 1)')]:
        print(f"  FC of area currents, t >= 2500 ms, against the {label}: r = {cell(fc_r(work, name))}")


def bench_fullscale(work, options):
    record = run_record(work)
    c = against_theory(work)
    rtf = real_time_factor(record)
    peak_gb = record['peak_memory_bytes'] / 1e9
    # The design study's estimates for this 2-core machine (docs/performance.md).
    design_rtf, design_gb = (90, 0.7) if chi_of(record) <= 1 else (1500, 5.2)
    print(header(record, options))
    print(f"  neurons {record['neurons']:,}  synapses {record['synapses']:,}  spikes {record['spikes']:,}")
    print(f"  set-up           {record['setup_seconds']:.1f} s")
    print(f"  real-time factor {rtf:.1f}  (design estimate {design_rtf}: {design_rtf / rtf:.2f}x)")
    print(f"  peak memory      {peak_gb:.2f} GB  (design estimate {design_gb} GB; NEST ~2380 GB: {2380 / peak_gb:.0f}x less)")
    print(f"  rates t >= {record['rate_window_start_ms']:g} ms: mean over populations {c['mean_over_populations_hz']:.3f} Hz "
          f"(theory {c['reference_mean_over_populations_hz']:.3f}), per neuron {c['mean_per_neuron_hz']:.3f} Hz "
          f"(theory {c['reference_mean_per_neuron_hz']:.3f})")
    print(f"  mean |log10(sim/theory)| {c['mean_abs_log10_ratio']:.2f}, correlation of log rates {c['log_rate_correlation']:.3f}")


def engine_ab(work, baseline, spikes, options):
    """Two builds' runs of the same simulation (WORK/run-baseline, WORK/run-new, peak memory in
    kB in WORK/BUILD.time), side by side. The events are the new build's count (a baseline
    that predates the count delivered the same events where the spikes are identical)."""
    new = load(os.path.join(work, 'run-new', 'run.json'))
    events = new['synaptic_events']
    print(header(new, options))
    print(f"  {events:,} synaptic events, {new['spikes']:,} spikes; spikes of the two builds {spikes}")
    print(f"  {'build':<22} {'simulate s':>10} {'RTF':>8} {'peak GB':>8} {'events/s':>10} {'ns·core/event':>14}")
    seconds = {}
    for build, label in (('baseline', baseline), ('new', 'this checkout')):
        record = load(os.path.join(work, f'run-{build}', 'run.json'))
        with open(os.path.join(work, f'{build}.time'), encoding='utf-8') as file:
            peak_gb = int(file.read().split()[-1]) * 1e3 / 1e9
        seconds[build] = record['simulate_seconds']
        per_event = seconds[build] * record['threads'] * 1e9 / events
        print(f"  {label:<22} {seconds[build]:>10.1f} {real_time_factor(record):>8.1f} {peak_gb:>8.2f} "
              f"{events / seconds[build]:>10.3g} {per_event:>14.1f}")
    print(f"  speed-up {seconds['baseline'] / seconds['new']:.2f}x")


def bench_scaling(work):
    """The same run on 1 and 2 threads (WORK/run-1, WORK/run-2): the measured speed-up beside
    the one `humam network --thread-load` predicts for that run's rates (WORK/model.log: per
    thread count, the real-time factor of the engine's partition in the third column)."""
    model = {}
    with open(os.path.join(work, 'model.log'), encoding='utf-8') as file:
        for line in file:
            fields = line.split()
            if len(fields) == 7 and fields[0].isdigit():
                model[int(fields[0])] = float(fields[2])
    one, two = (load(os.path.join(work, f'run-{threads}', 'run.json'))['simulate_seconds'] for threads in (1, 2))
    print(f"  simulate: {one:.2f} s on 1 thread, {two:.2f} s on 2 threads: speed-up {one / two:.2f} "
          f"(model for this run's rates: {model[1] / model[2]:.2f})")


def scan_scaling(work, chi, scalings):
    theory = read_rates(os.path.join(work, 'theory.csv'))
    print(f"balanced down-scaling, chi {chi}, procedural connectivity, 2 threads; FC against the published full-scale FC (chi 1)")
    print(f"{'scaling':>8}{'neurons':>11}{'synapses':>16}{'rate/neuron Hz':>16}{'theory':>8}{'log-rate r':>12}{'FC r':>8}{'RTF':>8}{'peak MB':>9}")
    for scaling in scalings:
        folder = os.path.join(work, scaling)
        record = run_record(folder)
        run = os.path.join(folder, 'run')
        c = compare(read_rates(os.path.join(run, 'rates.csv')), theory, read_neuron_numbers(run))
        print(f"{scaling:>8}{record['neurons']:>11,}{record['synapses']:>16,}{c['mean_per_neuron_hz']:>16.3f}"
              f"{c['reference_mean_per_neuron_hz']:>8.3f}{c['log_rate_correlation']:>12.3f}"
              f"{cell(fc_r(folder, PUBLISHED_CHI1)):>8}{real_time_factor(record):>8.1f}{record['peak_memory_bytes'] / 1e6:>9.0f}")


def upper_triangle(path):
    """The values above the diagonal of a square FC matrix CSV (empty cells: NaN)."""
    with open(path, encoding='utf-8') as file:
        rows = [line.rstrip('\n').split(',') for line in file]
    values = [[float(x) if x else math.nan for x in row[1:]] for row in rows[1:]]
    return [values[i][j] for i in range(len(values)) for j in range(i + 1, len(values))]


def pearson(x, y):
    """Pearson r over the pairs where both are defined (NaN where either side is constant)."""
    pairs = [(a, b) for a, b in zip(x, y) if not (math.isnan(a) or math.isnan(b))]
    if len(pairs) < 2 or len({a for a, _ in pairs}) < 2 or len({b for _, b in pairs}) < 2:
        return math.nan
    return statistics.correlation([a for a, _ in pairs], [b for _, b in pairs])


def fc_seeds(work, scaling, chi, seeds):
    print(f"scaling {scaling}, chi {chi}, balanced, procedural, 2 threads; FC of area currents from 500 ms")
    print(f"{'seed':>6}{'rate/neuron Hz':>16}{'RTF':>8}{'r vs HCP':>10}{'r vs published':>16}")
    fcs = {}
    for seed in seeds:
        folder = os.path.join(work, seed)
        record = run_record(folder)
        rate = record['spikes'] / record['neurons'] / (record['sim_params']['t_sim'] / 1000)
        fcs[seed] = upper_triangle(os.path.join(folder, f'fc-{HCP}', 'fc_synaptic.csv'))
        print(f"{seed:>6}{rate:>16.3f}{real_time_factor(record):>8.1f}{cell(fc_r(folder, HCP)):>10}"
              f"{cell(fc_r(folder, PUBLISHED_CHI1)):>16}")
    for a, b in itertools.combinations(seeds, 2):
        print(f"  seed {a} vs seed {b}: FC r = {cell(pearson(fcs[a], fcs[b]))}")


def chi_transition(work, chis):
    print("| chi | t_sim (ms) | snippets | rate per neuron E / I (spikes/s) | populations > 1 spike/s | 1 - KS rate / CV / LvR | FC r vs HCP | FC r vs published (same chi) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for chi in chis:
        folder = os.path.join(work, f"chi-{chi}")
        run = os.path.join(folder, "run")
        record = run_record(folder)
        sizes = read_neuron_numbers(run)
        rates = read_rates(os.path.join(run, "rates.csv"))
        per_type = {}
        for cell_type in ("E", "I"):
            keys = [key for key in rates if key[2] == cell_type]
            neurons = sum(sizes[key] for key in keys)
            per_type[cell_type] = sum(rates[key] * sizes[key] for key in keys) / neurons if neurons else None
        above = sum(1 for value in rates.values() if value > 1) / len(rates)
        human = load(os.path.join(run, "analysis", "human_comparison.json"))
        similarity = " / ".join(cell(human[name]["one_minus_ks"]) for name in ("rates", "cv", "lvr"))
        published = [name[3:] for name in os.listdir(folder)
                     if name.startswith("fc-published_") and os.path.isdir(os.path.join(folder, name))]
        print(f"| {chi} | {record['sim_params']['t_sim']:g} | {human['snippets']} | {cell(per_type['E'])} / {cell(per_type['I'])} "
              f"| {above:.2f} | {similarity} | {cell(fc_r(folder, HCP))} "
              f"| {cell(fc_r(folder, published[0])) if published else 'no published FC'} |")


def fixed_points(log):
    """The fixed points `humam theory --compare` reports in LOG: (stability, rate per neuron,
    log-rate r with the run) each; r only for the one most trials reached where the log has no
    per-fixed-point lines (humam 0.2.0)."""
    with open(log, encoding='utf-8') as file:
        text = file.read()
    points = [(stability, float(rate)) for stability, rate in
              re.findall(r'fixed point \d+ \(trials [^)]*\): (stable|UNSTABLE|stability not computed)[^\n]*\n'
                         r'\s+mean [^,]+ Hz per population, ([0-9.e+-]+) Hz per neuron', text)]
    each = [float(value) for value in re.findall(r'with fixed point \d+: r\(log10 rates\) = ([-0-9.e+]+)', text)]
    main = re.search(r'correlation with .*: r\(log10 rates\) = ([-0-9.e+]+)', text)
    if len(each) != len(points):
        each = [float(main.group(1)) if main and len(points) == 1 else None] * len(points)
    return [(stability, rate, r) for (stability, rate), r in zip(points, each)]


def chi_transition_theory(work, chis):
    print()
    print("| chi | fixed point | found from | stability | rate per neuron (spikes/s) | log-rate r with the run |")
    print("| --- | --- | --- | --- | --- | --- |")
    for chi in chis:
        folder = os.path.join(work, f"chi-{chi}")
        for log, start in (("theory-quiet.log", "chi-1 rates"), ("theory.log", "20 random starts")):
            for index, (stability, rate, r) in enumerate(fixed_points(os.path.join(folder, log))):
                print(f"| {chi} | {index + 1} | {start} | {stability} | {cell(rate)} | {cell(r)} |")


def downscaling(work):
    theory = read_rates(os.path.join(work, 'theory.csv'))
    print(f"{'mode':<18}{'mean over populations':>24}{'mean |log10(sim/theory)|':>28}{'corr. of log rates':>22}")
    print(f"{'full-scale theory':<18}{statistics.mean(theory.values()):>21.3f} Hz")
    for mode in ('original', 'balanced'):
        c = compare(read_rates(os.path.join(work, mode, 'rates.csv')), theory)
        print(f"{mode:<18}{c['mean_over_populations_hz']:>21.3f} Hz{c['mean_abs_log10_ratio']:>28.2f}{c['log_rate_correlation']:>22.3f}")


def procedural(work, seeds, scalings):
    """Procedural against stored connectivity over seeds: the correlation of the seed-averaged
    population rates >= 0.95, and each store's mean over populations inside the other's seed range."""
    failed = 0
    modes = ('stored', 'procedural')
    for scaling in scalings:
        folders = {mode: [os.path.join(work, scaling, f'{mode}-{seed}') for seed in range(1, seeds + 1)] for mode in modes}
        runs = {mode: [read_rates(os.path.join(folder, 'run', 'rates.csv')) for folder in folders[mode]] for mode in modes}
        keys = sorted(runs['stored'][0])
        average = {mode: [statistics.mean(r[k] for r in runs[mode]) for k in keys] for mode in modes}
        means = {mode: [statistics.mean(r.values()) for r in runs[mode]] for mode in modes}
        seconds = {mode: [run_record(folder)['simulate_seconds'] for folder in folders[mode]] for mode in modes}
        r = statistics.correlation(average['stored'], average['procedural'])
        inside = (min(means['stored']) <= statistics.mean(means['procedural']) <= max(means['stored'])
                  and min(means['procedural']) <= statistics.mean(means['stored']) <= max(means['procedural']))
        ok = r >= 0.95 and inside
        failed += not ok
        print(f"scaling {scaling}, {seeds} seeds: correlation of population rates {r:.3f} (>= 0.95); mean over populations "
              f"stored {statistics.mean(means['stored']):.3f} Hz [{min(means['stored']):.3f}, {max(means['stored']):.3f}], "
              f"procedural {statistics.mean(means['procedural']):.3f} Hz [{min(means['procedural']):.3f}, {max(means['procedural']):.3f}]; "
              f"simulate {statistics.median(seconds['stored']):.2f} s stored vs {statistics.median(seconds['procedural']):.2f} s procedural: "
              f"{'ok' if ok else 'FAILED'}")
    print(f"{len(scalings) - failed} passed, {failed} failed")
    return failed == 0


def peak_mb(path):
    with open(path, encoding='utf-8') as file:
        return int(file.read().split()[-1]) / 1024


def bench_nest(work, scaling, t_sim, runs, threads_list):
    """NEST and humam (median of the runs) on the same network: build, simulate, peak memory, spikes."""
    print(f"network scaling {scaling}, {t_sim} ms; humam: median of {runs} run(s)")
    print("%-6s %7s %9s %11s %9s %10s" % ("engine", "threads", "build s", "simulate s", "peak MB", "spikes"))
    for threads in threads_list:
        nest = load(os.path.join(work, f'nest-{threads}', 'run.json'))
        nest_row = (nest['setup_seconds'], nest['simulate_seconds'], peak_mb(os.path.join(work, f'nest-{threads}.time')), nest['spikes'])
        humam = [(load(os.path.join(work, f'humam-{threads}-{run}', 'run.json')), peak_mb(os.path.join(work, f'humam-{threads}-{run}.time')))
                 for run in range(1, runs + 1)]
        humam_row = (statistics.median(r['setup_seconds'] for r, _ in humam), statistics.median(r['simulate_seconds'] for r, _ in humam),
                     max(peak for _, peak in humam), humam[0][0]['spikes'])
        for engine, (build, simulate, peak, spikes) in (('NEST', nest_row), ('humam', humam_row)):
            print("%-6s %7s %9.2f %11.2f %9.0f %10d" % (engine, threads, build, simulate, peak, spikes))
        print("%s thread(s): NEST/humam build %.2fx, simulate %.2fx, peak memory %.2fx"
              % (threads, nest_row[0] / humam_row[0], nest_row[1] / humam_row[1], nest_row[2] / humam_row[2]))


# NEST 3.10 on the notebook network, this machine, idle (Tests/Fixtures/downscaled README):
# setup and simulate seconds per thread count; the peak memory is in sim_run_info.json.
NEST_RECORDED = {'1': (8.0, 68.4), '2': (7.6, 27.1)}


def bench_nest_recorded(work, runs, threads_list):
    nest_peak_mb = load('Tests/Fixtures/downscaled/sim_run_info.json')['peak_rss_MB_end']
    first = load(os.path.join(work, f'humam-{threads_list[0]}-1', 'run.json'))
    scaling = first['net_params']['downscaling']['N_scaling']
    print(f"network scaling {scaling:g}, {first['sim_params']['t_sim']:g} ms, median and best of {runs} humam run(s) "
          f"vs NEST 3.10 on the notebook network (scaling 0.006, 2000 ms; recorded, idle)")
    for threads in threads_list:
        if threads not in NEST_RECORDED:
            print(f"  {threads} thread(s): no recorded NEST time")
            continue
        records = [load(os.path.join(work, f'humam-{threads}-{run}', 'run.json')) for run in range(1, runs + 1)]
        peak = max(r['peak_memory_bytes'] for r in records) / 1e6
        nest_setup, nest_simulate = NEST_RECORDED[threads]
        for name, pick in (('median', statistics.median), ('best', min)):
            setup = pick(r['setup_seconds'] for r in records)
            simulate = pick(r['simulate_seconds'] for r in records)
            print(f"  {threads} thread(s), {name:6}: setup {setup:.3f} s (NEST {nest_setup} s, {nest_setup / setup:.0f}x)  "
                  f"simulate {simulate:.3f} s (NEST {nest_simulate} s, {nest_simulate / simulate:.1f}x)")
        print(f"  {threads} thread(s), peak memory {peak:.0f} MB (NEST {nest_peak_mb:.0f} MB, {nest_peak_mb / peak:.1f}x less)")


def bench_median(path, pattern):
    """The 'median X' of the first line matching pattern in an output file of the study's benchmarks."""
    with open(path, encoding='utf-8') as file:
        for line in file:
            if re.search(pattern, line):
                return float(re.search(r'median ([0-9.]+)', line).group(1))
    sys.exit(f'error: no "{pattern}" line in the study benchmark output {path}')


def design_study(run, work):
    """The design study's estimate (its section 6) from its unit costs measured in WORK, for the
    theory's workload and the humam run's, against the run's real-time factor. WORK holds the
    study's outputs (neuron.txt, events.txt, stream.txt) and the network's tables (net/)."""
    float64_ns = bench_median(os.path.join(work, 'neuron.txt'), r'Float64 SIMD8.*fused Poisson')
    float32_ns = bench_median(os.path.join(work, 'neuron.txt'), r'Float32 SIMD16.*fused Poisson')
    event_ns = bench_median(os.path.join(work, 'events.txt'), r'^events bucket simd-gen')
    triad = bench_median(os.path.join(work, 'stream.txt'), r'triad')
    with open(os.path.join(work, 'net', 'synapses.csv'), encoding='utf-8') as file:
        synapses = [((r['source_area'], r['source_layer'], r['source_population']), int(r['synapses'])) for r in csv.DictReader(file)]
    with open(os.path.join(work, 'net', 'neuron_numbers.csv'), encoding='utf-8') as file:
        neurons = sum(int(r['neurons']) for r in csv.DictReader(file))
    theory = read_rates('notebooks-data/base_theory_rates.csv')
    simulated = read_rates(os.path.join(run, 'rates.csv'))
    info = load(os.path.join(run, 'run.json'))
    if info['neurons'] != neurons or chi_of(info) != 1:
        sys.exit(f'error: {run} is not a chi-1 run of the network in {work}/net ({info["neurons"]} neurons, chi {chi_of(info)})')
    humam_rtf = real_time_factor(info)
    neuron_steps = neurons * 1e4  # per biological second at dt = 0.1 ms

    def estimate(update_ns, events):  # the study's section 6: one core's seconds, 2 cores at 1.9x
        return (neuron_steps * update_ns + events * event_ns) * 1e-9 / 1.9

    theory_events = sum(n * theory[s] for s, n in synapses)
    run_events = sum(n * simulated[s] for s, n in synapses)
    print('design study benchmarks on this machine (Zen 5 figures of the study in brackets)')
    print(f'  neuron update + fused Poisson, Float64 SIMD8: {float64_ns:.2f} ns per neuron-step  [2.26]')
    print(f'  neuron update + fused Poisson, Float32 SIMD16: {float32_ns:.2f} ns per neuron-step  [1.32]')
    print(f'  synaptic event, SIMD generation + bucketed queue, chi 1: {event_ns:.1f} ns  [10.2]')
    print(f'  STREAM triad, 2 threads: {triad:.1f} GB/s  [33.6]')
    print(f'workload: theory rates {theory_events:.3e} events/s; humam run {run_events:.3e} events/s '
          f'(rates from {info["rate_window_start_ms"]:g} ms)')
    for label, events in (('theory workload', theory_events), ('humam run workload', run_events)):
        print(f'  study estimate here, {label}: RTF {estimate(float64_ns, events):.0f} with Float64 state, '
              f'{estimate(float32_ns, events):.0f} with Float32 state')
    print(f'humam: RTF {humam_rtf:.1f} ({info["simulate_seconds"]:.1f} s for {info["sim_params"]["t_sim"]:g} ms, '
          f'{info["threads"]} threads; the whole run, burst at t = 0 included): '
          f'{estimate(float64_ns, run_events) / humam_rtf:.2f}x the speed of the study design (Float64) on the same workload')


def main(arguments):
    command, rest = (arguments[0], arguments[1:]) if arguments else ('', [])
    if command == 'protocol' and len(rest) == 2:
        protocol(*rest)
    elif command == 'bench-fullscale' and len(rest) == 2:
        bench_fullscale(*rest)
    elif command == 'bench-scaling' and len(rest) == 1:
        bench_scaling(*rest)
    elif command == 'engine-ab' and len(rest) == 4:
        engine_ab(*rest)
    elif command == 'scan-scaling' and len(rest) >= 3:
        scan_scaling(rest[0], rest[1], rest[2:])
    elif command == 'fc-seeds' and len(rest) >= 4:
        fc_seeds(rest[0], rest[1], rest[2], rest[3:])
    elif command == 'chi-transition' and len(rest) >= 2:
        chi_transition(rest[0], rest[1:])
        chi_transition_theory(rest[0], rest[1:])
    elif command == 'downscaling' and len(rest) == 1:
        downscaling(rest[0])
    elif command == 'procedural' and len(rest) >= 3:
        return 0 if procedural(rest[0], int(rest[1]), rest[2:]) else 1
    elif command == 'bench-nest' and len(rest) >= 5:
        bench_nest(rest[0], rest[1], rest[2], int(rest[3]), rest[4:])
    elif command == 'bench-nest-recorded' and len(rest) >= 3:
        bench_nest_recorded(rest[0], int(rest[1]), rest[2:])
    elif command == 'design-study' and len(rest) == 2:
        design_study(*rest)
    else:
        sys.exit(f'tables.py: unknown or incomplete command {" ".join(arguments)!r}\n{__doc__}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
