"""Work split across two processes gives the same results, in the same order, as one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.make_study import make_study
from guide_builder import build, concurrency
from guide_builder.build import ParseCache, prepare_guide


def test_map_halves_keeps_order_and_uses_a_child() -> None:
    parent = os.getpid()
    result = concurrency.map_halves(list(range(10)), lambda items: [(i, os.getpid()) for i in items], 4)
    assert [i for i, _ in result] == list(range(10))
    if concurrency.can_fork():
        assert {pid for _, pid in result[5:]} != {parent}
    assert all(pid == parent for _, pid in result[:5])


def test_short_lists_stay_in_this_process() -> None:
    parent = os.getpid()
    assert concurrency.map_halves([1, 2], lambda items: [os.getpid() for _ in items], 4) == [parent, parent]


def test_a_failing_child_is_replaced_by_this_process() -> None:
    parent = os.getpid()

    def work(items: list[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("child broke")
        return [i * 2 for i in items]

    assert concurrency.map_halves(list(range(8)), work, 2) == [i * 2 for i in range(8)]


def test_an_error_is_raised_here_not_lost() -> None:
    def work(items: list[int]) -> list[int]:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        concurrency.map_halves(list(range(8)), work, 2)


def test_jobs_1_keeps_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(concurrency.JOBS_VARIABLE, "1")
    assert not concurrency.can_fork()
    parent = os.getpid()
    pids = concurrency.map_halves(list(range(8)), lambda items: [os.getpid() for _ in items], 2)
    assert set(pids) == {parent}


def test_parsing_many_weeks_in_two_processes_matches_one(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    study = make_study(tmp_path / "study", 14, seed=4)
    broken = study / "content" / "week-03-broken.md"
    broken.write_text("---\nweek: 3\ntitle: [oops\n---\n", encoding="utf-8")
    monkeypatch.setattr(build, "PARALLEL_PARSE", 2)
    cache = ParseCache()
    with pytest.raises(build.GuideError) as two:
        prepare_guide(study, cache=cache)
    assert cache.parsed == 15
    monkeypatch.setattr(build, "PARALLEL_PARSE", 10**9)
    with pytest.raises(build.GuideError) as one:
        prepare_guide(study)
    messages = [d.format(study) for d in one.value.diagnostics]
    assert [d.format(study) for d in two.value.diagnostics] == messages
    broken.unlink()
    monkeypatch.setattr(build, "PARALLEL_PARSE", 2)
    parallel = prepare_guide(study, cache=ParseCache())
    monkeypatch.setattr(build, "PARALLEL_PARSE", 10**9)
    serial = prepare_guide(study)
    assert parallel.guide.weeks == serial.guide.weeks


def test_share_and_meanwhile_run_here() -> None:
    parent = os.getpid()
    ran: list[int] = []
    result = concurrency.map_halves(list(range(10)), lambda items: [(i, os.getpid()) for i in items], 4,
                                    share=0.3, meanwhile=lambda: ran.append(os.getpid()))
    assert ran == [parent]
    assert [i for i, _ in result] == list(range(10))
    assert all(pid == parent for _, pid in result[:3])
    if concurrency.can_fork():
        assert all(pid != parent for _, pid in result[3:])
    ran.clear()
    assert concurrency.map_halves([1], lambda items: items, 4, meanwhile=lambda: ran.append(1)) == [1]
    assert ran == [1]
