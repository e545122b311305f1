"""The reader against humam's own outputs of the same run (conftest.py)."""

import os
import shutil

import numpy as np
import pytest

import humam
from humam import files, run as run_module

from conftest import FMRI_FC


def column(table, name):
    return np.asarray(table[name])


def labels(table):
    return list(zip(column(table, "area"), column(table, "layer"), column(table, "population")))


def test_spike_count_is_the_recorded_one(run):
    header, records = humam.read_spike_file(os.path.join(run.path, "spikes.bin"))
    assert len(run.spikes) == run.record["spikes"] == header["spikes"] == len(records)
    assert run.spikes.dtype == humam.SPIKES
    assert header["neurons"] == run.record["neurons"] == column(run.populations, "neurons").sum()
    assert header["t_sim_ms"] == run.t_sim_ms == run.record["sim_params"]["t_sim"]
    assert header["resolution_ms"] == run.record["sim_params"]["sim_resolution"]


def test_rates_from_the_spikes_are_humams(run):
    """Spikes with rate_window_start_ms <= t < t_sim per neuron per second, as rates.csv and
    humam analyze's population_statistics.csv (same window) have them."""
    assert run.record["rate_window_start_ms"] < run.t_sim_ms
    computed = run.population_rates()
    for table in (run.rates, run.analysis("population_statistics")):
        assert labels(computed) == labels(table)
        np.testing.assert_allclose(column(computed, "rate_hz"), column(table, "rate_hz"), rtol=1e-9, atol=0)
    np.testing.assert_array_equal(column(run.analysis("population_statistics"), "neurons"),
                                  column(run.populations, "neurons"))
    assert column(computed, "rate_hz").max() > 0


def test_spikes_lie_in_populations_and_time_order(run):
    first, last = column(run.populations, "first_gid"), column(run.populations, "last_gid")
    gids, times = run.spikes["gid"], run.spikes["time_ms"]
    slot = np.searchsorted(np.sort(first), gids, side="right") - 1
    assert (slot >= 0).all() and (gids <= np.sort(last)[slot]).all()
    assert (np.diff(times) >= 0).all()
    assert times.min() > 0 and times.max() <= run.t_sim_ms
    steps = times / run.resolution_ms
    np.testing.assert_allclose(steps, np.round(steps), rtol=0, atol=1e-6)


def test_spikes_of_populations_match_humams_histograms(run):
    """Per population, the spikes of spikes_of() over the whole run equal the counts behind
    humam analyze's rate histogram (1 ms bins from 0, spikes/s per neuron)."""
    histogram = run.analysis("rate_histogram_populations")
    bin_s = (column(histogram, "time_ms")[1] - column(histogram, "time_ms")[0]) / 1000
    end = column(histogram, "time_ms")[-1] + 1000 * bin_s
    total = 0
    for area, layer, population, neurons in zip(*(column(run.populations, c) for c in
                                                   ("area", "layer", "population", "neurons"))):
        spikes = run.spikes_of(area, layer, population)
        counted = column(histogram, f"{area}/{layer}/{population}").sum() * neurons * bin_s
        assert np.count_nonzero(spikes["time_ms"] < end) == round(counted), (area, layer, population)
        total += len(spikes)
    assert total == len(run.spikes)
    area = column(run.populations, "area")[0]
    assert len(run.spikes_of(area)) == sum(len(run.spikes_of(area, layer)) for layer in ("II/III", "IV", "V", "VI"))
    with pytest.raises(KeyError):
        run.spikes_of("no such area")


def test_fc_gives_humams_comparison(run):
    """The Pearson r of the simulated and the fMRI FC's lower triangles, areas matched by name,
    is the one humam fc wrote into fc_comparison.json."""
    pytest.importorskip("pandas")
    simulated, fmri = run.fc(), humam.read_fc(FMRI_FC)
    comparison = run.analysis("fc_comparison.json")
    assert list(simulated.index) == list(simulated.columns) == comparison["areas"]
    fmri = fmri.loc[simulated.index, simulated.columns]
    lower = np.tril_indices(len(simulated), -1)
    r = np.corrcoef(simulated.to_numpy()[lower], fmri.to_numpy()[lower])[0, 1]
    assert len(lower[0]) == comparison["pairs"]
    assert r == pytest.approx(comparison["pearson_r"], rel=1e-9)


def test_nest_ascii_files_give_the_same_spikes(run, tmp_path):
    """The NEST ASCII spike files humam wrote beside spikes.bin, read where spikes.bin is absent."""
    nest = tmp_path / "nest"
    nest.mkdir()
    for name in ("population_GIDs.dat", "run.json"):
        shutil.copy(os.path.join(run.path, name), nest / name)
    shutil.copytree(os.path.join(run.path, "spikes"), nest / "spikes")
    ascii_run = humam.read_run(nest)
    assert os.listdir(nest / "spikes") and ascii_run.spike_records is None
    np.testing.assert_array_equal(ascii_run.spikes, run.spikes)
    assert ascii_run.t_sim_ms == run.t_sim_ms
    np.testing.assert_allclose(column(ascii_run.population_rates(), "rate_hz"), column(run.rates, "rate_hz"),
                               rtol=1e-9, atol=0)


def damaged_copy(run, tmp_path, change):
    """A copy of spikes.bin changed by change(bytearray) -> bytes; returns its path."""
    data = bytearray(open(os.path.join(run.path, "spikes.bin"), "rb").read())
    path = tmp_path / "spikes.bin"
    path.write_bytes(change(data))
    return path


def patched(data, offset, value):
    data[offset:offset + len(value)] = value
    return bytes(data)


@pytest.mark.parametrize("change, message", [
    (lambda data: bytes(data[:-4]), "is it complete"),                   # cut inside a record
    (lambda data: bytes(data[:-8]), "is it complete"),                   # one record missing
    (lambda data: bytes(data[:20]), "48-byte header"),                   # cut inside the header
    (lambda data: patched(data, 0, b"HUMAMXXX"), "magic"),
    (lambda data: patched(data, 8, np.uint32(2).tobytes()), "version 2"),
    (lambda data: patched(data, 16, np.float64(0).tobytes()), "resolution"),
    (lambda data: patched(data, 40, np.uint64(0).tobytes()), "is it complete"),  # an unfinished writer's
    (lambda data: patched(data, 48, np.int32(-1).tobytes()), "out of range"),     # neuron index
    (lambda data: patched(data, 52, np.int32(1 << 30).tobytes()), "out of range"),  # stamp past t_sim
    (lambda data: patched(data, len(data) - 4, np.int32(1).tobytes()), "time order"),
])
def test_damaged_spike_files_are_refused(run, tmp_path, change, message):
    assert len(run.spikes) >= 2
    path = damaged_copy(run, tmp_path, change)
    with pytest.raises(ValueError, match=message) as error:
        humam.read_spike_file(path)
    assert str(path) in str(error.value)


def test_a_run_with_a_damaged_spike_file_is_refused(run, tmp_path):
    folder = tmp_path / "run"
    folder.mkdir()
    shutil.copy(os.path.join(run.path, "population_GIDs.dat"), folder)
    damaged_copy(run, folder, lambda data: bytes(data[:-3]))
    with pytest.raises(ValueError, match="spikes.bin"):
        humam.read_run(folder)


def test_tables_without_pandas(run, monkeypatch):
    """Without pandas, tables are structured arrays with the same columns and values."""
    pytest.importorskip("pandas")
    with_pandas = (run.populations, run.rates, run.analysis("population_statistics"))
    fc = run.fc()
    monkeypatch.setattr(files, "pd", None)
    monkeypatch.setattr(run_module, "pd", None)
    plain = humam.read_run(run.path)
    for frame, array in zip(with_pandas, (plain.populations, plain.rates, plain.analysis("population_statistics"))):
        assert isinstance(array, np.ndarray) and list(array.dtype.names) == list(frame.columns)
        for name in frame.columns:
            np.testing.assert_array_equal(np.asarray(array[name]), frame[name].to_numpy())
    np.testing.assert_array_equal(plain.population_rates()["rate_hz"], column(run.population_rates(), "rate_hz"))
    fc_labels, fc_matrix = plain.fc()
    assert fc_labels == list(fc.index)
    np.testing.assert_array_equal(fc_matrix, fc.to_numpy())


def test_neo_spiketrains(run):
    pq = pytest.importorskip("quantities")
    pytest.importorskip("neo")
    row = int(np.argmax(column(run.populations, "neurons") * (column(run.rates, "rate_hz") > 0)))
    area, layer, population, first, last = (column(run.populations, c)[row] for c in
                                            ("area", "layer", "population", "first_gid", "last_gid"))
    trains = run.spiketrains(area, layer, population)
    assert [train.annotations["gid"] for train in trains] == list(range(first, last + 1))
    assert sum(len(train) for train in trains) == len(run.spikes_of(area, layer, population)) > 0
    assert all(train.units == pq.ms and train.t_stop == run.t_sim_ms * pq.ms for train in trains)


def test_missing_outputs_name_the_command(run, tmp_path):
    with pytest.raises(FileNotFoundError, match="humam analyze"):
        run.analysis("population_statistics", folder="nothing-here")
    with pytest.raises(FileNotFoundError, match="population_GIDs.dat"):
        humam.read_run(tmp_path)
