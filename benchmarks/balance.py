"""How evenly a long book's layout is shared between the two processes (issue 8).

A full build lays out the front matter and the first weeks in the main process and the
later weeks in a forked worker (guide_builder/render/parts.py), cut where the weeks' cost
reaches `HEAD_SHARE` of the whole. The main process then splices the worker's pages; the
book is finished when both are. Wall times of the two vary by a tenth from run to run on
a shared machine, so this script counts instructions instead (valgrind's cachegrind, the
same on every run): three one-process builds of the same study, stopped

1. once the study is read and the renderer loaded (`base`),
2. after also laying out the worker's part, its pages pickled as the worker sends them
   (`tail`),
3. after also laying out the main process's part and splicing the worker's pages, taken
   from those pickles (`main`).

The worker's work is `tail - base`, the main process's is `main - tail` (up to the end of
the splice: the index and writing the PDF come after both). Run from the repository root
with the development venv::

    .venv/bin/python benchmarks/balance.py --weeks 52
    .venv/bin/python benchmarks/balance.py --weeks 520 --share 0.45   # another share
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.compare import (  # noqa: E402
    COUNTED_ENVIRONMENT,
    instructions_counted,
    require_valgrind,
    under_cachegrind,
)
from benchmarks.make_study import make_study  # noqa: E402

STAGES = ("base", "tail", "main")


def build_until(stage: str, share: float | None, study: Path, out: Path) -> None:
    """Build `study` in this process (GUIDE_JOBS=1) and exit once `stage` is done, saying so."""
    from guide_builder import build
    from guide_builder.cli import main

    def stop() -> None:
        print(f"stopped after {stage}", flush=True)
        os._exit(0)

    import_renderer = build._import_renderer

    def import_and_patch() -> None:
        import_renderer()
        from guide_builder.render import document, parts

        if share is not None:
            parts.HEAD_SHARE = share

        def render_guide(request, problems, reuse=None):
            document.register_fonts(request)
            cut = parts.cut_point(request.weeks, request.week_layouts)
            if cut is None:
                raise SystemExit("the study is laid out in one part: give it more weeks")
            if stage == "base":
                stop()
            sent: list[bytes] = []
            tail = document.render_tail(request, request.weeks[cut:],
                                        emit=lambda batch: sent.append(pickle.dumps(batch)))
            if stage == "tail":
                stop()
            part = parts.Part((page for batch in sent for page in pickle.loads(batch)), lambda: tail)
            splice = document.StoryBuilder.splice

            def splice_then_stop(self, doc, later) -> None:
                splice(self, doc, later)
                stop()

            document.StoryBuilder.splice = splice_then_stop
            document._render_main(request, problems, request.weeks[:cut], (part,))

        document.render_guide = render_guide

    build._import_renderer = import_and_patch
    sys.argv = ["guide", "build", str(study), "--quiet", "--out", str(out)]
    main()


def count(stage: str, share: float | None, study: Path, root: Path) -> int:
    """Instructions of a build stopped after `stage` (cachegrind)."""
    build = [sys.executable, str(Path(__file__).resolve()), "--stage", stage, "--study", str(study)]
    if share is not None:
        build += ["--share", str(share)]
    result = subprocess.run(under_cachegrind(build, root / f"cg-{stage}"), capture_output=True, text=True,
                            cwd=REPO, env={**os.environ, **COUNTED_ENVIRONMENT})
    return instructions_counted(result.returncode, result.stderr, f"the {stage} build")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--share", type=float, help="HEAD_SHARE to try (default: the package's)")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)  # one counted build
    parser.add_argument("--study", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.stage is not None:
        build_until(options.stage, options.share, options.study, Path(os.devnull))
        return 0
    require_valgrind()
    with tempfile.TemporaryDirectory(prefix="guide-balance-") as scratch:
        root = Path(scratch)
        study = make_study(root / "study", options.weeks, seed=options.seed)
        base, tail, main_ = (count(stage, options.share, study, root) for stage in STAGES)
    worker, head = tail - base, main_ - tail
    print(f"{options.weeks} weeks, share {options.share or 'as set'}: worker {worker / 1e6:,.0f} M "
          f"instructions, main process to the end of the splice {head / 1e6:,.0f} M "
          f"({head / worker - 1:+.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
