"""Compare the build time of two revisions of guide-builder, run by turns (issue 8).

On a shared machine the speed of the same build drifts by half from one minute to the
next, so figures taken minutes apart cannot be compared. This script checks the two
revisions out side by side (git worktrees, in a temporary folder) and builds the same
synthetic study with each in turn, `--runs` times, in fresh processes: whatever the
machine does, both see it alike. It reports the median and fastest whole-process wall
time, the median CPU time and peak memory of each.

Run from the repository root with the development venv (the revisions share its
installed dependencies; each is imported from its own worktree)::

    .venv/bin/python benchmarks/compare.py efd1899 HEAD --weeks 52 --runs 11
    .venv/bin/python benchmarks/compare.py HEAD WORKTREE      # the uncommitted changes

With `--instructions`, each revision builds the study once in one process (GUIDE_JOBS=1,
PYTHONHASHSEED=0) under valgrind's cachegrind, which counts the machine instructions the
build executes: the same count on every run (within 0.01%), however busy the machine, so
even a change of 1% shows.
Both builds run at once (the counts do not depend on it), and their PDFs are compared.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.make_study import make_study  # noqa: E402
from benchmarks.prepare import prepare_code  # noqa: E402

WORKTREE = "WORKTREE"  # stands for the files as they are in this checkout


def checkout(revision: str, into: Path) -> Path:
    """A folder holding `revision` of the repository (this checkout for WORKTREE)."""
    if revision == WORKTREE:
        return REPO
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(into), revision], cwd=REPO,
                   check=True)
    return into


def build_once(tree: Path, study: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of one `guide build` run from `tree`'s code."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "guide_builder.cli", "build", str(study), "--quiet",
                              "--out", str(out)], cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"the build from {tree} failed (status {status})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1000


INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")
# a counted build runs in one process (GUIDE_JOBS=1) with the same hash seed every time
COUNTED_ENVIRONMENT = {"GUIDE_JOBS": "1", "PYTHONHASHSEED": "0"}


def require_valgrind() -> None:
    """Exit, saying what to install, if valgrind is missing."""
    if shutil.which("valgrind") is None:
        raise SystemExit("counting instructions needs valgrind (Debian package valgrind)")


def under_cachegrind(command: list[str], out_file: Path) -> list[str]:
    """`command` run under valgrind's cachegrind, counting instructions only."""
    return ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out_file}", *command]


def instructions_counted(returncode: int, errors: str, what: str) -> int:
    """The instruction count cachegrind printed in `errors`; exits if `what` failed."""
    found = INSTRUCTIONS.search(errors)
    if returncode != 0 or found is None:
        raise SystemExit(f"{what} failed under valgrind:\n{errors[-2000:]}")
    return int(found.group(1).replace(",", ""))


def count_instructions(trees: list[tuple[str, Path]], study: Path, root: Path) -> dict[str, int]:
    """Instructions each revision's one-process build of `study` executes (cachegrind);
    exits if valgrind is missing or a build fails, and says so when the two PDFs differ."""
    require_valgrind()
    children = []
    for index, (revision, tree) in enumerate(trees):
        command = under_cachegrind([sys.executable, "-m", "guide_builder.cli", "build", str(study),
                                    "--quiet", "--out", str(root / f"out-{index}.pdf")], root / f"cg-{index}")
        children.append((revision, subprocess.Popen(
            command, cwd=tree, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(tree), **COUNTED_ENVIRONMENT})))
    counts = {}
    for revision, child in children:
        _, errors = child.communicate()
        counts[revision] = instructions_counted(child.returncode, errors, f"the build of {revision}")
    if (root / "out-0.pdf").read_bytes() != (root / "out-1.pdf").read_bytes():
        print("note: the two revisions' PDFs differ", file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", help=f"a git revision, or {WORKTREE}")
    parser.add_argument("second", help=f"a git revision, or {WORKTREE}")
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--instructions", action="store_true",
                        help="count the instructions of one build of each (valgrind) instead of timing runs")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="guide-compare-") as scratch:
        root = Path(scratch)
        trees = []
        try:
            for index, revision in enumerate((options.first, options.second)):
                tree = checkout(revision, root / f"tree-{index}")
                prepare_code(tree)
                trees.append((revision, tree))
            study = make_study(root / "study", options.weeks, seed=options.seed)
            if options.instructions:
                counts = count_instructions(trees, study, root)
                first = counts[options.first]
                print(f"{options.weeks} weeks, one build in one process each (GUIDE_JOBS=1), "
                      "instructions counted by cachegrind\n")
                print("| revision | instructions | against the first |\n| --- | ---: | ---: |")
                for revision, count in counts.items():
                    print(f"| {revision} | {count:,} | {count / first - 1:+.1%} |")
                return 0
            figures: dict[str, list[tuple[float, float, float]]] = {revision: [] for revision, _ in trees}
            for run in range(options.runs):
                for revision, tree in trees if run % 2 == 0 else reversed(trees):
                    figures[revision].append(build_once(tree, study, root / "out.pdf"))
                print(f"run {run + 1}/{options.runs}", file=sys.stderr)
        finally:
            for revision, tree in trees:
                if revision != WORKTREE:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False)
    print(f"{options.weeks} weeks, {options.runs} runs each, by turns\n")
    print("| revision | median wall s | fastest wall s | median CPU s | peak MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for revision, runs in figures.items():
        walls = [wall for wall, _, _ in runs]
        print(f"| {revision} | {statistics.median(walls):.2f} | {min(walls):.2f} | "
              f"{statistics.median(cpu for _, cpu, _ in runs):.2f} | "
              f"{statistics.median(peak for _, _, peak in runs):.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
