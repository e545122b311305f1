"""Executes a Jupyter notebook headless with nbclient, from its own folder, for scripts/python-check;
a failing cell fails it. The stored notebook is not changed.

  python3 scripts/lib/execute_notebook.py NOTEBOOK.ipynb
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

if len(sys.argv) != 2:
    sys.exit(__doc__)
path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
started = time.monotonic()
try:
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": os.path.dirname(path) or "."}}).execute()
except CellExecutionError as error:
    sys.exit(f"error: a cell of {path} failed after {time.monotonic() - started:.1f} s:\n{error}")
print(f"{path} executed in {time.monotonic() - started:.1f} s")
