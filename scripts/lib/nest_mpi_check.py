#!/usr/bin/env python3
"""Checks of scripts/validate-nest-mpi (numpy only).

  nest_mpi_check.py WORK_DIR SEEDS [--single]
      WORK_DIR holds export/ (network.json), mpi-2x1/ (mpirun -n 2, 1 thread each),
      threads-1x2/ (1 process, 2 threads), both run with --check-connections, and humam-<seed>/
      for seeds 1..SEEDS (humam simulate on the same network). Exit 1 if a check fails.
      --single (scripts/validate-nest-mpi --check, NEST without MPI): instead of the two runs,
      single/ (1 process); the checks that need two ranks are left out, and the comparison of
      NEST with humam's seeds is printed, not checked.
  nest_mpi_check.py --memory RUN...
      NEST's memory report per rank at each stage of MPI runs of different scaling, the bytes
      per synapse, per neuron and per neuron and delay step derived from them, and the
      full-scale extrapolation.
"""

import csv
import glob
import json
import math
import os
import statistics
import sys

import numpy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nest_compare import read_ascii  # noqa: E402

FULL_NEURONS = 3_468_839
FULL_SYNAPSES = 42_778_034_057
FULL_MAX_DELAY_MS = 460.0  # median largest lognormal delay at full scale (docs/nest-export.md)
failures = []


def check(condition, message):
    print("%s %s" % ("ok  " if condition else "FAIL", message))
    if not condition:
        failures.append(message)


def load(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def read_rates(path):
    with open(path, encoding="utf-8") as file:
        return {(r["area"], r["layer"], r["population"]): float(r["rate_hz"]) for r in csv.DictReader(file)}


def spikes(run):
    pairs = [read_ascii(path) for path in sorted(glob.glob(os.path.join(run, "spikes", "*.dat")))]
    senders = numpy.concatenate([p[0] for p in pairs])
    times = numpy.concatenate([p[1] for p in pairs])
    order = numpy.lexsort((senders, times))
    return senders[order], times[order]


def merged_connections(run, processes):
    """(target, source) -> [synapses, weight sum, delay sum, delay min, delay max], summed over ranks."""
    table = {}
    for rank in range(processes):
        with open(os.path.join(run, "connection_check", "rank-%d.csv" % rank), encoding="utf-8") as file:
            for row in csv.DictReader(file):
                key = (int(row["target_index"]), int(row["source_index"]))
                values = [int(row["synapses"]), float(row["weight_sum_pA"]), float(row["delay_sum_ms"]),
                          float(row["delay_min_ms"]), float(row["delay_max_ms"])]
                if key in table:
                    old = table[key]
                    table[key] = [old[0] + values[0], old[1] + values[1], old[2] + values[2],
                                  min(old[3], values[3]), max(old[4], values[4])]
                else:
                    table[key] = values
    return table


def population_sizes(run):
    sizes = {}
    with open(os.path.join(run, "population_GIDs.dat"), encoding="utf-8") as file:
        for line in file:
            label, first, last = line.strip().rsplit(";", 2)
            key = tuple(part.strip().strip("'") for part in label.strip("()").split(","))
            sizes[key] = int(last) - int(first) + 1
    return sizes


def validate(work, seeds, single):
    description = load(os.path.join(work, "export", "network.json"))
    populations, pathways = description["populations"], description["pathways"]
    mpi, threads = os.path.join(work, "single" if single else "mpi-2x1"), os.path.join(work, "threads-1x2")
    processes = 1 if single else 2
    record = load(os.path.join(mpi, "run.json"))

    print("-- every rank wrote its own files")
    check(record["num_processes"] == processes and (single or record["threads"] == 1),
          "%s: %d process(es) x %d thread(s) (run.json)" % (os.path.basename(mpi), record["num_processes"], record["threads"]))
    ranks = [load(os.path.join(mpi, "ranks", "rank-%d.json" % rank)) for rank in range(processes)]
    files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(mpi, "spikes", "*.dat")))
    for rank, rank_record in enumerate(ranks):
        processes_of_rank = rank_record["virtual_processes"]
        check((single or processes_of_rank == [rank]) and len(rank_record["spike_files"]) == len(processes_of_rank)
              and all(name.endswith("-%d.dat" % vp) for name, vp in zip(sorted(rank_record["spike_files"]), processes_of_rank)),
              "rank %d: virtual process(es) %s, its own spike file(s) %s" % (rank, processes_of_rank, rank_record["spike_files"]))
        check(os.path.exists(os.path.join(mpi, "connection_check", "rank-%d.csv" % rank)),
              "rank %d: its own connection_check/rank-%d.csv" % (rank, rank))
        check(rank_record["neurons"] > 0 and rank_record["nest_num_connections"] > 0,
              "rank %d: %d local neurons, %d local connections, %d spikes, peak RSS %.0f MB"
              % (rank, rank_record["neurons"], rank_record["nest_num_connections"], rank_record["spikes"],
                 rank_record["peak_memory_bytes"] / 1e6))
    check(files == sorted(sum((r["spike_files"] for r in ranks), [])), "spikes/ holds exactly the ranks' files %s" % files)
    check(sum(r["neurons"] for r in ranks) == description["totals"]["neurons"],
          "the ranks' local neurons add up to %d" % description["totals"]["neurons"])

    print("-- rank 0's merge (run.json, rates.csv) counts every rank's spikes")
    senders, times = spikes(mpi)
    check(record["spikes"] == len(senders) == sum(r["spikes"] for r in ranks),
          "run.json spikes %d = spike lines in all files %d" % (record["spikes"], len(senders)))
    check(record["nest_num_connections"] == description["totals"]["synapses"] + 2 * description["totals"]["neurons"],
          "run.json nest_num_connections %d = synapses + Poisson + recorder connections, summed over ranks"
          % record["nest_num_connections"])
    duration = float(description["sim_params"]["t_sim"])
    start = 500.0 if duration > 500.0 else 0.0
    with open(os.path.join(mpi, "population_GIDs.dat"), encoding="utf-8") as file:
        lines = [line.strip().rsplit(";", 2) for line in file]
    firsts = numpy.array([int(line[1]) for line in lines])
    check(all(int(lines[i][2]) + 1 == int(lines[i + 1][1]) for i in range(len(lines) - 1)) and int(lines[0][1]) == 1,
          "population_GIDs.dat: consecutive GID ranges 1..%s over %d populations" % (lines[-1][2], len(lines)))
    window = (times >= start) & (times < duration)
    counts = numpy.bincount(numpy.searchsorted(firsts, senders[window], side="right") - 1, minlength=len(lines))
    rates = read_rates(os.path.join(mpi, "rates.csv"))
    expected = {}
    for position in range(len(populations["neurons"])):
        key = (populations["area"][position], populations["layer"][position], populations["population"][position])
        expected[key] = counts[position] / populations["neurons"][position] / ((duration - start) / 1000.0)
    check(rates == expected, "rates.csv (merged by rank 0) = rates recounted from both ranks' spike files (%d populations)"
          % len(rates))

    connections = merged_connections(mpi, processes)
    if not single:
        print("-- 2 ranks x 1 thread = 1 rank x 2 threads (same seed, same 2 virtual processes)")
        other_senders, other_times = spikes(threads)
        check(numpy.array_equal(senders, other_senders) and numpy.array_equal(times, other_times),
              "identical spikes: %d and %d" % (len(senders), len(other_senders)))
        other = merged_connections(threads, 1)
        check(connections.keys() == other.keys() and all(connections[k][0] == other[k][0] and connections[k][3:] == other[k][3:]
                                                         and math.isclose(connections[k][1], other[k][1], rel_tol=1e-9, abs_tol=1e-9)
                                                         and math.isclose(connections[k][2], other[k][2], rel_tol=1e-9)
                                                         for k in connections),
              "identical connectivity: %d (target, source) pairs, same counts, weight and delay sums" % len(connections))

    print("-- realised synapses per pathway, summed over ranks, = humam's")
    index = populations["index"]
    wanted = {(index[t], index[s]): n for t, s, n, w in zip(pathways["target"], pathways["source"], pathways["synapses"],
                                                             pathways["weight_pA"]) if w != 0}
    internal = {k: v[0] for k, v in connections.items() if k[1] >= 0}
    mismatched = [k for k in set(wanted) | set(internal) if wanted.get(k, 0) != internal.get(k, 0)]
    check(not mismatched, "%d pathways, %d synapses: every pathway's count equal, none elsewhere (%d differ)"
          % (len(wanted), sum(internal.values()), len(mismatched)))
    poisson = {k[0]: v[0] for k, v in connections.items() if k[1] == -1}
    check(all(poisson.get(index[p], 0) == populations["neurons"][p] for p in range(len(index))),
          "one Poisson connection per neuron in every population")

    print("-- humam analyze on the merged folder")
    analyzed = read_rates(os.path.join(mpi, "analysis", "population_statistics.csv"))
    check(all(abs(analyzed[k] - rates[k]) <= 1e-12 * max(rates[k], 1e-300) for k in rates),
          "humam analyze's population rates = the merged rates.csv (%d populations)" % len(rates))

    print("-- NEST vs humam's engine on the same network (humam seeds 1..%d)" % seeds)
    sizes = population_sizes(mpi)
    humam = [read_rates(os.path.join(work, "humam-%d" % seed, "rates.csv")) for seed in range(1, seeds + 1)]
    keys = sorted(humam[0])
    total = sum(sizes[k] for k in keys)

    def per_neuron(table):
        return sum(table[k] * sizes[k] for k in keys) / total

    means = [per_neuron(table) for table in humam]
    nest_mean = per_neuron(rates)
    centre, spread = statistics.mean(means), statistics.stdev(means)
    print("mean rate per neuron: NEST %.4f Hz, humam %.4f +- %.4f Hz (SD over %d seeds; range %.4f-%.4f)"
          % (nest_mean, centre, spread, seeds, min(means), max(means)))
    statistical = (lambda condition, message: print("     %s (--single: not checked)" % message)) if single else check
    statistical(abs(nest_mean - centre) <= 3 * spread, "NEST's mean rate within 3 SD of humam's seeds (z = %.2f)"
                % ((nest_mean - centre) / spread))

    def leave_one_out(humam, i):
        return [statistics.mean(table[k] for j, table in enumerate(humam) if j != i) for k in keys]

    seed_r = [statistics.correlation([humam[i][k] for k in keys], leave_one_out(humam, i)) for i in range(seeds)]
    nest_r = statistics.mean(statistics.correlation([rates[k] for k in keys], leave_one_out(humam, i)) for i in range(seeds))
    print("correlation of population rates with the mean of %d other humam seeds: humam seeds %s, NEST %.3f"
          % (seeds - 1, " ".join("%.3f" % r for r in seed_r), nest_r))
    statistical(nest_r >= min(seed_r), "NEST's correlation %.3f >= the lowest humam seed's %.3f" % (nest_r, min(seed_r)))
    print("%d checks failed" % len(failures) if failures else "all checks passed")
    return not failures


def memory(runs):
    """Memory growth between the stages NEST reports, summed over ranks: internal synapses
    (created -> internal) per synapse; connecting every neuron to the spike recorder (internal ->
    connected) per neuron; Prepare in the first Simulate (connected -> simulated: every neuron's
    input ring buffers) per neuron and delay step. Extrapolated to full scale with the largest
    value seen over the runs."""
    laws = {"nest_memory_size": [], "rss": []}
    stages = ("kernel", "created", "internal", "connected", "simulated")
    for run in runs:
        record = load(os.path.join(run, "run.json"))
        processes = record["num_processes"]
        ranks = [load(os.path.join(run, "ranks", "rank-%d.json" % rank)) for rank in range(processes)]
        steps = (record["min_delay_ms"] + record["max_delay_ms"]) / record["sim_params"]["sim_resolution"]
        neurons, synapses = record["neurons"], record["synapses"]
        print("%s: %d neurons, %d synapses, %d ranks, delays %.1f-%.1f ms (%d steps)"
              % (os.path.basename(run), neurons, synapses, processes, record["min_delay_ms"], record["max_delay_ms"], steps))
        print("  stage      " + "".join("  rank %d: NEST MB  RSS MB" % rank for rank in range(processes)))
        for stage in stages:
            print("  %-9s  " % stage + "".join("  %15.0f %7.0f" % (r["memory"][stage].get("nest_memory_size", -1) / 1e6,
                                                                  r["memory"][stage]["rss"] / 1e6) for r in ranks))
        for key in laws:
            def delta(a, b):
                return sum(r["memory"][b][key] - r["memory"][a][key] for r in ranks)
            law = {"synapse": delta("created", "internal") / synapses, "recorder": delta("internal", "connected") / neurons,
                   "step": delta("connected", "simulated") / (neurons * steps),
                   "process": max(r["memory"]["created"][key] for r in ranks)}
            laws[key].append(law)
            print("  %-9s %.1f B per synapse, %.1f KB per neuron (recorder connection), %.1f B per neuron and delay step "
                  "(Prepare), %.0f MB per process before connecting" % ("NEST:" if key == "nest_memory_size" else "RSS:",
                  law["synapse"], law["recorder"] / 1e3, law["step"], law["process"] / 1e6))
    full_steps = (0.1 + FULL_MAX_DELAY_MS) / 0.1
    for key, name in (("nest_memory_size", "NEST memory_size (VmSize)"), ("rss", "VmRSS")):
        worst = {part: max(law[part] for law in laws[key]) for part in laws[key][0]}
        synapses = worst["synapse"] * FULL_SYNAPSES
        recorder = worst["recorder"] * FULL_NEURONS
        buffers = worst["step"] * FULL_NEURONS * full_steps
        shared = synapses + recorder + buffers
        print("full scale, %s: synapses %.2f TB (%.1f B) + recorder connections %.2f TB (%.1f KB per neuron) + ring buffers "
              "%.2f TB (%.1f B x %d neurons x %.0f steps) + %.2f GB per process"
              % (name, synapses / 1e12, worst["synapse"], recorder / 1e12, worst["recorder"] / 1e3, buffers / 1e12,
                 worst["step"], FULL_NEURONS, full_steps, worst["process"] / 1e9))
        for nodes, per_node in ((8, 2), (12, 2), (16, 2), (32, 2)):
            per_process = shared / (nodes * per_node) + worst["process"]
            print("  %2d nodes x %d ranks: %.2f TB in all, %4.0f GB per rank, %5.0f GB per node"
                  % (nodes, per_node, per_process * nodes * per_node / 1e12, per_process / 1e9, per_process * per_node / 1e9))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--memory":
        memory(sys.argv[2:])
    elif len(sys.argv) in (3, 4) and sys.argv[3:] in ([], ["--single"]):
        sys.exit(0 if validate(sys.argv[1], int(sys.argv[2]), sys.argv[3:] == ["--single"]) else 1)
    else:
        sys.exit(__doc__)
