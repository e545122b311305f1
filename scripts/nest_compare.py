#!/usr/bin/env python3
"""Helpers for scripts/validate-nest.sh and scripts/bench-nest (numpy only).

  nest_compare.py substitute EXPORT_DIR REFERENCE_DIR OUT_DIR
      Copy an export of the notebook network and put the original's own tables (synapse numbers,
      external synapses, external rates, DC drive from REFERENCE_DIR = humam-reference/downscaled)
      into its network.json, so that NEST gets the original's numbers bit for bit.
  nest_compare.py same-spikes RUN_DIR REFERENCE_SPIKES_TSV_GZ
      Exit 0 if the run's spikes equal the reference spikes (sender and time, in order).
  nest_compare.py same-rates TABLE REFERENCE_TABLE
      Exit 0 if two area,layer,population,rate_hz tables hold the same numbers.
  nest_compare.py rates RUN_A RUN_B [--label-a A --label-b B]
      Per-population mean rates (t >= 500 ms, as the original's analysis) of two run folders,
      their correlation and median relative difference; exit 1 if they differ more than two
      NEST runs with different random streams do.
  nest_compare.py summary RUN_DIR
      One line: setup s, simulate s, peak memory MB, spikes (from run.json).

A run folder is NEST's (spikes/*.dat, NEST ASCII) or humam's (spikes/*.bin or *.bin: headerless
little-endian (int32 GID, int32 step) pairs, sim_resolution from run.json), plus
population_GIDs.dat and run.json.
"""

import csv
import glob
import gzip
import json
import os
import shutil
import sys

import numpy


def fail(message):
    sys.stderr.write("nest_compare.py: %s\n" % message)
    sys.exit(1)


def read_table(path, key_columns):
    with open(path, encoding="utf-8") as file:
        reader = csv.reader(file)
        next(reader)
        return {tuple(row[:key_columns]): row[key_columns] for row in reader}


def substitute(export_dir, reference_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    shutil.copyfile(os.path.join(export_dir, "run_nest.py"), os.path.join(out_dir, "run_nest.py"))
    with open(os.path.join(export_dir, "network.json"), encoding="utf-8") as file:
        description = json.load(file)
    populations, pathways = description["populations"], description["pathways"]

    def label(position):
        return (populations["area"][position], populations["layer"][position], populations["population"][position])

    internal = read_table(os.path.join(reference_dir, "synapses_internal.csv"), 6)
    changed = 0
    for index in range(len(pathways["synapses"])):
        key = label(pathways["target"][index]) + label(pathways["source"][index])
        if key not in internal:
            fail("pathway %s is not in the reference" % (key,))
        value = int(float(internal[key]))
        changed += value != pathways["synapses"][index]
        pathways["synapses"][index] = value
    if len(internal) != len(pathways["synapses"]):
        fail("reference has %d pathways, export %d" % (len(internal), len(pathways["synapses"])))
    for name, column, kind in (("synapses_external.csv", "external_synapses", lambda text: int(float(text))),
                               ("rate_ext.csv", "external_rate_per_synapse_hz", float),
                               ("dc_drive.csv", "dc_drive_pA", float)):
        table = read_table(os.path.join(reference_dir, name), 3)
        for position in range(len(populations["neurons"])):
            populations[column][position] = kind(table[label(position)])
    description["totals"]["synapses"] = sum(pathways["synapses"])
    with open(os.path.join(out_dir, "network.json"), "w", encoding="utf-8") as file:
        json.dump(description, file)
    print("substituted the original's tables (%d pathways had other synapse numbers)" % changed)


def nest_spikes(run_dir):
    """Spikes of NEST ASCII files (one per virtual process), concatenated in file-name order."""
    columns = [read_ascii(path) for path in sorted(glob.glob(os.path.join(run_dir, "spikes", "*.dat")))]
    return numpy.concatenate([c[0] for c in columns]), numpy.concatenate([c[1] for c in columns])


def read_ascii(path):
    senders, times = [], []
    with open(path, encoding="utf-8") as file:
        for line in file:
            if not line[:1].isdigit():
                continue  # '#' comments and the 'sender time_ms' header
            sender, time = line.split()
            senders.append(int(sender))
            times.append(float(time))
    return numpy.array(senders, dtype=numpy.int64), numpy.array(times)


def humam_spikes(run_dir, resolution):
    files = sorted(glob.glob(os.path.join(run_dir, "spikes", "*.bin")) + glob.glob(os.path.join(run_dir, "*.bin")))
    if not files:
        fail("%s has neither spikes/*.dat (NEST) nor *.bin spike files (humam)" % run_dir)
    pairs = numpy.concatenate([numpy.fromfile(path, dtype="<i4").reshape(-1, 2) for path in files])
    return pairs[:, 0].astype(numpy.int64), pairs[:, 1] * resolution


def run_spikes(run_dir):
    if glob.glob(os.path.join(run_dir, "spikes", "*.dat")):
        return nest_spikes(run_dir)
    with open(os.path.join(run_dir, "run.json"), encoding="utf-8") as file:
        resolution = json.load(file)["sim_params"]["sim_resolution"]
    return humam_spikes(run_dir, resolution)


def population_ranges(run_dir):
    labels, first, last = [], [], []
    with open(os.path.join(run_dir, "population_GIDs.dat"), encoding="utf-8") as file:
        for line in file:
            label, low, high = line.strip().rsplit(";", 2)
            labels.append(label)
            first.append(int(low))
            last.append(int(high))
    return labels, numpy.array(first), numpy.array(last)


def population_rates(run_dir, start=500.0):
    with open(os.path.join(run_dir, "run.json"), encoding="utf-8") as file:
        stop = float(json.load(file)["sim_params"]["t_sim"])
    labels, first, last = population_ranges(run_dir)
    senders, times = run_spikes(run_dir)
    window = (times >= start) & (times < stop)
    positions = numpy.searchsorted(first, senders[window], side="right") - 1
    counts = numpy.bincount(positions, minlength=len(labels))
    return labels, counts / (last - first + 1) / ((stop - start) / 1000.0)


# Two NEST runs of the notebook network that differ only in their random streams: population
# rates correlate at 0.964 with a median relative difference of 14 % (humam-reference README,
# downscaled/). Two valid simulations of the same network should be at least that close.
MINIMUM_CORRELATION = 0.95
MAXIMUM_MEDIAN_RELATIVE_DIFFERENCE = 0.20


def compare_rates(run_a, run_b, label_a, label_b):
    labels_a, rates_a = population_rates(run_a)
    labels_b, rates_b = population_rates(run_b)
    if labels_a != labels_b:
        fail("the two runs have different populations")
    correlation = numpy.corrcoef(rates_a, rates_b)[0, 1]
    both = rates_b > 0
    relative = numpy.abs(rates_a[both] - rates_b[both]) / rates_b[both]
    print("%s mean rate %.3f spikes/s, %s %.3f spikes/s; population rates: correlation %.4f, "
          "median relative difference %.3f, max %.3f (%d populations)"
          % (label_a, rates_a.mean(), label_b, rates_b.mean(), correlation, numpy.median(relative),
             relative.max(), len(labels_a)))
    if correlation < MINIMUM_CORRELATION or numpy.median(relative) > MAXIMUM_MEDIAN_RELATIVE_DIFFERENCE:
        print("FAIL: outside the spread of two valid simulations (correlation >= %.2f, median <= %.2f)"
              % (MINIMUM_CORRELATION, MAXIMUM_MEDIAN_RELATIVE_DIFFERENCE))
        sys.exit(1)
    print("ok: within the spread of two valid simulations of this network")


def same_rates(table, reference):
    """Exit 0 if the rate_hz column of `table` equals the reference's, population by population."""
    def rates(path):
        with open(path, encoding="utf-8") as file:
            reader = csv.DictReader(file)
            population = "population" if "population" in reader.fieldnames else "pop"
            return {(row["area"], row["layer"], row[population]): float(row["rate_hz"]) for row in reader}
    ours, theirs = rates(table), rates(reference)
    same = ours == theirs
    print("%d population rates, reference %d: %s" % (len(ours), len(theirs), "identical" if same else "DIFFERENT"))
    sys.exit(0 if same else 1)


def same_spikes(run_dir, reference):
    senders, times = run_spikes(run_dir)
    with gzip.open(reference, "rt") as file:
        next(file)
        table = numpy.loadtxt(file, ndmin=2)
    same = len(senders) == len(table) and numpy.array_equal(senders, table[:, 0]) \
        and numpy.array_equal(numpy.round(times, 3), numpy.round(table[:, 1], 3))
    print("%d spikes, reference %d: %s" % (len(senders), len(table), "identical" if same else "DIFFERENT"))
    sys.exit(0 if same else 1)


def summary(run_dir):
    with open(os.path.join(run_dir, "run.json"), encoding="utf-8") as file:
        record = json.load(file)
    print("%s %s %.0f %s" % (record["setup_seconds"], record["simulate_seconds"], record["peak_memory_bytes"] / 1e6,
                             record["spikes"]))


def main(arguments):
    if not arguments:
        fail("usage: see the docstring (python3 scripts/nest_compare.py --help)")
    if arguments[0] in ("-h", "--help"):
        print(__doc__)
    elif arguments[0] == "substitute" and len(arguments) == 4:
        substitute(*arguments[1:])
    elif arguments[0] == "same-rates" and len(arguments) == 3:
        same_rates(*arguments[1:])
    elif arguments[0] == "same-spikes" and len(arguments) == 3:
        same_spikes(*arguments[1:])
    elif arguments[0] == "rates" and len(arguments) in (3, 7):
        labels = dict(zip(arguments[3::2], arguments[4::2]))
        compare_rates(arguments[1], arguments[2], labels.get("--label-a", "A"), labels.get("--label-b", "B"))
    elif arguments[0] == "summary" and len(arguments) == 2:
        summary(arguments[1])
    else:
        fail("unknown or incomplete command %r; see --help" % " ".join(arguments))


if __name__ == "__main__":
    main(sys.argv[1:])
