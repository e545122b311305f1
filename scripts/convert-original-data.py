#!/usr/bin/env python3
"""Convert a clone of INM-6/human-multi-area-model into humam's CSV input tables.

Usage: scripts/convert-original-data.py ORIGINAL_CLONE OUT_DIR
       scripts/convert-original-data.py --check

--check converts the subset of the original's data files committed in Tests/Fixtures/original/
(see its README; $HUMAM_ORIGINAL=CLONE: a whole clone instead) into a temporary folder and
checks that every table written is byte-identical to the one in notebooks-data/. The subset has
no code of the original, so without a clone the literal tables of its src/*.py are not covered.
The human single-unit arrays exp_*.npy (2.1 MB) are not in the subset either: the check writes
them from notebooks-data/human_mfc_*.csv, so for those three tables it checks the conversion's
round trip, not the original's files.

Reads from the clone (paths relative to its root):
  experimental_data/voneconomokoskinas/StructuralData_VonEconomoKoskinas_addedvalues.xls
  experimental_data/hcp_dti/Connectivity_Distances_HCP_DesikanKilliany.mat
  experimental_data/hcp_dti/DKAtlas_VolumeAndNames.mat
  experimental_data/fraction_EI/lichtman.csv, binzegger.csv
  src/data_loader/mapping_DK_vEK.py, microcircuit.py, synapse_cellbody_probability.py
  src/data_preprocessing/cytoarchitecture.py      (the vEK layer mapping)
  simulated_data/base_theory_rates.pkl
  simulated_data/scaling_experiment_lichtman_chii2_different_seed/
      exp_rates.npy, exp_cv.npy, exp_lvr.npy        (human single units, Minxha et al. 2020)
      ks_rates_arr.json, ks_cv_arr.json, ks_lvr_arr.json   (published 1 - KS by chi)

and writes the tables humam reads (Sources/Model/ModelData.swift `requiredFiles`), the
left-hemisphere/Euclidean HCP matrices of the same .mat file, and base_theory_rates.csv, in the
schema of notebooks-data/README.md (Python repr floats, integer volumes, LF, no quoting).

Not produced (humam does not need them to build or simulate the network): the ENIGMA HCP
resting-state FC (hcp_fmri_fc_enigma_*.csv, from the MICA-MNI/ENIGMA repository) and the
published_*.csv files (published simulated FC and FC-vs-experiment tables); they are committed
in notebooks-data/ with their sources (notebooks-data/README.md).

Needs Python 3.9+, numpy, pandas, scipy and xlrd (pip install pandas xlrd scipy).
Literal tables in the original's .py files are read with `ast` (the files are not executed).
"""

import ast
import filecmp
import json
import os
import shutil
import sys
import warnings

USAGE = "usage: scripts/convert-original-data.py ORIGINAL_CLONE OUT_DIR | --check"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def import_dependencies():
    missing = []
    modules = {}
    for name in ("numpy", "pandas", "scipy.io", "xlrd"):
        try:
            modules[name] = __import__(name, fromlist=["_"])
        except ImportError:
            missing.append(name.split(".")[0])
    if missing:
        fail(f"missing Python package(s): {', '.join(missing)}. "
             "Install them with: pip install pandas xlrd scipy")
    return modules


def number(value):
    """Python repr of a float: the shortest string that parses back to the same double."""
    return repr(float(value))


def write_csv(out_dir, name, header, rows):
    path = os.path.join(out_dir, name)
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="\n") as file:
        for row in [header] + rows:
            for field in row:
                if any(character in field for character in ',"\n'):
                    fail(f"{name}: field {field!r} contains a comma, quote or line break")
            file.write(",".join(row) + "\n")
    os.replace(temporary, path)
    print(f"wrote {path} ({len(rows)} rows)")


def source_file(clone, relative):
    path = os.path.join(clone, relative)
    if not os.path.isfile(path):
        fail(f"{path} is missing (expected in a clone of "
             "https://github.com/INM-6/human-multi-area-model)")
    return path


# --- literal tables in the original's Python sources ------------------------------------------

def assignments(path):
    """name -> value node of every `name = ...` in the file (nested ones included)."""
    with open(path, encoding="utf-8") as file:
        tree = ast.parse(file.read(), filename=path)
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, node.value)
    return found


def assigned(path, table, name):
    if name not in table:
        fail(f"{path}: no assignment to '{name}' (has the original changed?)")
    return table[name]


def keyword(path, call, name):
    if not isinstance(call, ast.Call):
        fail(f"{path}: expected a call (pd.Series/pd.DataFrame) with '{name}='")
    for item in call.keywords:
        if item.arg == name:
            return item.value
    fail(f"{path}: call has no '{name}=' argument")


def literal(path, node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        fail(f"{path}: line {node.lineno}: not a literal table")


def product_labels(path, table, index_node):
    """Labels of `pd.MultiIndex.from_product([[layers], [pops]], ...)`, directly or via a name."""
    if isinstance(index_node, ast.Name):
        index_node = assigned(path, table, index_node.id)
    if not (isinstance(index_node, ast.Call) and index_node.args):
        fail(f"{path}: index is not a pd.MultiIndex.from_product call")
    layers, populations = literal(path, index_node.args[0])
    return [(layer, population) for layer in layers for population in populations]


def population_table(path, table, name):
    """(labels, data) of a literal pd.Series/pd.DataFrame indexed by (layer, population)."""
    call = assigned(path, table, name)
    labels = product_labels(path, table, keyword(path, call, "index"))
    data = literal(path, keyword(path, call, "data"))
    if len(data) != len(labels):
        fail(f"{path}: '{name}' has {len(data)} rows for {len(labels)} labels")
    return labels, data, call


# --- the conversions --------------------------------------------------------------------------

def convert_vek(modules, clone, out_dir):
    """vEK cytoarchitecture, cleaned as src/data_loader/voneconomokoskinas.py does."""
    pandas, numpy = modules["pandas"], modules["numpy"]
    path = source_file(clone, "experimental_data/voneconomokoskinas/"
                              "StructuralData_VonEconomoKoskinas_addedvalues.xls")
    density_column = "mean cell content per layer [cells/mm³]"
    thickness_column = "Layer thickness overall [mm]"
    # index_col=[0, 2] forward-fills the merged area/layer cells, as the original loader relies on.
    with warnings.catch_warnings():
        # pandas 3 deprecates xlrd; the original reads this .xls with xlrd, so we keep it.
        warnings.simplefilter("ignore")
        frame = pandas.read_excel(path, sheet_name="Sheet1", index_col=[0, 2], engine="xlrd")
    for column in (density_column, thickness_column):
        if column not in frame.columns:
            fail(f"{path}: Sheet1 has no column '{column}'")
    frame = frame[[density_column, thickness_column]]
    frame = frame.where(frame != "-", 0)
    frame = frame.where(frame != "60.000 (?)", 60000)
    density = frame[density_column].astype(numpy.float64).fillna(0)
    thickness = frame[thickness_column].astype(numpy.float64).fillna(0)
    rows = [[str(area), str(layer), number(d), number(t)]
            for (area, layer), d, t in zip(frame.index, density, thickness)]
    write_csv(out_dir, "vek_cytoarchitecture.csv",
              ["vek_area", "vek_layer", "neuron_density_per_mm3", "layer_thickness_mm"], rows)


def convert_mappings(clone, out_dir):
    path = source_file(clone, "src/data_loader/mapping_DK_vEK.py")
    mapping = literal(path, assigned(path, assignments(path), "dk_to_vEK"))
    write_csv(out_dir, "dk_to_vek_mapping.csv", ["dk_area", "vek_area"],
              [[dk, vek] for dk, veks in mapping.items() for vek in veks])

    path = source_file(clone, "src/data_preprocessing/cytoarchitecture.py")
    layers = literal(path, assigned(path, assignments(path), "layer_dict"))
    write_csv(out_dir, "vek_layer_mapping.csv", ["humam_layer", "vek_layer"],
              [[layer, vek] for layer, veks in layers.items() for vek in veks])


def convert_fractions(clone, out_dir):
    """Byte-identical copies (README section 6)."""
    for name in ("lichtman", "binzegger"):
        source = source_file(clone, f"experimental_data/fraction_EI/{name}.csv")
        target = os.path.join(out_dir, f"fraction_excitatory_{name}.csv")
        shutil.copyfile(source, target)
        print(f"wrote {target} (copy)")


def convert_hcp(modules, clone, out_dir):
    """HCP DTI matrices and DK volumes, as src/data_loader/hcp_dti.py reads them."""
    loadmat, numpy = modules["scipy.io"].loadmat, modules["numpy"]
    path = source_file(clone, "experimental_data/hcp_dti/Connectivity_Distances_HCP_DesikanKilliany.mat")
    data = loadmat(path)
    names = [name.split("-")[-1] for name in numpy.concatenate(data["DK_Names"].flatten()).tolist()]
    for file_name, variable in (("hcp_dti_nos_right.csv", "C_R"), ("hcp_dti_nos_left.csv", "C_L"),
                                ("hcp_dti_fiber_length_right_mm.csv", "LowResDK_EstimatedDist_RHem"),
                                ("hcp_dti_fiber_length_left_mm.csv", "LowResDK_EstimatedDist_LHem"),
                                ("hcp_dti_euclidean_distance_mm.csv", "Dist")):
        matrix = numpy.asarray(data[variable], dtype=numpy.float64)
        if matrix.shape != (len(names), len(names)):
            fail(f"{path}: {variable} is {matrix.shape}, expected {len(names)} x {len(names)}")
        write_csv(out_dir, file_name, ["area"] + names,
                  [[names[i]] + [number(value) for value in matrix[i]] for i in range(len(names))])

    path = source_file(clone, "experimental_data/hcp_dti/DKAtlas_VolumeAndNames.mat")
    data = loadmat(path)
    volume_names = numpy.concatenate(data["HumanDKNames"].flatten()).tolist()
    volumes = data["Volume"].flatten()
    if not numpy.issubdtype(volumes.dtype, numpy.integer):
        fail(f"{path}: Volume is {volumes.dtype}, expected an integer type (uint16)")
    write_csv(out_dir, "dk_area_volumes_mm3.csv", ["dk_area", "volume_mm3"],
              [[name, str(int(volume))] for name, volume in zip(volume_names, volumes)])


def convert_microcircuit(clone, out_dir):
    """Potjans & Diesmann 2014 tables of src/data_loader/microcircuit.py."""
    path = source_file(clone, "src/data_loader/microcircuit.py")
    table = assignments(path)
    labels, neurons, _ = population_table(path, table, "NN")
    write_csv(out_dir, "pd_neuron_numbers.csv", ["layer", "pop", "neuron_number"],
              [[layer, population, number(value)] for (layer, population), value in zip(labels, neurons)])
    labels, indegrees, _ = population_table(path, table, "K_ext")
    write_csv(out_dir, "pd_external_indegrees.csv", ["layer", "pop", "k_ext"],
              [[layer, population, number(value)] for (layer, population), value in zip(labels, indegrees)])
    labels, probabilities, call = population_table(path, table, "conn_probs")
    column_labels = product_labels(path, table, keyword(path, call, "columns"))
    names = [f"{layer}_{population}" for layer, population in labels]
    if column_labels != labels:
        fail(f"{path}: conn_probs columns differ from its index")
    write_csv(out_dir, "pd_connection_probabilities.csv", ["target"] + names,
              [[names[i]] + [number(value) for value in row] for i, row in enumerate(probabilities)])


def convert_cell_body_probabilities(clone, out_dir):
    """Binzegger and Mohan tables of src/data_loader/synapse_cellbody_probability.py."""
    path = source_file(clone, "src/data_loader/synapse_cellbody_probability.py")
    table = assignments(path)
    for name in ("binzegger", "mohan"):
        labels, data, call = population_table(path, table, name)
        columns = literal(path, keyword(path, call, "columns"))
        if any(len(row) != len(columns) for row in data):
            fail(f"{path}: '{name}' has rows of a length other than {len(columns)}")
        write_csv(out_dir, f"synapse_cellbody_probability_{name}.csv", ["layer", "pop"] + columns,
                  [[layer, population] + [number(value) for value in row]
                   for (layer, population), row in zip(labels, data)])


def convert_theory_rates(modules, clone, out_dir):
    """simulated_data/base_theory_rates.pkl: a pandas Series over (area, layer, population), Hz."""
    pandas = modules["pandas"]
    path = source_file(clone, "simulated_data/base_theory_rates.pkl")
    series = pandas.read_pickle(path)
    if not isinstance(series, pandas.Series) or series.index.nlevels != 3:
        fail(f"{path}: expected a pandas Series indexed by (area, layer, population)")
    write_csv(out_dir, "base_theory_rates.csv", ["area", "layer", "pop", "rate_hz"],
              [[str(area), str(layer), str(population), number(rate)]
               for (area, layer, population), rate in series.items()])


SCALING_EXPERIMENT = "simulated_data/scaling_experiment_lichtman_chii2_different_seed"


def convert_human_spiking(modules, clone, out_dir):
    """The human medial-frontal-cortex single units the paper compares with (Minxha et al. 2020),
    as the original derived them in src/compute_scaling_experiments.py: one value per recording
    (rates, spikes/s, kept where >= 0.5) or per recording with >= 10 spikes and positive ISIs (CV,
    LvR with R = 2 ms), in the file's order; and the published 1 - KS statistic by chi."""
    numpy = modules["numpy"]
    for measure, column in [("rates", "rate_hz"), ("cv", "cv"), ("lvr", "lvr")]:
        path = source_file(clone, f"{SCALING_EXPERIMENT}/exp_{measure}.npy")
        values = numpy.load(path, allow_pickle=True)
        if values.ndim != 1 or values.dtype.kind != "f" or not numpy.all(numpy.isfinite(values)):
            fail(f"{path}: expected a one-dimensional array of finite floats")
        write_csv(out_dir, f"human_mfc_{measure}.csv", [column], [[number(value)] for value in values])
    curves = {}
    for measure in ["rates", "cv", "lvr"]:
        path = source_file(clone, f"{SCALING_EXPERIMENT}/ks_{measure}_arr.json")
        with open(path, encoding="utf-8") as file:
            curves[measure] = {float(chi): float(value) for chi, value in json.load(file).items()}
    chis = sorted(curves["rates"])
    if any(sorted(curves[measure]) != chis for measure in curves):
        fail(f"{SCALING_EXPERIMENT}: the ks_*_arr.json files name different chi values")
    write_csv(out_dir, "published_one_minus_ks_by_chi.csv", ["chi", "rates", "cv", "lvr"],
              [[number(chi)] + [number(curves[measure][chi]) for measure in ["rates", "cv", "lvr"]] for chi in chis])


def convert(modules, clone, out_dir, with_sources=True):
    """Every table; `with_sources` False: only those from the original's data files, not the
    literal tables of its Python sources."""
    os.makedirs(out_dir, exist_ok=True)
    convert_vek(modules, clone, out_dir)
    convert_fractions(clone, out_dir)
    convert_hcp(modules, clone, out_dir)
    convert_theory_rates(modules, clone, out_dir)
    convert_human_spiking(modules, clone, out_dir)
    if with_sources:
        convert_mappings(clone, out_dir)
        convert_microcircuit(clone, out_dir)
        convert_cell_body_probabilities(clone, out_dir)


def check(modules):
    """Converts the committed data subset (with exp_*.npy made from notebooks-data), or the clone
    named by $HUMAM_ORIGINAL, and compares every table written with notebooks-data/."""
    import tempfile
    numpy = modules["numpy"]
    tables = os.path.join(ROOT, "notebooks-data")
    original = os.environ.get("HUMAM_ORIGINAL")
    with tempfile.TemporaryDirectory() as work:
        clone = os.path.join(work, "original")
        shutil.copytree(original or os.path.join(ROOT, "Tests", "Fixtures", "original"), clone)
        for measure, column in [("rates", "rate_hz"), ("cv", "cv"), ("lvr", "lvr")]:
            if os.path.exists(os.path.join(clone, SCALING_EXPERIMENT, f"exp_{measure}.npy")):
                continue
            with open(os.path.join(tables, f"human_mfc_{measure}.csv"), encoding="utf-8") as file:
                if next(file).strip() != column:
                    fail(f"notebooks-data/human_mfc_{measure}.csv: the header is not '{column}'")
                values = numpy.array([float(line) for line in file])
            numpy.save(os.path.join(clone, SCALING_EXPERIMENT, f"exp_{measure}.npy"), values)
        out_dir = os.path.join(work, "out")
        convert(modules, clone, out_dir, with_sources=original is not None)
        written = sorted(os.listdir(out_dir))
        different = [name for name in written if not os.path.isfile(os.path.join(tables, name))
                     or not filecmp.cmp(os.path.join(out_dir, name), os.path.join(tables, name), shallow=False)]
        if different:
            fail(f"these tables differ from notebooks-data/ (or are not there): {', '.join(different)}")
        print(f"--check: the {len(written)} tables converted from {original or 'Tests/Fixtures/original'} are byte-identical to notebooks-data/")
        if original is None:
            print("--check: not covered without a clone of the original (its code is read, never copied into this "
                  "repository): the literal tables of its src/*.py (area mapping, microcircuit, cell-body "
                  "probabilities); HUMAM_ORIGINAL=CLONE scripts/convert-original-data.py --check covers them")


def main(arguments):
    if arguments[:1] in (["-h"], ["--help"]):
        print(__doc__)
        sys.exit(0)
    if arguments == ["--check"]:
        check(import_dependencies())
        return
    if len(arguments) != 2:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    clone, out_dir = arguments
    if not os.path.isdir(clone):
        fail(f"{clone} is not a directory (expected a clone of INM-6/human-multi-area-model)")
    convert(import_dependencies(), clone, out_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
