"""Speed and scale benchmark for `guide build` (issue 8).

Builds synthetic studies (see ``make_study.py``) of N weeks with the ``guide`` command in
a fresh subprocess per run and reports, per N, the median whole-process wall time, CPU
time (user + system), peak memory (the child's ``ru_maxrss``), the page count and pages
per second. It also times ``guide --help``, ``guide check`` on a 52-week study and, with
``--incremental``, a warm rebuild after editing one week (what ``guide build --watch``
does on a save).

Run from the repository root::

    .venv/bin/python benchmarks/run.py                      # N = 12, 52, 156, 520; 5 runs each
    .venv/bin/python benchmarks/run.py --weeks 12 52 --runs 3
    .venv/bin/python benchmarks/run.py --incremental --write  # also write benchmarks/results.md
    .venv/bin/python benchmarks/run.py --weeks 52 520 --baseline  # next to a bare reportlab script

The Markdown report goes to stdout; progress goes to stderr. Exit code 1 if any build failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.make_study import make_study, make_week, output_pdf  # noqa: E402
from benchmarks.prepare import prepare_code  # noqa: E402

DEFAULT_WEEKS = (12, 52, 156, 520)
RESULTS = HERE / "results.md"
GUIDE = (sys.executable, "-m", "guide_builder.cli")
INCREMENTAL_NOT_MEASURED = "not yet measured (run with --incremental)"


@dataclass(frozen=True)
class ChildRun:
    """One finished subprocess: whole-process wall time, CPU time and peak memory."""

    returncode: int
    wall: float
    cpu: float
    peak_mb: float
    stdout: str
    stderr: str


@dataclass
class BuildRow:
    """The runs of one study size and their medians."""

    weeks: int
    runs: list[ChildRun] = field(default_factory=list)
    pages: int | None = None
    error: str | None = None
    bare: list[ChildRun] = field(default_factory=list)  # --baseline: the bare script, by turns

    @property
    def bare_wall(self) -> float | None:
        """Median wall time of the bare reportlab script (None without --baseline)."""
        return statistics.median(run.wall for run in self.bare) if self.bare else None

    @property
    def wall(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(run.wall for run in self.runs)

    @property
    def cpu(self) -> float:
        """Median CPU time (user + system) in seconds."""
        return statistics.median(run.cpu for run in self.runs)

    @property
    def peak_mb(self) -> float:
        """Median peak resident memory in MB."""
        return statistics.median(run.peak_mb for run in self.runs)


def _maxrss_mb(usage: resource.struct_rusage) -> float:
    """ru_maxrss in MB (kilobytes on Linux, bytes on macOS)."""
    scale = 1 if sys.platform == "darwin" else 1024
    return usage.ru_maxrss * scale / 1_000_000


def run_child(args: Sequence[str | Path], cwd: Path | None = None) -> ChildRun:
    """Run one command and measure it on its own.

    The child is reaped with ``os.wait4`` so that its rusage (CPU time, ``ru_maxrss``) is
    this run's alone, not the running maximum that ``RUSAGE_CHILDREN`` would give. On
    Linux the figures include any grandchildren the child waited for; ``ru_maxrss`` is
    then the largest single process, not the sum of processes running side by side.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([str(a) for a in args], cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return ChildRun(proc.returncode, wall, usage.ru_utime + usage.ru_stime, _maxrss_mb(usage), stdout, stderr)


def count_pages(pdf: Path) -> int:
    """Pages in a PDF (pypdf)."""
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


BARE = HERE / "bare_reportlab.py"


def bench_build(study: Path, weeks: int, runs: int, baseline: bool = False) -> BuildRow:
    """Build `study` `runs` times with `guide build --quiet`; stop at the first failure.

    With `baseline`, the bare reportlab script (bare_reportlab.py) lays out the same study
    after each build, by turns, so that both see the machine alike.
    """
    row = BuildRow(weeks)
    for number in range(1, runs + 1):
        run = run_child([*GUIDE, "build", study, "--quiet"])
        if run.returncode != 0:
            row.error = f"exit {run.returncode}"
            _progress(f"N={weeks}: build failed (exit {run.returncode}):\n{_tail(run.stderr or run.stdout)}")
            return row
        row.runs.append(run)
        _progress(f"N={weeks} run {number}/{runs}: {run.wall:.2f} s wall, {run.cpu:.2f} s CPU, "
                  f"{run.peak_mb:.0f} MB")
        if baseline:
            bare = run_child([sys.executable, BARE, study, study / "output" / "bare-reportlab.pdf"])
            if bare.returncode != 0:
                row.error = f"bare script exit {bare.returncode}"
                _progress(f"N={weeks}: the bare script failed:\n{_tail(bare.stderr or bare.stdout)}")
                return row
            row.bare.append(bare)
            _progress(f"N={weeks} bare reportlab {number}/{runs}: {bare.wall:.2f} s wall")
    row.pages = count_pages(output_pdf(study))
    return row


def bench_simple(args: Sequence[str | Path], runs: int, label: str) -> tuple[float | None, str | None]:
    """Median wall time of a command that must exit 0; (None, reason) at the first failure."""
    times = []
    for _ in range(runs):
        run = run_child(args)
        if run.returncode != 0:
            _progress(f"{label} failed (exit {run.returncode}):\n{_tail(run.stderr or run.stdout)}")
            return None, f"failed (exit {run.returncode})"
        times.append(run.wall)
    _progress(f"{label}: {statistics.median(times):.2f} s")
    return statistics.median(times), None


def bench_incremental(study: Path, runs: int) -> tuple[dict[str, float] | None, str | None]:
    """Warm rebuilds after editing one week, measured in a separate process (see `_incremental_worker`)."""
    run = run_child([sys.executable, Path(__file__), "--incremental-worker", study, "--runs", str(runs)])
    if run.returncode != 0:
        _progress(f"incremental rebuild failed (exit {run.returncode}):\n{_tail(run.stderr or run.stdout)}")
        return None, f"failed (exit {run.returncode})"
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    figures["peak_mb"] = run.peak_mb
    _progress(f"incremental rebuild: {figures['median']:.2f} s (cold build in the same process "
              f"{figures['cold']:.2f} s)")
    return figures, None


def _incremental_worker(study: Path, runs: int) -> int:
    """In a warm process: build once, then edit the middle week and rebuild, `runs` times.

    Uses the same `build_guide(options, cache=ParseCache())` call that `guide build --watch`
    makes on every change (without the file watcher's debounce), and like it collects the
    build's reference cycles after each build, untimed (the PDF is written by then). Prints
    JSON on stdout.
    """
    import gc

    from guide_builder.build import BuildOptions, ParseCache, build_guide

    options = BuildOptions(root=study)
    cache = ParseCache()
    started = time.perf_counter()
    build_guide(options, cache=cache)
    cold = time.perf_counter() - started
    gc.collect()
    weeks = sorted((study / "content").glob("week-*.md"))
    target = weeks[len(weeks) // 2]
    original = target.read_text(encoding="utf-8")
    times = []
    try:
        for number in range(1, runs + 1):
            target.write_text(original.replace("## Application\n", f"## Application\n\nEdit {number}.\n", 1),
                              encoding="utf-8")
            started = time.perf_counter()
            build_guide(options, cache=cache)
            times.append(time.perf_counter() - started)
            gc.collect()
    finally:
        target.write_text(original, encoding="utf-8")
    figures = {"cold": cold, "median": statistics.median(times), "runs": times, "edited": target.name}
    print(json.dumps(figures))
    return 0


def _git_revision() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def _words_per_week(seed: int) -> tuple[int, int]:
    """Mean words of the Teaching section and of the whole week, over the first 12 weeks."""
    from benchmarks.make_study import count_words

    bodies = [make_week(week, seed)[1].split("\n---\n", 1)[1] for week in range(1, 13)]
    teaching = [count_words(body.split("## Going Deeper", 1)[0]) for body in bodies]
    return round(statistics.mean(teaching)), round(statistics.mean(count_words(body) for body in bodies))


def _cell(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_report(rows: list[BuildRow], help_time: float | None, help_error: str | None,
                  check_time: float | None, check_error: str | None, check_weeks: int,
                  incremental: dict[str, float] | None, incremental_error: str | None,
                  runs: int, seed: int) -> str:
    """The Markdown report: a header line, the table and the single-figure measurements."""
    cpu = os.cpu_count() or 1
    teaching, total = _words_per_week(seed)
    lines = [
        "## guide-builder benchmark",
        "",
        f"{platform.system()} {platform.machine()}, {cpu} CPU{'s' if cpu != 1 else ''}, "
        f"Python {platform.python_version()}; guide-builder git {_git_revision()}; "
        f"synthetic study seed {seed} (~{teaching:,}-word teachings, ~{total:,} words per week); "
        f"median of {runs} run{'s' if runs != 1 else ''}; whole process (`python -m guide_builder.cli "
        "build STUDY --quiet`).",
        "",
    ]
    baseline = any(row.bare for row in rows)
    extra = " bare reportlab s | x bare |" if baseline else ""
    lines += [f"| N | pages | wall s | CPU s | peak MB | pages/s |{extra}",
              "| ---: | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if baseline else "")]
    for row in rows:
        if row.error or not row.runs:
            missing = " - | - |" if baseline else ""
            lines.append(f"| {row.weeks} | {row.error or 'no runs'} | - | - | - | - |{missing}")
            continue
        rate = row.pages / row.wall if row.pages else None
        line = (f"| {row.weeks} | {row.pages} | {row.wall:.2f} | {row.cpu:.2f} | {row.peak_mb:.0f} "
                f"| {_cell(rate, 0)} |")
        if baseline:
            bare = row.bare_wall
            line += f" {_cell(bare, 2)} | {_cell(row.wall / bare if bare else None, 2)} |"
        lines.append(line)
    if baseline:
        lines += ["", "bare reportlab: benchmarks/bare_reportlab.py on the same study, run after each build "
                  "(one pass, one core, no cover, contents, index, bookmarks, passages or answer lines)."]
    lines += [
        "",
        f"- `guide --help`: {help_error or f'{_cell(help_time, 2)} s'}",
        f"- `guide check` ({check_weeks} weeks): {check_error or f'{_cell(check_time, 2)} s'}",
    ]
    if incremental is not None:
        lines.append(
            f"- incremental rebuild ({check_weeks} weeks, one week edited, warm process as in "
            f"`--watch`): {incremental['median']:.2f} s (first build in that process "
            f"{incremental['cold']:.2f} s, peak {incremental['peak_mb']:.0f} MB)")
    else:
        lines.append(f"- incremental rebuild ({check_weeks} weeks, one week edited, warm process): "
                     f"{incremental_error or INCREMENTAL_NOT_MEASURED}")
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description="Benchmark `guide build` on synthetic studies.")
    parser.add_argument("--weeks", type=int, nargs="+", default=list(DEFAULT_WEEKS), metavar="N",
                        help="study sizes to build (default: 12 52 156 520)")
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measurement; medians reported")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic studies (default 1)")
    parser.add_argument("--check-weeks", type=int, default=52, metavar="N",
                        help="size of the study for the `guide check` and --incremental timings (default 52)")
    parser.add_argument("--incremental", action="store_true",
                        help="also time a warm rebuild after editing one week (as `guide build --watch`)")
    parser.add_argument("--baseline", action="store_true",
                        help="also time bare_reportlab.py on each study, by turns with the builds")
    parser.add_argument("--write", action="store_true", help=f"also write the report to {RESULTS.name}")
    parser.add_argument("--workdir", type=Path,
                        help="generate the studies here and keep them (default: a temporary folder)")
    parser.add_argument("--incremental-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs < 1 or min(args.weeks) < 1 or args.check_weeks < 1:
        parser.error("--runs, --weeks and --check-weeks need positive numbers")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print (and with --write, save) the report."""
    args = parse_args(argv)
    if args.incremental_worker is not None:
        return _incremental_worker(args.incremental_worker, args.runs)
    prepare_code(REPO)
    temporary = None
    if args.workdir is None:
        temporary = tempfile.mkdtemp(prefix="guide-bench-")
        workdir = Path(temporary)
    else:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
    try:
        rows = []
        for weeks in args.weeks:
            study = make_study(workdir / f"study-{weeks}", weeks, args.seed)
            rows.append(bench_build(study, weeks, args.runs, args.baseline))
        help_time, help_error = bench_simple([*GUIDE, "--help"], max(args.runs, 3), "guide --help")
        check_study = make_study(workdir / f"study-{args.check_weeks}", args.check_weeks, args.seed)
        check_time, check_error = bench_simple([*GUIDE, "check", check_study, "--quiet"], args.runs,
                                               f"guide check ({args.check_weeks} weeks)")
        incremental, incremental_error = None, None
        if args.incremental:
            incremental, incremental_error = bench_incremental(check_study, args.runs)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    report = format_report(rows, help_time, help_error, check_time, check_error, args.check_weeks,
                           incremental, incremental_error, args.runs, args.seed)
    print(report, end="")
    if args.write:
        RESULTS.write_text(report, encoding="utf-8")
        _progress(f"Wrote {RESULTS}")
    failed = any(row.error for row in rows) or help_error or check_error or incremental_error
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
