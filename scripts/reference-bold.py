#!/usr/bin/env python3
"""Reference BOLD signals for humam's Balloon-Windkessel test (Tests/AnalysisTests/BOLDSignalTests).

Integrates Friston et al. 2003's hemodynamic equations (constants of the original's computeBOLD)
for three areas of the down-scaled reference run, driven by their rate histograms
(Tests/Fixtures/downscaled/rate_hist_areas.csv, spikes/ms -> spikes/s, linearly interpolated),
with scipy's DOP853 at rtol 1e-11 and steps <= 1 ms, i.e. far more accurately than the
original's solve_ivp(RK45) at default tolerances (rtol 1e-3, up to ~4 % off).
Writes Tests/Fixtures/analysis/bold_reference.csv (time_ms, one column per area).
Usage: scripts/reference-bold.py [--check]   (numpy, scipy)
  --check: computes the signals and checks them against the committed file, writing nothing:
  within 1e-6 of each signal's range, the bound BOLDSignalTests allows humam. (Regenerated here
  with scipy 1.17.1 and numpy 2.4.6 they differ from the committed ones by up to 2e-7 of the
  range: the linearly interpolated drive has a kink every 1 ms, which limits DOP853's accuracy
  and makes it depend on the step sequence.)
"""
import csv
import os
import sys

import numpy as np
from scipy.integrate import solve_ivp

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = list(csv.reader(open(os.path.join(root, 'Tests/Fixtures/downscaled/rate_hist_areas.csv'))))
areas = rows[0][1:]
rates = np.array([[float(x) for x in row[1:]] for row in rows[1:]]) * 1000.0
chosen = ['bankssts', 'frontalpole', 'pericalcarine']
eps, kappa, gamma, tau, alpha, rho, v0 = 1.0, 0.65, 0.41, 0.98, 0.32, 0.34, 0.02


def bold(rate):
    t = np.arange(len(rate)) / 1000.0

    def rhs(time, w):
        s, f, v, q = w
        outflow = v ** (1 / alpha)
        return [eps * np.interp(time, t, rate) - kappa * s - gamma * (f - 1), s, (f - outflow) / tau,
                (f * (1 - (1 - rho) ** (1 / f)) / rho - outflow * q / v) / tau]

    solution = solve_ivp(rhs, (t[0], t[-1]), [0, 1, 1, 1], t_eval=t, method='DOP853',
                         rtol=1e-11, atol=1e-13, max_step=0.001)
    _, _, v, q = solution.y
    return v0 * (7 * rho * (1 - q) + 2 * (1 - q / v) + (2 * rho - 0.2) * (1 - v))


signals = [bold(rates[:, areas.index(area)]) for area in chosen]
path = os.path.join(root, 'Tests/Fixtures/analysis/bold_reference.csv')
if sys.argv[1:] == ['--check']:
    committed = np.loadtxt(path, delimiter=',', skiprows=1)
    if committed.shape != (rates.shape[0], len(chosen) + 1):
        sys.exit(f'error: {path} has {committed.shape} values, expected {(rates.shape[0], len(chosen) + 1)}')
    worst = [np.max(np.abs(s - committed[:, i + 1])) / np.max(np.abs(committed[:, i + 1])) for i, s in enumerate(signals)]
    if max(worst) > 1e-6:
        sys.exit(f'error: the BOLD signals differ from {path} by up to {max(worst):.1e} of their range (bound 1e-6)')
    print(f'--check: {len(chosen)} BOLD signals of {rates.shape[0]} ms agree with {os.path.relpath(path, root)} '
          f'to {max(worst):.1e} of their range (bound 1e-6)')
    sys.exit(0)
elif sys.argv[1:]:
    sys.exit(__doc__)
with open(path, 'w') as out:
    out.write('time_ms,' + ','.join(chosen) + '\n')
    for k in range(rates.shape[0]):
        out.write(f'{float(k)},' + ','.join(repr(float(s[k])) for s in signals) + '\n')
