"""A humam run folder (or the original's NEST output folder) as Python objects."""

import os

import numpy as np

from . import files
from .files import pd

#: humam's and the original's start of the rate window, ms (the initial transient is left out).
NOTEBOOK_RATE_WINDOW_START_MS = 500.0


def read_run(path, t_sim_ms=None):
    """Open the run folder ``path``: humam's (``spikes.bin``) or the original's NEST output
    (``spikes/*.dat``); both need ``population_GIDs.dat``. ``t_sim_ms`` (ms) is needed only for
    a folder that records no simulated time (spikes.bin, run.json, sim_run_info.json, sim.yaml)
    and must agree with a recorded one. Files are read when first used."""
    return Run(path, t_sim_ms)


class Run:
    """One simulation's output. Times are in ms, rates in spikes/s per neuron, neuron ids are NEST
    global ids (1-based, as in ``population_GIDs.dat``). Tables are pandas DataFrames when pandas
    is installed, else numpy structured arrays with the same column names."""

    def __init__(self, path, t_sim_ms=None):
        self.path = os.fspath(path)
        if not os.path.isfile(self._file("population_GIDs.dat")):
            raise FileNotFoundError(f"{self._file('population_GIDs.dat')}: does not exist; "
                                    f"is {self.path} a simulation output folder?")
        # spikes.bin is memory-mapped and checked now; the NEST ASCII files are read when first used.
        self._header, self._records = None, None
        if os.path.exists(self._file("spikes.bin")):
            self._header, self._records = files.read_spike_file(self._file("spikes.bin"))
        recorded = self._header["t_sim_ms"] if self._header else self._recorded(("t_sim_ms", "t_sim"))
        if t_sim_ms is not None and recorded is not None and float(t_sim_ms) != recorded:
            raise ValueError(f"{self.path}: records a simulated time of {recorded} ms; t_sim_ms={t_sim_ms} contradicts it")
        # Simulated time, ms (None where neither the folder nor the caller gives it).
        self.t_sim_ms = recorded if recorded is not None else t_sim_ms
        self._cache = {}

    def _file(self, *names):
        return os.path.join(self.path, *names)

    def _recorded(self, keys):
        """A number under one of ``keys`` in run.json (or its sim_params), the original's
        sim_run_info.json or ``key: value`` lines of its sim.yaml, as humam looks for it."""
        for name in ("run.json", "sim_run_info.json"):
            if os.path.isfile(self._file(name)):
                record = files.read_json(self._file(name))
                for key in keys:
                    for source in (record, record.get("sim_params", {})):
                        if isinstance(source.get(key), (int, float)):
                            return float(source[key])
        if os.path.isfile(self._file("sim.yaml")):
            with open(self._file("sim.yaml"), encoding="utf-8") as file:
                for line in file:
                    key, _, value = line.partition(":")
                    if key.strip() in keys:
                        try:
                            return float(value)
                        except ValueError:
                            pass
        return None

    def _once(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def resolution_ms(self):
        """Simulation time step, ms: from spikes.bin, else the record, else NEST's 0.1."""
        if self._header:
            return self._header["resolution_ms"]
        recorded = self._recorded(("resolution_ms", "sim_resolution"))
        return 0.1 if recorded is None else recorded

    @property
    def record(self):
        """``run.json`` as a dict (parameters, hashes, timings, counts; see README), or None for a
        folder without one (the original's NEST output)."""
        return self._once("record", lambda: files.read_json(self._file("run.json"))
                          if os.path.isfile(self._file("run.json")) else None)

    @property
    def populations(self):
        """``population_GIDs.dat``: area, layer, population (E/I), first_gid, last_gid (inclusive)
        and neurons, one row per non-empty population in file order."""
        return self._once("populations", lambda: files.read_population_gids(self._file("population_GIDs.dat")))

    @property
    def spike_records(self):
        """The raw records of ``spikes.bin``, memory-mapped (dtype ``files.SPIKE_FILE_RECORD``:
        0-based ``neuron``, ``stamp`` in steps of ``resolution_ms``); None without spikes.bin."""
        return self._records

    @property
    def spikes(self):
        """Every spike, one element per spike in the file's order (spikes.bin: time, then neuron),
        as a structured array of dtype ``files.SPIKES``: ``gid`` (NEST global id) and ``time_ms``
        (ms). Read from spikes.bin, else from the NEST ASCII files ``spikes/*.dat``."""
        def make():
            if self._records is None:
                return files.read_nest_spike_files(self._file("spikes"))
            records = self.spike_records
            spikes = np.empty(len(records), dtype=files.SPIKES)
            spikes["gid"] = records["neuron"] + 1
            spikes["time_ms"] = files.stamps_to_ms(records["stamp"], self.resolution_ms)
            return spikes
        return self._once("spikes", make)

    def _population_rows(self, area=None, layer=None, population=None):
        table = self.populations
        mask = np.ones(len(table), dtype=bool)
        for column, value in (("area", area), ("layer", layer), ("population", population)):
            if value is not None:
                mask &= np.asarray(table[column]) == value
        if not mask.any():
            raise KeyError(f"{self._file('population_GIDs.dat')} has no population {area}/{layer}/{population}")
        return [(str(table["area"][i]), str(table["layer"][i]), str(table["population"][i]),
                 int(table["first_gid"][i]), int(table["last_gid"][i])) for i in np.flatnonzero(mask)]

    def spikes_of(self, area, layer=None, population=None):
        """The spikes (dtype ``files.SPIKES``, file order) of the neurons of one area, or of one
        layer or one population (``'E'``/``'I'``) of it, e.g. ``spikes_of('lingual', 'IV', 'E')``;
        a layer is ``'II/III'``, ``'IV'``, ``'V'`` or ``'VI'``."""
        gids = self.spikes["gid"]
        mask = np.zeros(len(gids), dtype=bool)
        for *_, first, last in self._population_rows(area, layer, population):
            mask |= (gids >= first) & (gids <= last)
        return self.spikes[mask]

    def population_rates(self, t_start_ms=None, t_stop_ms=None):
        """Rates per population, spikes/s per neuron, as humam computes them (rates.csv, humam
        analyze): spikes with ``t_start_ms <= t < t_stop_ms`` per neuron per second of the window.
        Default window: run.json's ``rate_window_start_ms`` (else 500 ms, or 0 for runs of
        500 ms or less) to the simulated time. Same columns as ``rates``."""
        if t_stop_ms is None:
            if self.t_sim_ms is None:
                raise ValueError(f"{self.path}: records no simulated time; give t_sim_ms to read_run or t_stop_ms here")
            t_stop_ms = self.t_sim_ms
        if t_start_ms is None:
            record = self.record or {}
            t_start_ms = record.get("rate_window_start_ms",
                                    NOTEBOOK_RATE_WINDOW_START_MS if t_stop_ms > NOTEBOOK_RATE_WINDOW_START_MS else 0.0)
        table = self.populations
        first = np.asarray(table["first_gid"])
        last = np.asarray(table["last_gid"])
        neurons = np.asarray(table["neurons"])
        order = np.argsort(first)
        spikes = self.spikes
        window = spikes[(spikes["time_ms"] >= t_start_ms) & (spikes["time_ms"] < t_stop_ms)]["gid"]
        slot = np.searchsorted(first[order], window, side="right") - 1
        inside = (slot >= 0) & (window <= last[order][np.maximum(slot, 0)])
        counts = np.zeros(len(first), dtype=np.int64)
        counts[order] = np.bincount(slot[inside], minlength=len(first))
        seconds = (t_stop_ms - t_start_ms) / 1000
        rates = counts / neurons / seconds if seconds > 0 else np.full(len(first), np.nan)
        columns = {"area": table["area"], "layer": table["layer"], "population": table["population"], "rate_hz": rates}
        if pd is not None:
            return pd.DataFrame({key: np.asarray(value) for key, value in columns.items()})
        return np.array(list(zip(*columns.values())),
                        dtype=[("area", "U64"), ("layer", "U64"), ("population", "U64"), ("rate_hz", "<f8")])

    @property
    def rates(self):
        """``rates.csv``: area, layer, population, rate_hz (spikes/s per neuron from
        ``record['rate_window_start_ms']`` to the simulated time), one row per non-empty population."""
        return self._once("rates", lambda: files.read_table(self._file("rates.csv")))

    def analysis(self, name, folder="analysis"):
        """A table of ``humam analyze`` or ``humam fc`` in ``<run>/analysis`` (or ``folder``, where
        they were written with ``--out``): ``population_statistics`` (rate_hz spikes/s, cv_isi,
        lvr, spike_count_correlation; empty = undefined, NaN here), ``rate_histogram_areas`` and
        ``rate_histogram_populations`` (time_ms × spikes/s, 1 ms bins), ``syn_current_areas``
        (time_ms × area input current, pA), or ``fc_comparison.json`` (a dict)."""
        path = os.path.join(self.path, folder, name if os.path.splitext(name)[1] else name + ".csv")
        if not os.path.isfile(path):
            command = "humam fc" if "fc" in name or "syn_current" in name else "humam analyze"
            raise FileNotFoundError(f"{path}: does not exist; `{command} --run {self.path}` writes it")
        return files.read_json(path) if path.endswith(".json") else files.read_table(path)

    def fc(self, folder="analysis"):
        """The simulated FC of ``humam fc`` (``fc_synaptic.csv``: Pearson correlation of the area
        input currents), area × area with labels; see ``files.read_fc``."""
        path = os.path.join(self.path, folder, "fc_synaptic.csv")
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{path}: does not exist; `humam fc --run {self.path}` writes it")
        return files.read_fc(path)

    def spiketrains(self, area, layer=None, population=None):
        """Neo ``SpikeTrain``s (times in ms, t_stop the simulated time) for Elephant, one per neuron
        of the selected populations in GID order, also neurons without spikes; each annotated with
        gid, area, layer and population. Needs ``pip install 'humam[neo]'``."""
        try:
            import neo
            import quantities as pq
        except ImportError:
            raise ImportError("spiketrains() needs neo and quantities: pip install 'humam[neo]'") from None
        if self.t_sim_ms is None:
            raise ValueError(f"{self.path}: records no simulated time; give t_sim_ms to read_run")
        trains = []
        for area_name, layer_name, pop, first, last in self._population_rows(area, layer, population):
            spikes = self.spikes[(self.spikes["gid"] >= first) & (self.spikes["gid"] <= last)]
            order = np.argsort(spikes["gid"], kind="stable")
            gids, times = spikes["gid"][order], spikes["time_ms"][order]
            bounds = np.searchsorted(gids, np.arange(first, last + 2))
            for offset, gid in enumerate(range(first, last + 1)):
                trains.append(neo.SpikeTrain(times[bounds[offset]:bounds[offset + 1]] * pq.ms,
                                             t_start=0 * pq.ms, t_stop=self.t_sim_ms * pq.ms,
                                             gid=gid, area=area_name, layer=layer_name, population=pop))
        return trains

    def __repr__(self):
        source = "spikes/*.dat" if self._records is None else "spikes.bin"
        return f"<humam run {self.path} ({source}, t_sim {self.t_sim_ms} ms)>"
