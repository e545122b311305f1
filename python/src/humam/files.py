"""Readers for the single files of a humam run folder.

Every reader raises ``ValueError`` naming the file and what was expected when the file is
malformed, and ``FileNotFoundError`` when it is absent.
"""

import csv
import json
import os
import re
import warnings

import numpy as np

try:
    import pandas as pd
except ImportError:  # pandas is optional: tables are then numpy structured arrays
    pd = None

#: The 48-byte header of ``spikes.bin`` (Sources/RunFormat/BinarySpikeFile.swift), little-endian.
SPIKE_FILE_HEADER = np.dtype([
    ("magic", "S8"),            # b"HUMAMSPK"
    ("version", "<u4"),         # format version, 1
    ("reserved", "<u4"),        # 0
    ("resolution_ms", "<f8"),   # time step h, ms
    ("t_sim_ms", "<f8"),        # simulated time, ms
    ("neurons", "<u8"),         # number of neurons
    ("spikes", "<u8"),          # number of spike records that follow
])
#: One spike record of ``spikes.bin``: 0-based neuron index (NEST GID - 1) and the time stamp in
#: steps (time = stamp * h ms), ordered by stamp, then neuron.
SPIKE_FILE_RECORD = np.dtype([("neuron", "<i4"), ("stamp", "<i4")])
#: Spikes as the readers return them: NEST global id (1-based, as in population_GIDs.dat) and
#: spike time in ms.
SPIKES = np.dtype([("gid", "<i4"), ("time_ms", "<f8")])

SPIKE_FILE_MAGIC = b"HUMAMSPK"
SPIKE_FILE_VERSION = 1
_TICS_PER_MS = 1000  # NEST's default time base: 1 tic = 1 µs


def stamps_to_ms(stamps, resolution_ms):
    """Spike times in ms of step stamps: the step's time in NEST tics (µs) / 1000, which is the
    number NEST's ASCII files print (three decimals), so both sources give the same float.
    (humam multiplies the tics by 0.001 instead, which can differ in the last bit; on the 0.1 ms
    grid up to 100 s both compare alike with every whole number of ms, such as the rate
    window's bounds.)"""
    tics_per_step = int(resolution_ms * _TICS_PER_MS + 0.5)
    return (np.asarray(stamps, dtype=np.int64) * tics_per_step) / _TICS_PER_MS


def read_spike_file(path, check_records=True):
    """Memory-map humam's binary spike file.

    Returns ``(header, records)``: ``header`` a dict of the header fields (``resolution_ms`` and
    ``t_sim_ms`` in ms, ``neurons`` and ``spikes`` counts), ``records`` a read-only
    ``numpy.memmap`` of dtype ``SPIKE_FILE_RECORD`` (``neuron`` 0-based index, ``stamp`` in steps
    of ``resolution_ms``), one element per spike in file order. With ``check_records`` every
    record is checked, in chunks, as humam's reader checks it: neuron below the header's count,
    stamps from 1 to t_sim / h, not decreasing.
    """
    path = os.fspath(path)
    size = os.path.getsize(path)
    head = SPIKE_FILE_HEADER.itemsize
    if size < head:
        raise ValueError(f"{path}: has {size} bytes; a humam spike file has a {head}-byte header")
    header = np.fromfile(path, dtype=SPIKE_FILE_HEADER, count=1)[0]
    if header["magic"] != SPIKE_FILE_MAGIC:
        raise ValueError(f"{path}: is not a humam spike file (expected the magic 'HUMAMSPK', found {header['magic']!r})")
    if header["version"] != SPIKE_FILE_VERSION:
        raise ValueError(f"{path}: has format version {header['version']}; this reader reads version {SPIKE_FILE_VERSION}")
    fields = {name: header[name].item() for name in ("resolution_ms", "t_sim_ms", "neurons", "spikes")}
    expected = head + SPIKE_FILE_RECORD.itemsize * fields["spikes"]
    if not (np.isfinite(fields["resolution_ms"]) and fields["resolution_ms"] > 0
            and np.isfinite(fields["t_sim_ms"]) and fields["t_sim_ms"] > 0
            and 0 < fields["neurons"] <= np.iinfo(np.int32).max and size == expected):
        raise ValueError(
            f"{path}: has {size} bytes and a header announcing {fields['spikes']} spikes ({expected} bytes), "
            f"{fields['neurons']} neurons, resolution {fields['resolution_ms']} ms, duration {fields['t_sim_ms']} ms; "
            "expected a positive resolution and duration, 1 to 2^31-1 neurons and exactly that length: is it complete?")
    if fields["spikes"] == 0:
        records = np.zeros(0, dtype=SPIKE_FILE_RECORD)
    else:
        records = np.memmap(path, dtype=SPIKE_FILE_RECORD, mode="r", offset=head, shape=(fields["spikes"],))
    if check_records:
        _check_records(path, records, fields)
    return fields, records


def _check_records(path, records, header, chunk=1 << 22):
    last_stamp = int(round(header["t_sim_ms"] / header["resolution_ms"]))
    previous = 1
    for start in range(0, len(records), chunk):
        part = records[start:start + chunk]
        neuron, stamp = part["neuron"], part["stamp"]
        bad = (neuron < 0) | (neuron >= header["neurons"]) | (stamp > last_stamp)
        bad |= np.diff(stamp, prepend=np.int32(previous)) < 0
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(
                f"{path}: spike {start + i + 1} (neuron {neuron[i]}, stamp {stamp[i]}) is out of range: expected "
                f"neurons 0…{header['neurons'] - 1} and stamps 1…{last_stamp}, in time order")
        previous = int(stamp[-1])


def read_nest_spike_files(directory):
    """Spikes of NEST's ASCII spike files ``directory/*.dat`` (the original's ``spikes/`` folder;
    humam writes them too), files in name order, lines in file order, as ``humam analyze`` reads
    them: ``#`` lines and the column header are skipped, every other line is ``GID time_ms``.
    Returns a structured array of dtype ``SPIKES`` (``gid``, ``time_ms`` in ms)."""
    directory = os.fspath(directory)
    names = sorted(name for name in os.listdir(directory) if name.endswith(".dat"))
    if not names:
        raise FileNotFoundError(f"{directory}: has no NEST spike files (*.dat)")
    parts = []
    for name in names:
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
        if not lines:
            raise ValueError(f"{path}: is empty; a NEST spike file starts with its header lines")
        first = 0  # comments and a column header come before the first spike
        while first < len(lines) and (not lines[first].strip() or lines[first].lstrip()[0] == "#"
                                       or lines[first].lstrip()[0].isalpha()):
            first += 1
        try:
            with warnings.catch_warnings():  # a file without spikes is fine: no "empty input" warning
                warnings.simplefilter("ignore", UserWarning)
                spikes = np.loadtxt(lines[first:], dtype=SPIKES, comments="#", ndmin=1)
        except ValueError as error:
            raise ValueError(f"{path}: expected lines 'GID<TAB>time_ms' after the header ({error})") from None
        if len(spikes) and (spikes["gid"].min() < 1 or not np.all(spikes["time_ms"] >= 0)):
            raise ValueError(f"{path}: expected positive GIDs and spike times ≥ 0 ms")
        parts.append(spikes)
    return np.concatenate(parts)


def read_population_gids(path):
    """``population_GIDs.dat``: one line ``('area', 'layer', 'E|I');firstGID;lastGID`` per
    non-empty population. Returns a table (DataFrame, else structured array) with columns
    ``area, layer, population, first_gid, last_gid, neurons`` in file order."""
    path = os.fspath(path)
    pattern = re.compile(r"^\(\s*'([^']+)'\s*,\s*'([^']+)'\s*,\s*'([^']+)'\s*\)\s*;\s*(\d+)\s*;\s*(\d+)\s*$")
    rows = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            if not line.strip():
                continue
            match = pattern.match(line.strip())
            if not match or int(match[4]) < 1 or int(match[5]) < int(match[4]):
                raise ValueError(f"{path}:{number}: expected \"('area', 'layer', 'E|I');firstGID;lastGID\" "
                                 f"with 1 ≤ firstGID ≤ lastGID, found {line.strip()!r}")
            first, last = int(match[4]), int(match[5])
            rows.append((match[1], match[2], match[3], first, last, last - first + 1))
    if not rows:
        raise ValueError(f"{path}: has no populations")
    columns = ["area", "layer", "population", "first_gid", "last_gid", "neurons"]
    if pd is not None:
        return pd.DataFrame(rows, columns=columns)
    return np.array(rows, dtype=[(c, "U64") for c in columns[:3]] + [(c, "<i8") for c in columns[3:]])


def read_table(path):
    """A CSV table with a header line (rates.csv, the ``analysis/`` tables): a pandas DataFrame
    (floats parsed exactly), else a numpy structured array with the same column names. Empty
    cells are NaN (humam leaves undefined statistics empty)."""
    path = os.fspath(path)
    if pd is not None:
        # Before pandas 3.1 the default float parser could be off in the last bit.
        exact = {} if _version(pd.__version__) >= (3, 1) else {"float_precision": "round_trip"}
        return pd.read_csv(path, **exact)
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    if not rows or any(len(row) != len(rows[0]) for row in rows):
        raise ValueError(f"{path}: expected a CSV table with a header and {len(rows[0]) if rows else 'some'} cells per line")
    header, body = rows[0], rows[1:]
    columns, dtypes = [], []
    for index, name in enumerate(header):
        cells = [row[index] for row in body]
        try:
            columns.append([float(cell) if cell else np.nan for cell in cells])
            dtypes.append((name, "<f8"))
        except ValueError:
            columns.append(cells)
            dtypes.append((name, f"U{max([len(c) for c in cells] + [1])}"))
    return np.array(list(zip(*columns)), dtype=dtypes) if body else np.zeros(0, dtype=dtypes)


def _version(text):
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


def read_fc(path):
    """A square FC matrix with area labels (humam's ``fc_synaptic.csv``, an fMRI FC such as
    ``notebooks-data/hcp_fmri_fc_enigma_left34.csv``): first line ``area,A,B,…``, then one line
    ``A,…`` per area. Returns a DataFrame indexed and labelled by area, else ``(labels, matrix)``
    with ``matrix`` a float ndarray (dimensionless Pearson correlations)."""
    path = os.fspath(path)
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    labels = rows[0][1:] if rows else []
    if not labels or len(rows) != len(labels) + 1 or [row[0] for row in rows[1:]] != labels \
            or any(len(row) != len(labels) + 1 for row in rows[1:]):
        raise ValueError(f"{path}: expected a square matrix: a header 'area,A,B,…' and one line per area "
                         "in the same order, each with a value per area")
    try:
        matrix = np.array([[float(cell) for cell in row[1:]] for row in rows[1:]])
    except ValueError as error:
        raise ValueError(f"{path}: expected numbers in the matrix ({error})") from None
    if pd is not None:
        return pd.DataFrame(matrix, index=pd.Index(labels, name=rows[0][0]), columns=labels)
    return labels, matrix


def read_json(path):
    """A JSON file (run.json, fc_comparison.json) as a dict."""
    path = os.fspath(path)
    with open(path, encoding="utf-8") as file:
        try:
            return json.load(file)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: is not valid JSON ({error})") from None
