"""Population rates of a humam run against a reference (the full-scale mean-field theory).

Shared by the scripts that compare rates (through tables.py). Rates files are
`area,layer,population,rate_hz`; neuron numbers come from a run folder's population_GIDs.dat.
"""
import csv
import math
import statistics

FLOOR_HZ = 0.01  # rates below count as 0.01 Hz in log ratios (silent populations)


def read_rates(path):
    """(area, layer, population) -> rate_hz; the population column is `population` or, in the
    original's tables, `pop`."""
    with open(path, encoding='utf-8') as file:
        return {(r['area'], r['layer'], r.get('population') or r['pop']): float(r['rate_hz']) for r in csv.DictReader(file)}


def read_neuron_numbers(run_folder):
    """Neurons per population from population_GIDs.dat: `('area', 'layer', 'pop');first;last`."""
    numbers = {}
    with open(f'{run_folder}/population_GIDs.dat', encoding='utf-8') as file:
        for line in file:
            label, first, last = line.strip().rsplit(';', 2)
            key = tuple(part.strip().strip("'") for part in label.strip('()').split(','))
            numbers[key] = int(last) - int(first) + 1
    return numbers


def compare(rates, reference, neurons=None):
    """Mean over populations, mean per neuron (if neuron numbers are given), mean |log10 ratio|
    and the correlation of log10 rates, over the reference's populations."""
    keys = sorted(reference)
    simulated = [math.log10(max(rates[k], FLOOR_HZ)) for k in keys]
    predicted = [math.log10(max(reference[k], FLOOR_HZ)) for k in keys]
    result = {
        'mean_over_populations_hz': statistics.mean(rates[k] for k in keys),
        'reference_mean_over_populations_hz': statistics.mean(reference[k] for k in keys),
        'mean_abs_log10_ratio': statistics.mean(abs(a - b) for a, b in zip(simulated, predicted)),
        'log_rate_correlation': statistics.correlation(simulated, predicted) if len(set(simulated)) > 1 else float('nan'),
    }
    if neurons:
        total = sum(neurons[k] for k in keys)
        result['mean_per_neuron_hz'] = sum(rates[k] * neurons[k] for k in keys) / total
        result['reference_mean_per_neuron_hz'] = sum(reference[k] * neurons[k] for k in keys) / total
    return result
