"""Shared fixtures: the sample study, small studies written in tests, CLI runs, PDF reading.

Every PDF a successful `run_guide("build", ...)` writes or replaces is checked (pikepdf
syntax check, fonts embedded, no JavaScript, only http/https/mailto links), and no
test can reach the network: sockets are disabled for the whole session.
"""

from __future__ import annotations

import shutil
import socket
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from guide_builder import output
from guide_builder.cli import app
from tests.hardening.pdfcheck import assert_valid_pdf

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    """The result of one `guide` invocation."""

    code: int
    stdout: str
    stderr: str


# `guide build` options that take a value (so the study folder can be told apart from them).
_VALUE_OPTIONS = {"--week", "--weeks", "--edition", "--out", "--signature", "--creep"}


def _build_targets(args: list[str]) -> list[Path]:
    """The output folder and --out file a `guide build` run may write (empty for other commands)."""
    if "build" not in args:
        return []
    rest = args[args.index("build") + 1 :]
    directory, out, index = Path("."), None, 0
    positional = []
    while index < len(rest):
        arg = rest[index]
        if arg.startswith("--") and "=" in arg:
            name, _, value = arg.partition("=")
            if name == "--out":
                out = Path(value)
        elif arg in _VALUE_OPTIONS:
            if arg == "--out" and index + 1 < len(rest):
                out = Path(rest[index + 1])
            index += 1
        elif not arg.startswith("-"):
            positional.append(arg)
        index += 1
    if positional:
        directory = Path(positional[0])
    return [directory / "output", *([out] if out is not None else [])]


def _pdf_states(targets: list[Path]) -> dict[Path, tuple[int, int, int, int]]:
    """Every PDF under the targets with what changes when it is written or replaced."""
    states = {}
    for target in targets:
        if target.is_file():
            paths = [target]
        elif target.is_dir():
            paths = list(target.rglob("*.pdf"))
        else:
            paths = []
        for path in paths:
            info = path.stat()
            states[path.resolve()] = (info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)
    return states


def temporary_files(folder: Path) -> list[Path]:
    """Temporary files `write_atomic` leaves if a write is cut short (there must be none)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob(".*") if p.name.endswith(".tmp"))


def run_guide(*args: str | Path) -> Run:
    """Run the CLI in-process, capturing stdout and stderr separately.

    After a successful build, every PDF it wrote or replaced is checked with
    `assert_valid_pdf`; after any run, the output folder holds no temporary files and
    (without --debug) no traceback or internal error was printed.
    """
    words = [str(a) for a in args]
    targets = _build_targets(words)
    before = _pdf_states(targets)
    written: list[Path] = []
    write_atomic = output.write_atomic

    def recording_write(path: Path, data: bytes) -> None:
        write_atomic(path, data)
        written.append(Path(path).resolve())

    runner = CliRunner()
    with mock.patch.object(output, "write_atomic", recording_write):
        result = runner.invoke(app, words, catch_exceptions=False)
    run = Run(result.exit_code, result.stdout, result.stderr)
    if "--debug" not in words:
        assert "Traceback" not in run.stdout + run.stderr, run.stderr
        assert "internal error" not in run.stderr, run.stderr
    for target in targets:
        assert not temporary_files(target if target.is_dir() else target.parent), "temporary files left"
    if run.code == 0:
        after = _pdf_states(targets)
        changed = [path for path, state in after.items() if before.get(path) != state]
        for path in dict.fromkeys([*changed, *(p for p in written if p.suffix.lower() == ".pdf")]):
            assert_valid_pdf(path)
    return run


class NetworkBlocked(OSError):
    """Raised by every attempt to open a network connection during the tests."""


@pytest.fixture(scope="session", autouse=True)
def no_network() -> Iterator[None]:
    """No test may touch the network: internet sockets, connections and name lookups raise.

    Only this process is patched (child processes start clean). Unix-domain sockets and
    socket pairs stay allowed: multiprocessing and asyncio use them for local plumbing.
    """
    real_socket = socket.socket

    class GuardedSocket(real_socket):
        def __init__(self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None):
            if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
                raise NetworkBlocked("network access is disabled in the tests")
            super().__init__(family, type, proto, fileno)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NetworkBlocked("network access is disabled in the tests")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "socket", GuardedSocket)
        patch.setattr(socket, "create_connection", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        patch.setattr(socket, "gethostbyname", refuse)
        yield


def copy_sample(target: Path) -> Path:
    """A copy of the repository's sample study."""
    study = target / "study"
    study.mkdir()
    shutil.copy(REPO / "guide.toml", study / "guide.toml")
    shutil.copytree(REPO / "content", study / "content")
    shutil.copytree(REPO / "layouts", study / "layouts")
    return study


GUIDE_TOML = """\
[guide]
title = "Test Study"
author = "Test Group"
translation = "WEB"
page_size = "letter"
"""

WEEK = """\
---
week: {number}
title: {title}
scriptures:
  - John 15:5
---

## Teaching

Abide in the vine. Fill in: the branch needs the {{{{vine}}}}.

## Discussion Questions

1. What does abiding look like for you?
2. Where do you need to rest? {{lines=2}}

!!! leader
    The blank is vine.
"""


def write_study(root: Path, weeks: dict[str, str] | None = None, toml: str = GUIDE_TOML,
                layouts: dict[str, str] | None = None) -> Path:
    """A small study on disk: guide.toml plus the given week files (name -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "guide.toml").write_text(toml, encoding="utf-8")
    content = root / "content"
    content.mkdir(exist_ok=True)
    if weeks is None:
        weeks = {"week-01-abide.md": WEEK.format(number=1, title="Abide")}
    for name, text in weeks.items():
        (content / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if layouts:
        (root / "layouts").mkdir(exist_ok=True)
        for name, text in layouts.items():
            (root / "layouts" / name).write_text(text, encoding="utf-8")
    return root


def pdf_text(path: Path) -> str:
    """All the text of a PDF, pages joined."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample study built once (participant edition); returns the study folder."""
    study = copy_sample(tmp_path_factory.mktemp("sample"))
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    return study


@pytest.fixture(scope="session")
def sample_pdf(sample_build: Path) -> Path:
    """output/draw-near.pdf of the sample study."""
    return sample_build / "output" / "draw-near.pdf"


@pytest.fixture(scope="session")
def sample_leader_pdf(sample_build: Path) -> Path:
    """The leader's edition of the sample study."""
    result = run_guide("build", sample_build, "--edition", "leader")
    assert result.code == 0, result.stderr
    return sample_build / "output" / "draw-near-leader.pdf"
