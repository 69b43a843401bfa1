"""Work split across two processes gives the same results, in the same order, as one process."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.make_study import make_study
from guide_builder import build, concurrency
from guide_builder.build import ParseCache, prepare_guide


def test_map_shared_keeps_order_and_uses_a_child() -> None:
    parent = os.getpid()

    def work(item: int) -> tuple[int, int]:
        time.sleep(0.02)  # long enough for the child to start and take some
        return item, os.getpid()

    result = concurrency.map_shared(list(range(10)), work, 4)
    assert [i for i, _ in result] == list(range(10))
    assert result[0][1] == parent  # this process starts at the front
    if concurrency.can_fork():
        assert result[-1][1] != parent  # the child at the back
        pids = [pid for _, pid in result]
        first_child = pids.index(result[-1][1])
        assert set(pids[:first_child]) == {parent} and parent not in pids[first_child:]


def test_short_lists_stay_in_this_process() -> None:
    parent = os.getpid()
    assert concurrency.map_shared([1, 2], lambda _: os.getpid(), 4) == [parent, parent]


def test_a_failing_child_is_replaced_by_this_process() -> None:
    parent = os.getpid()

    def work(item: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("child broke")
        return item * 2

    assert concurrency.map_shared(list(range(8)), work, 2) == [i * 2 for i in range(8)]


def test_a_child_that_dies_midway_loses_nothing() -> None:
    parent = os.getpid()

    def work(item: int) -> int:
        if os.getpid() != parent and item == 5:
            os._exit(3)  # took items 7, 6 and 5, delivered none
        time.sleep(0.01)
        return item * 2

    assert concurrency.map_shared(list(range(8)), work, 2) == [i * 2 for i in range(8)]


def test_an_error_is_raised_here_not_lost() -> None:
    def work(item: int) -> int:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        concurrency.map_shared(list(range(8)), work, 2)


def test_jobs_1_keeps_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(concurrency.JOBS_VARIABLE, "1")
    assert not concurrency.can_fork()
    parent = os.getpid()
    pids = concurrency.map_shared(list(range(8)), lambda _: os.getpid(), 2)
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


def test_the_child_takes_more_while_this_process_is_busy_meanwhile() -> None:
    parent = os.getpid()
    ran: list[int] = []

    def slow_meanwhile() -> None:
        ran.append(os.getpid())
        time.sleep(0.4)

    def work(item: int) -> tuple[int, int]:
        time.sleep(0.02)
        return item, os.getpid()

    result = concurrency.map_shared(list(range(20)), work, 4, meanwhile=slow_meanwhile)
    assert ran == [parent]
    assert [i for i, _ in result] == list(range(20))
    if concurrency.can_fork():
        assert sum(pid == parent for _, pid in result) < 10  # the child did most of them
    ran.clear()
    assert concurrency.map_shared([1], lambda item: item, 4, meanwhile=lambda: ran.append(1)) == [1]
    assert ran == [1]


def test_without_shared_memory_a_pipe_or_a_process_the_work_is_done_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()

    def not_implemented(*_args: object, **_kwargs: object) -> object:
        raise OSError(38, "Function not implemented")

    for module, name in ((concurrency.mmap, "mmap"), (concurrency.os, "pipe")):  # no shared memory, no pipe
        monkeypatch.setattr(module, name, not_implemented)
        assert concurrency.map_shared(list(range(8)), lambda _: os.getpid(), 2) == [parent] * 8
        monkeypatch.undo()

    def no_process() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(concurrency.os, "fork", no_process)
    with concurrency.in_background(lambda: os.getpid()) as wait:
        assert wait() == parent
    assert concurrency.map_shared(list(range(8)), lambda _: os.getpid(), 2) == [parent] * 8


def test_two_processes_take_every_item_once_and_leave_no_descriptor_open() -> None:
    """Thousands of tiny items, taken from both ends at once: each is done exactly once
    (the results come back in order, none done twice here), by both processes, and the
    shared bounds' pipe is closed afterwards."""
    parent = os.getpid()
    before = len(os.listdir("/proc/self/fd"))
    done_here: list[int] = []

    def work(item: int) -> tuple[int, int]:
        if os.getpid() == parent:
            done_here.append(item)
        return item, os.getpid()

    for _ in range(3):
        done_here.clear()
        result = concurrency.map_shared(list(range(3000)), work, 2)
        assert [item for item, _ in result] == list(range(3000))
        assert len(done_here) == len(set(done_here))
        theirs = sum(pid != parent for _, pid in result)
        assert theirs > 0 and theirs + len(done_here) == 3000
    assert len(os.listdir("/proc/self/fd")) == before


def test_sharing_out_items_needs_no_receiving_thread_and_never_sticks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipe of map_shared's child is widened to hold what piles up while this process is
    busy meanwhile, so no thread drains it. Results beyond that room make the child wait,
    not stick: this process reads them once it is back."""
    threads = []
    monkeypatch.setattr(concurrency, "_drained", lambda receive: threads.append(1) or (receive, None))
    parent = os.getpid()
    big = b"x" * 200_000  # 6 MB in all: far beyond the room
    result = concurrency.map_shared(list(range(30)), lambda item: (item, os.getpid(), big), 2,
                                    meanwhile=lambda: time.sleep(0.5))
    assert [item for item, _, _ in result] == list(range(30))
    assert any(pid != parent for _, pid, _ in result)
    assert threads == []  # the pipe was widened here (Linux)
    with concurrency.streamed_in_background(_emitting(3)) as streamed:
        assert streamed.result() == "done"
    assert threads == [1]  # a stream that is not read for a while is still drained


def _emitting(count: int, size: int = 10, pause: float = 0.0):
    def task(emit) -> str:
        for index in range(count):
            emit((index, os.getpid(), b"x" * size))
        time.sleep(pause)
        return "done"
    return task


def test_streamed_items_arrive_in_order_while_the_task_still_runs() -> None:
    parent = os.getpid()
    started = time.perf_counter()
    with concurrency.streamed_in_background(_emitting(3, pause=1.5)) as streamed:
        items = iter(streamed)
        first = next(items)
        arrived = time.perf_counter() - started
        rest = list(items)
        assert streamed.result() == "done"
    assert [index for index, _, _ in [first, *rest]] == [0, 1, 2]
    if concurrency.can_fork():
        assert first[1] != parent
        assert arrived < 1.0  # before the task's pause was over


def test_a_streaming_child_never_waits_for_this_process_to_read() -> None:
    # 4 MB of items, far more than a pipe holds: the child must finish while this process
    # is still busy elsewhere
    def task(emit) -> float:
        for _ in range(64):
            emit(b"x" * 65536)
        return time.perf_counter()

    with concurrency.streamed_in_background(task) as streamed:
        time.sleep(1.0)
        reading = time.perf_counter()
        assert len(list(streamed)) == 64
        finished = streamed.result()
    if concurrency.can_fork():
        assert finished < reading


def test_a_streaming_child_that_dies_midway_is_replaced_without_repeats() -> None:
    parent = os.getpid()

    def task(emit) -> str:
        for index in range(6):
            if index == 3 and os.getpid() != parent:
                time.sleep(0.2)  # let the parent take the first ones
                os._exit(3)
            emit(index)
        return "done"

    with concurrency.streamed_in_background(task) as streamed:
        assert list(streamed) == [0, 1, 2, 3, 4, 5]
        assert streamed.result() == "done"


def test_streamed_without_a_child_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(concurrency.JOBS_VARIABLE, "1")
    parent = os.getpid()
    with concurrency.streamed_in_background(_emitting(4)) as streamed:
        items = list(streamed)
        assert streamed.result() == "done"
    assert [(index, pid) for index, pid, _ in items] == [(index, parent) for index in range(4)]


def test_streamed_result_without_iterating_gives_the_result() -> None:
    with concurrency.streamed_in_background(_emitting(5)) as streamed:
        assert streamed.result() == "done"
        assert list(streamed) == []  # nothing is given twice


def _endless(emit) -> None:
    """Emits forever: a child running it ends only when stopped or when nobody can read."""
    while True:
        emit(b"x" * 65536)


@pytest.mark.skipif(not concurrency.can_fork(), reason="needs a forked child")
@pytest.mark.parametrize("drain", [True, False])
def test_a_signal_held_over_the_fork_still_stops_the_child(monkeypatch: pytest.MonkeyPatch,
                                                          drain: bool) -> None:
    # Ctrl-C during the fork is held, then raised the moment the hold ends: the child just
    # started must be stopped all the same (the CLI ends with os._exit, which stops nobody)
    @contextlib.contextmanager
    def held_then_raised():
        yield
        raise KeyboardInterrupt

    monkeypatch.setattr(concurrency, "signals_held", held_then_raised)
    with pytest.raises(KeyboardInterrupt), concurrency.streamed_in_background(_endless, drain=drain):
        pytest.fail("the block must not be entered")
    with pytest.raises(ChildProcessError):  # no child left, running or unreaped
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.skipif(not concurrency.can_fork(), reason="needs a forked child")
def test_a_child_ends_when_its_parent_is_gone(tmp_path: Path) -> None:
    # a parent killed outright stops nobody: its child must not wait for ever to send
    pid_file = tmp_path / "child.pid"
    script = f"""
import contextlib
import os
import subprocess
import sys
from pathlib import Path
from guide_builder import concurrency

def task(emit):
    Path({str(pid_file)!r}).write_text(str(os.getpid()))
    while True:
        emit(b"x" * 65536)

with concurrency.streamed_in_background(task, drain=False):
    while not Path({str(pid_file)!r}).exists():
        pass
    os._exit(0)
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60,
                   cwd=Path(__file__).resolve().parents[1])
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child), "the child outlived its parent"


def _running(pid: int) -> bool:
    """Whether `pid` is a process that has not ended (an unreaped one counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_the_pipe_carries_whole_messages_and_tells_their_end() -> None:
    """Messages of any size (beyond what the pipe holds at once) arrive whole and in order;
    a message cut short by the end of the pipe, or no message at all, is EOFError; the
    end is seen as readable; nothing of multiprocessing's own pipes is imported."""
    import subprocess
    import sys

    sizes = [1, 0, 10, 65_535, 65_536, 3_000_001, 7]
    receiving, sending = concurrency._pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child only writes, then ends
        receiving.close()
        for size in sizes:
            sending.send_bytes(bytes([size % 251]) * size)
        sending._write(concurrency._PipeEnd._LENGTH.pack(100) + b"cut")  # a message cut short
        os._exit(0)
    sending.close()
    for size in sizes:
        assert receiving.recv_bytes() == bytes([size % 251]) * size
    os.waitpid(child, 0)
    assert receiving.poll()  # the rest and the end are there
    with pytest.raises(EOFError):
        receiving.recv_bytes()
    with pytest.raises(EOFError):
        receiving.recv_bytes()
    receiving.close()
    receiving.close()  # twice is harmless
    code = ("import sys; from guide_builder import concurrency\n"
            "doubled = concurrency.map_shared(list(range(20)), lambda i: i * 2, 2)\n"
            "assert doubled == [i * 2 for i in range(20)]\n"
            "assert 'multiprocessing.connection' not in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
