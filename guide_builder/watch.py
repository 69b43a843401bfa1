"""`guide build --watch`: rebuild when the study changes, keep the last good PDF on errors."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

from guide_builder.build import BuildOptions, BuildReport, ParseCache, build_guide
from guide_builder.errors import Diagnostic, GuideError
from guide_builder.load import is_junk


class StudyFilter(DefaultFilter):
    """Changes worth a rebuild: study files, not output/ or editor junk."""

    def __init__(self, root: Path) -> None:
        self.output = str((root / "output").resolve())
        super().__init__()

    def __call__(self, change: Change, path: str) -> bool:
        if path.startswith(self.output) or is_junk(Path(path)):
            return False
        return super().__call__(change, path)


def watch_study(
    options: BuildOptions,
    on_build: Callable[[BuildReport, list[str]], None],
    on_error: Callable[[list[Diagnostic]], None],
    stop_event: threading.Event | None = None,
) -> None:
    """Build now, then again after every change until Ctrl-C (or `stop_event`)."""
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    root = options.root.resolve()
    cache = ParseCache()

    def rebuild(changed: list[str]) -> None:
        try:
            report = build_guide(options, cache=cache)
        except GuideError as error:
            on_error(error.diagnostics)
        else:
            on_build(report, changed)
        finally:
            gc.collect()  # the cycles the build left (it pauses the collector), once it is reported

    rebuild([])
    for changes in watch(root, watch_filter=StudyFilter(root), stop_event=stop_event,
                         raise_interrupt=False, debounce=300, step=50):
        changed = changed_files(changes, root)
        if changed:
            rebuild(changed)


def changed_files(changes: set[tuple[Change, str]], root: Path) -> list[str]:
    """The study's files that a batch of changes touched, relative to `root`, without the
    ones made and removed again within the batch (the temporary file an editor or `sed -i`
    writes before renaming it over the real one): nothing of the study changed there."""
    kinds: dict[str, set[Change]] = {}
    for change, path in changes:
        kinds.setdefault(path, set()).add(change)
    return sorted({
        str(Path(path).resolve().relative_to(root)) for path, seen in kinds.items()
        if not ({Change.added, Change.deleted} <= seen and not Path(path).exists())
    })
