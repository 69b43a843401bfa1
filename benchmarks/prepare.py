"""Code made ready as an installed guide-builder is after its first command, so that no
measured run pays for what is done once.

- `pip install` compiles the modules to bytecode; an editable install run under
  PYTHONDONTWRITEBYTECODE=1 would otherwise compile them again in every run.
- The first command keeps the methods `@dataclass` writes and the programs of the regular
  expressions modules compile on import (guide_builder/kept_code.py); a build imports
  every module that has any.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.make_study import make_study


def prepare_code(tree: Path) -> None:
    """Compile `tree`'s guide_builder to bytecode and build a two-week study with it once,
    with bytecode written."""
    compileall.compile_dir(tree / "guide_builder", quiet=1)
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="guide-prepare-") as scratch:
        study = make_study(Path(scratch) / "study", 2, seed=1)
        subprocess.run([sys.executable, "-m", "guide_builder.cli", "build", str(study), "--quiet"], cwd=tree,
                       env={**environment, "PYTHONPATH": str(tree)}, check=True, stdout=subprocess.DEVNULL)
