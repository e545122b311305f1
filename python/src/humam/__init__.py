"""Read humam run folders into numpy (pandas and Neo where installed).

>>> import humam
>>> run = humam.read_run("out/notebook/simulation")
>>> run.spikes["time_ms"], run.spikes["gid"]      # every spike, in the file's order
>>> run.spikes_of("lingual", "IV", "E")           # one population's spikes
>>> run.rates, run.analysis("population_statistics"), run.fc()
"""

from .files import (SPIKE_FILE_HEADER, SPIKE_FILE_RECORD, SPIKES, read_fc, read_nest_spike_files,
                    read_population_gids, read_spike_file, read_table)
from .binary import find_binary
from .run import Run, read_run

__all__ = ["Run", "read_run", "find_binary", "read_spike_file", "read_nest_spike_files", "read_population_gids",
           "read_table", "read_fc", "SPIKE_FILE_HEADER", "SPIKE_FILE_RECORD", "SPIKES"]
__version__ = "0.2.0"
