"""`guide build --watch`: rebuilds on change, survives bad edits, re-parses only what changed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from guide_builder.build import BuildOptions
from guide_builder.watch import watch_study
from tests.conftest import WEEK, write_study


def wait_for(condition, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watch_rebuilds_and_keeps_last_good_pdf(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {
        "week-01.md": WEEK.format(number=1, title="Abide"),
        "week-02.md": WEEK.format(number=2, title="Rest"),
    })
    builds: list[tuple[int, list[str]]] = []
    errors: list[list] = []
    stop = threading.Event()
    options = BuildOptions(root=study)
    thread = threading.Thread(
        target=watch_study,
        args=(options, lambda report, changed: builds.append((report.pages, changed)), errors.append, stop),
    )
    thread.start()
    try:
        assert wait_for(lambda: len(builds) == 1)
        output = study / "output" / "test-study.pdf"
        good = output.read_bytes()
        time.sleep(0.3)
        (study / "content" / "week-02.md").write_text("---\nweek: two\n---\n", encoding="utf-8")
        assert wait_for(lambda: len(errors) == 1)
        assert "`week` must be a whole number" in errors[0][0].message
        assert output.read_bytes() == good
        (study / "content" / "week-02.md").write_text(WEEK.format(number=2, title="Rested"), encoding="utf-8")
        assert wait_for(lambda: len(builds) == 2)
        assert builds[1][1] == ["content/week-02.md"]
        assert output.read_bytes() != good
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_watch_collects_a_builds_cycles_after_reporting_it(tmp_path: Path, monkeypatch) -> None:
    import gc

    from guide_builder import watch

    study = write_study(tmp_path / "s", {"week-01.md": WEEK.format(number=1, title="Abide")})
    events: list[str] = []
    stop = threading.Event()
    monkeypatch.setattr(watch.gc, "collect", lambda: events.append("collected") or 0)

    def built(_report, _changed) -> None:
        events.append("reported" if gc.isenabled() else "reported while paused")
        stop.set()

    watch_study(BuildOptions(root=study), built, lambda _problems: events.append("failed"), stop)
    assert events == ["reported", "collected"]
    assert gc.isenabled()


def test_a_file_made_and_removed_within_a_batch_is_not_a_change(tmp_path: Path) -> None:
    from watchfiles import Change

    from guide_builder.watch import changed_files

    week = tmp_path / "content" / "week-01.md"
    week.parent.mkdir()
    week.write_text("x", encoding="utf-8")
    temporary = str(tmp_path / "content" / "sedfPsXzN")  # gone again: renamed over the week
    deleted_week = str(tmp_path / "content" / "week-02.md")  # really deleted: a change
    changes = {(Change.added, temporary), (Change.modified, temporary), (Change.deleted, temporary),
               (Change.modified, str(week)), (Change.deleted, deleted_week)}
    assert changed_files(changes, tmp_path) == ["content/week-01.md", "content/week-02.md"]
    assert changed_files({(Change.added, temporary), (Change.deleted, temporary)}, tmp_path) == []
