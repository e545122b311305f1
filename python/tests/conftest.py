"""A small humam run, made once per test session with the humam binary, with `humam analyze`
and `humam fc` run on it: the reader is checked against humam's own outputs."""

import os
import subprocess

import pytest

import humam

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(REPOSITORY, "notebooks-data")
FMRI_FC = os.path.join(DATA, "hcp_fmri_fc_enigma_left34.csv")


def _humam(binary, *arguments):
    result = subprocess.run([binary, *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"humam {' '.join(arguments)} failed ({result.returncode}):\n{result.stderr}")


@pytest.fixture(scope="session")
def binary():
    path = humam.find_binary(REPOSITORY)
    if path is None:
        pytest.skip("no humam binary: set $HUMAM, put humam on the PATH or build it (swift build -c release)")
    return path


@pytest.fixture(scope="session")
def run_folder(binary, tmp_path_factory):
    """The notebook's network (scaling 0.006), 1000 ms, rates from 500 ms; with analysis/."""
    folder = str(tmp_path_factory.mktemp("humam") / "run")
    # The notebook's full-scale rates for the DC compensation: no full-scale theory to solve.
    _humam(binary, "simulate", "--data", DATA, "--fullscale-rates", os.path.join(DATA, "base_theory_rates.csv"),
           "--t-sim", "1000", "--out", folder, "--no-figures", "--ascii-spikes")
    _humam(binary, "analyze", "--run", folder, "--no-figures")
    _humam(binary, "fc", "--run", folder, "--compare", FMRI_FC, "--no-figures")
    return folder


@pytest.fixture
def run(run_folder):
    return humam.read_run(run_folder)
