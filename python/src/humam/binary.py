"""Where the humam command-line tool is."""

import os
import shutil


def find_binary(repository=None):
    """Path of the humam executable: ``$HUMAM``, else ``humam`` on the PATH, else
    ``.build/release/humam`` or ``.build/debug/humam`` under ``repository`` (a humam checkout);
    None if none exists. A ``$HUMAM`` that is not an executable file is an error."""
    named = os.environ.get("HUMAM")
    if named:
        if not (os.path.isfile(named) and os.access(named, os.X_OK)):
            raise FileNotFoundError(f"$HUMAM={named}: is not an executable file; expected the humam binary")
        return os.path.abspath(named)
    on_path = shutil.which("humam")
    if on_path:
        return on_path
    if repository:
        for build in ("release", "debug"):
            candidate = os.path.join(repository, ".build", build, "humam")
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return os.path.abspath(candidate)
    return None
