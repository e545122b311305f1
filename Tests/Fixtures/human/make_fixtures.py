#!/usr/bin/env python3
"""Makes the fixtures of the comparison with human recordings (HumanComparisonTests).

Usage: Tests/Fixtures/human/make_fixtures.py HUMAM ORIGINAL_CLONE

1. ks_cases.json: pairs of samples (continuous, tied like rates in 0.5 steps, equal, disjoint,
   tiny) and scipy.stats.ks_2samp's statistic for each.
2. nest-run/: a NEST run of the humam network at scaling 0.01, chi 1, 4600 ms (one 2-s snippet,
   (2500, 4500) ms), made with `HUMAM export nest` and its run_nest.py (NEST 3), cut down to the
   spikes of one area: the one with the most neurons firing at least 10 times in the snippet
   (caudal anterior cingulate, the paper's, is nearly silent in this small network)
   (population_GIDs.dat, spikes/*.dat in NEST's layout, sim.yaml with t_sim); and
   nest-run-expected.json: rates, CV and LvR of that snippet computed with the original's helper
   lvr_from_isi (imported from ORIGINAL_CLONE/src) and numpy, as the original's
   src/compute_scaling_experiments.py does for its per-state distributions.
Needs numpy, scipy, nest-simulator and the original's helper module's imports (pandas, pyyaml).
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from scipy.stats import ks_2samp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
T_SIM = 4600.0


def ks_cases():
    rng = np.random.default_rng(2903)
    pairs = [
        ("continuous", rng.normal(1.0, 0.3, 500), rng.lognormal(0.0, 0.4, 700)),
        ("tied rates", rng.integers(1, 40, 300) / 2.0, rng.integers(1, 60, 1000) / 2.0),
        ("equal", np.array([0.5, 1.0, 1.0, 2.5]), np.array([0.5, 1.0, 1.0, 2.5])),
        ("disjoint", np.array([1.0, 2.0]), np.array([3.0, 4.0, 5.0])),
        ("tiny", np.array([1.5]), np.array([0.5, 1.5, 3.0])),
    ]
    cases = [{"name": name, "first": a.tolist(), "second": b.tolist(), "statistic": float(ks_2samp(a, b).statistic)}
             for name, a, b in pairs]
    with open(os.path.join(HERE, "ks_cases.json"), "w", encoding="utf-8") as file:
        json.dump(cases, file)


def nest_run(humam, clone):
    sys.path.insert(0, os.path.join(clone, "src"))
    from compute_scaling_experiments_helpers import lvr_from_isi  # the original's helper

    work = tempfile.mkdtemp()
    try:
        export = os.path.join(work, "export")
        subprocess.run([humam, "export", "nest", "--data", os.path.join(ROOT, "notebooks-data"), "--scaling", "0.01",
                        "--t-sim", str(T_SIM), "--seed", "2903", "--out", export], check=True)
        run = os.path.join(work, "run")
        subprocess.run([sys.executable, os.path.join(export, "run_nest.py"), "--out", run], check=True)
        with open(os.path.join(run, "population_GIDs.dat"), encoding="utf-8") as file:
            gid_lines = file.read().splitlines()
        area_of = {}
        for line in gid_lines:
            label, first, last = line.rsplit(";", 2)
            area = label.split("'")[1]
            area_of.update({gid: area for gid in range(int(first), int(last) + 1)})
        spike_files = sorted(glob.glob(os.path.join(run, "spikes", "*.dat")))
        trains = {gid: [] for gid in area_of}
        for path in spike_files:
            with open(path, encoding="utf-8") as file:
                for line in file:
                    fields = line.split()
                    if len(fields) == 2 and fields[0].isdigit():
                        trains[int(fields[0])].append(float(fields[1]))
        start, stop = 2500.0, 4500.0

        def snippet(gid):
            st = np.sort(np.array(trains[gid]))
            return st[(st > start) & (st < stop)]

        busy = {}
        for gid in trains:
            if snippet(gid).size >= 10:
                busy[area_of[gid]] = busy.get(area_of[gid], 0) + 1
        chosen = max(sorted(busy), key=lambda area: busy[area])
        area_gids = {gid for gid, area in area_of.items() if area == chosen}
        out = os.path.join(HERE, "nest-run")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(os.path.join(out, "spikes"))
        shutil.copy(os.path.join(run, "population_GIDs.dat"), out)
        with open(os.path.join(out, "sim.yaml"), "w", encoding="utf-8") as file:
            file.write(f"t_sim: {T_SIM}\n")
        for path in spike_files:
            with open(path, encoding="utf-8") as file:
                kept = [line for line in file
                        if not (len(line.split()) == 2 and line.split()[0].isdigit()) or int(line.split()[0]) in area_gids]
            with open(os.path.join(out, "spikes", os.path.basename(path)), "w", encoding="utf-8") as file:
                file.writelines(kept)
        rates, cv, lvr = [], [], []
        start, stop = 2500.0, 4500.0
        for gid in sorted(area_gids):
            st = snippet(gid)
            rate = st.size / 2.0
            if rate >= 0.5:
                rates.append(rate)
            if st.size >= 10:
                isi = np.diff(st)
                if isi.min() > 0:
                    cv.append(float(np.std(isi) / np.mean(isi)))
                    lvr.append(float(lvr_from_isi(isi, tau_r=2.0)))
        with open(os.path.join(HERE, "nest-run-expected.json"), "w", encoding="utf-8") as file:
            json.dump({"area": chosen, "t_sim": T_SIM, "neurons": len(area_gids), "rates": rates, "cv": cv, "lvr": lvr}, file)
        print(f"{chosen}: {len(area_gids)} neurons, {len(rates)} rates, {len(cv)} CV/LvR values")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(arguments):
    if len(arguments) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    ks_cases()
    nest_run(*arguments)


if __name__ == "__main__":
    main(sys.argv[1:])
