"""Networks built directly in NEST 3 (needs `import nest`, numpy, pandas), for scripts/validate-nest.

  nest_reference.py deterministic FOLDER
      The two-area network without Poisson input that humam's test exportDeterministicNetworkForNEST
      writes into FOLDER (neurons.csv: initial potentials and DC; synapses.csv: every synapse
      with its weight and delay in steps; spikes_humam.csv: humam's spikes), built neuron for
      neuron and synapse for synapse in NEST (iaf_psc_exp, 0.1 ms, one_to_one), simulated for
      300 ms as the test does; exit 1 unless the two spike lists are identical.
  nest_reference.py notebook SEED THREADS T_SIM_MS RATES.csv [--areas K]
      The notebook's down-scaled network built from the original's tables in
      Tests/Fixtures/downscaled/ the way the original's Simulation.setup connects it
      (fixed_total_number, normal weights clipped at 0 keeping the sign, lognormal delays
      clipped at 0.1 ms, one Poisson generator per population connected all-to-all, initial
      V_m ~ Normal(-150, 50) mV), simulated with another seed; per-population rates
      (500 ms <= t < T_SIM_MS) into RATES.csv. It measures how much NEST itself varies between
      seeds, the yardstick for humam's rates. --areas K builds only the first K areas
      (alphabetically) and the pathways among them: a small network for --check.

Measured (2026-11-26, NEST 3.10, 2000 ms): seeds 1 and 2 give 1,470,974 and 1,386,724 spikes
(reference run 1,509,225), a mean rate over populations of 48.92 and 47.01 spikes/s (reference
50.72) and rates that correlate with the reference run at 0.959 and 0.974. humam over 10 seeds:
1,404,630 .. 1,508,954 spikes, mean over populations 47.59 .. 50.25 spikes/s, correlation with
the reference 0.953 .. 0.972. The reference run lies at the top of both simulators' spread; a
5 % bound on the mean against it is met by a NEST run only half the time.
"""
import math
import sys

import numpy as np
import pandas as pd
import nest

nest.verbosity = nest.VerbosityLevel.WARNING
FIXTURES = "Tests/Fixtures/downscaled/"
KEY = ["area", "layer", "pop"]
NEURON = {"E_L": -70.0, "V_th": -45.0, "V_reset": -70.0, "tau_m": 10.0, "tau_syn_ex": 2.0,
          "tau_syn_in": 2.0, "t_ref": 2.0}


def deterministic(folder):
    neurons = pd.read_csv(f"{folder}/neurons.csv")
    synapses = pd.read_csv(f"{folder}/synapses.csv")
    humam = pd.read_csv(f"{folder}/spikes_humam.csv")
    nest.ResetKernel()
    nest.SetKernelStatus({"resolution": 0.1, "local_num_threads": 1})
    cells = nest.Create("iaf_psc_exp", len(neurons))
    for row in neurons.itertuples():
        cells[row.neuron].set(dict(NEURON, C_m=220.0 if row.cell_type == "E" else 100.0, I_e=float(row.I_e), V_m=float(row.V_m)))
    ids = np.array(cells.tolist())
    nest.Connect(ids[synapses.source.values], ids[synapses.target.values], "one_to_one",
                 {"synapse_model": "static_synapse", "weight": synapses.weight.values,
                  "delay": synapses.delay_steps.values * 0.1})
    recorder = nest.Create("spike_recorder")
    nest.Connect(cells, recorder)
    nest.Simulate(300.0)
    events = recorder.get("events")
    steps = np.rint(np.array(events["times"]) / 0.1).astype(int)
    ours = sorted(zip(humam.stamp, humam.neuron))
    theirs = sorted(zip(steps, np.array(events["senders"]) - ids[0]))
    print(f"{len(neurons)} neurons, {len(synapses)} synapses, 300 ms; spikes: humam {len(ours)}, NEST {len(theirs)}")
    if ours == theirs:
        print("identical spike lists (neuron and time step of every spike): PASS")
        return True
    first = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    print(f"spike lists differ from spike {first}: humam {ours[first:first + 3]}, NEST {theirs[first:first + 3]}: FAIL")
    return False


def lognormal(mean, rel_sd):
    return math.log(mean / math.sqrt(rel_sd ** 2 + 1)), math.sqrt(math.log(rel_sd ** 2 + 1))


def notebook(seed, threads, t_sim, output, areas=None):
    if t_sim <= 500:
        sys.exit("nest_reference.py: T_SIM_MS must exceed 500 (rates are counted from 500 ms)")
    neurons = pd.read_csv(FIXTURES + "neuron_numbers.csv").set_index(KEY)["N"]
    neurons = neurons[neurons > 0]
    if areas is not None:
        kept = sorted(set(neurons.index.get_level_values("area")))[:areas]
        neurons = neurons[neurons.index.get_level_values("area").isin(kept)]
    synapses = pd.read_csv(FIXTURES + "synapses_internal.csv")
    weights = pd.read_csv(FIXTURES + "weights_connected_only.csv")
    pathways = synapses.merge(weights, on=["target_area", "target_layer", "target_pop", "source_area", "source_layer", "source_pop"])
    external = pd.read_csv(FIXTURES + "synapses_external.csv").set_index(KEY)["synapses"]
    external_weights = pd.read_csv(FIXTURES + "weights_ext.csv").set_index(KEY)["weight_pA"]
    external_rates = pd.read_csv(FIXTURES + "rate_ext.csv").set_index(KEY)["rate_hz"]
    dc = pd.read_csv(FIXTURES + "dc_drive.csv").set_index(KEY)["dc_pA"]
    delay_cc = pd.read_csv("Tests/Fixtures/fullscale/delay_cc.csv").set_index("target_area")

    nest.ResetKernel()
    nest.SetKernelStatus({"resolution": 0.1, "rng_seed": seed, "local_num_threads": threads})
    populations = {}
    for label, count in neurons.items():
        population = nest.Create("iaf_psc_exp", int(count))
        population.set(dict(NEURON, C_m=220.0 if label[2] == "E" else 100.0, I_e=float(dc[label])))
        population.V_m = nest.random.normal(mean=-150.0, std=50.0)
        populations[label] = population
        generator = nest.Create("poisson_generator", params={"rate": float(external_rates[label] * external[label] / count)})
        w = float(external_weights[label])
        nest.Connect(generator, population, "all_to_all",
                     {"synapse_model": "static_synapse", "delay": 0.1,
                      "weight": nest.math.max(nest.random.normal(mean=w, std=abs(w) * 0.1), 0.0)})
    for row in pathways.itertuples():
        target = (row.target_area, row.target_layer, row.target_pop)
        source = (row.source_area, row.source_layer, row.source_pop)
        if row.synapses <= 0 or row.weight_pA == 0 or target not in populations or source not in populations:
            continue
        mean = (1.5 if row.source_pop == "E" else 0.75) if row.target_area == row.source_area else float(delay_cc.loc[row.target_area, row.source_area])
        mu, sigma = lognormal(mean, 0.5)
        w = float(row.weight_pA)
        normal = nest.random.normal(mean=w, std=abs(w) * 0.1)
        nest.Connect(populations[source], populations[target], {"rule": "fixed_total_number", "N": int(row.synapses)},
                     {"synapse_model": "static_synapse",
                      "delay": nest.math.max(nest.random.lognormal(mean=mu, std=sigma), 0.1),
                      "weight": nest.math.min(normal, 0.0) if w < 0 else nest.math.max(normal, 0.0)})

    recorder = nest.Create("spike_recorder")
    for population in populations.values():
        nest.Connect(population, recorder)
    nest.Simulate(float(t_sim))
    events = recorder.get("events")
    senders, times = np.array(events["senders"]), np.array(events["times"])
    late = senders[(times >= 500) & (times < t_sim)]
    with open(output, "w", encoding="utf-8") as table:
        table.write("area,layer,pop,rate_hz\n")
        for label, population in populations.items():
            first, last = population[0].global_id, population[-1].global_id
            count = np.count_nonzero((late >= first) & (late <= last))
            table.write(f"{label[0]},{label[1]},{label[2]},{count / len(population) / ((t_sim - 500) / 1000)}\n")
    print(f"NEST seed {seed}: {sum(len(p) for p in populations.values())} neurons, {len(senders)} spikes; "
          f"rates (t >= 500 ms) in {output}")


def main(arguments):
    if arguments[:1] == ["deterministic"] and len(arguments) == 2:
        return 0 if deterministic(arguments[1]) else 1
    if arguments[:1] == ["notebook"] and len(arguments) in (5, 7):
        areas = int(arguments[6]) if len(arguments) == 7 and arguments[5] == "--areas" else None
        if len(arguments) == 7 and areas is None:
            sys.exit(__doc__)
        notebook(int(arguments[1]), int(arguments[2]), float(arguments[3]), arguments[4], areas)
        return 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
