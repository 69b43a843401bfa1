"""Dataclass methods and pattern programs are compiled once and kept; kept or not, they are
the same."""

from __future__ import annotations

import dataclasses
import importlib
import marshal
import os
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import guide_builder
from guide_builder import kept_code
from guide_builder.kept_code import KeptCode
from tests.conftest import copy_sample

# The package's modules with patterns and classes (compiled, or taken from what is kept).
for module in ("guide_builder.build", "guide_builder.cli", "guide_builder.render.document"):
    importlib.import_module(module)

REPO = Path(__file__).resolve().parent.parent

# Classes of every kind the package defines, and more: defaults, factories, order, slots.
CLASSES = textwrap.dedent('''
    from __future__ import annotations
    from dataclasses import dataclass, field, KW_ONLY

    @dataclass(frozen=True)
    class Point:
        """A point."""
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    @dataclass
    class Bag:
        items: list[int] = field(default_factory=list)
        name: str = "bag"

    @dataclass(frozen=True, slots=True, order=True)
    class Key:
        week: int
        part: str

    @dataclass(eq=False)
    class Loose:
        value: object
        _: KW_ONLY
        label: str = ""

    @dataclass(frozen=True)
    class Child(Point):
        z: float = 1.5
''')


def define_classes() -> dict[str, type]:
    """The classes above, defined afresh (their methods compiled or taken from the cache)."""
    module = types.ModuleType("made_up_module")
    sys.modules[module.__name__] = module
    try:
        exec(compile(CLASSES, "made_up_module.py", "exec"), vars(module))
    finally:
        del sys.modules[module.__name__]
    return {name: value for name, value in vars(module).items() if isinstance(value, type)}


def method_codes(classes: dict[str, type]) -> dict[str, tuple]:
    """Everything a method's behaviour depends on, per class and method."""
    described = {}
    for class_name, cls in classes.items():
        for name, value in vars(cls).items():
            code = getattr(value, "__code__", None)
            if code is None:
                continue
            described[f"{class_name}.{name}"] = (
                code.co_code, code.co_consts, code.co_names, code.co_varnames, code.co_freevars,
                code.co_flags, value.__defaults__, value.__kwdefaults__,
                {key: str(annotation) for key, annotation in value.__annotations__.items()},
            )
    return described


@pytest.fixture
def no_kept_methods(monkeypatch: pytest.MonkeyPatch):
    """Nothing kept for the test (what the package keeps again after it), bytecode written."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    kept_code.uninstall()
    yield
    kept_code.attach(guide_builder.KEPT_CODE)


def test_kept_methods_are_those_dataclasses_compiles(no_kept_methods, tmp_path: Path) -> None:
    plain = define_classes()
    kept = tmp_path / "methods.marshal"

    first = kept_code.install(kept)
    compiled = define_classes()
    assert first.compiled and not first.known
    compiled_first = set(first.compiled)
    first.save()
    assert first.compiled == {}

    second = kept_code.install(kept)
    from_cache = define_classes()
    assert second.compiled == {}  # every method came from the file
    assert set(second.used) == compiled_first

    assert method_codes(plain) == method_codes(compiled) == method_codes(from_cache)
    assert len(method_codes(plain)) >= 15
    for classes in (plain, compiled, from_cache):
        point = classes["Point"](1, tags=("a",))
        assert repr(point) == "Point(x=1, y=0, tags=('a',))"
        assert point == classes["Point"](1, 0, ("a",)) and hash(point) == hash(classes["Point"](1, 0, ("a",)))
        with pytest.raises(dataclasses.FrozenInstanceError):
            point.x = 2
        assert classes["Key"](1, "b") < classes["Key"](2, "a")
        assert classes["Bag"]().items == [] and classes["Bag"]().items is not classes["Bag"]().items
        assert classes["Loose"](1, label="x") != classes["Loose"](1, label="x")
        assert classes["Child"](1, z=2.0) == classes["Child"](1, 0, (), 2.0)


def test_unreadable_or_foreign_files_are_compiled_afresh(no_kept_methods, tmp_path: Path) -> None:
    kept = tmp_path / "methods.marshal"
    another_python = b"\x00\x00\r\n" + b"x" * 40
    # the same bytecode, another release or regular expression engine: as long a header
    kept_there = marshal.dumps({"pass": compile("pass", "", "exec")})
    another_release = kept_code.HEADER.replace(b" sre ", b" srE ") + kept_there
    for content in (b"", b"not marshal at all", another_python, another_release, kept_code.HEADER + b"\xff"):
        kept.write_bytes(content)
        methods = kept_code.install(kept)
        assert methods.known == {}
        define_classes()
        assert methods.compiled


def test_nothing_is_written_without_bytecode_or_where_it_cannot_be(
    no_kept_methods, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tmp_path / "methods.marshal"
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    methods = kept_code.install(kept)
    define_classes()
    methods.save()
    assert not kept.exists()

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    blocked = tmp_path / "a file" / "methods.marshal"
    blocked.parent.write_text("a file, not a folder")
    methods = kept_code.install(blocked)
    define_classes()
    methods.save()  # no error: the methods are compiled again next time
    assert methods.compiled and sorted(p.name for p in tmp_path.iterdir()) == ["a file"]


def test_stale_methods_are_dropped_past_the_limit(no_kept_methods, tmp_path: Path, monkeypatch) -> None:
    kept = tmp_path / "methods.marshal"
    methods = KeptCode(kept)
    methods.known = {f"def stale_{n}(): pass": compile("pass", "<string>", "exec") for n in range(3)}
    dataclasses.exec = methods.exec
    define_classes()
    methods.save()
    assert len(KeptCode(kept).known) == 3 + len(methods.used)

    monkeypatch.setattr(kept_code, "MOST_KEPT", 3)
    methods = KeptCode(kept)
    dataclasses.exec = methods.exec
    define_classes()
    methods.compiled = {"new": None}  # as if one method were new
    methods.save()
    assert set(KeptCode(kept).known) == set(methods.used)


def test_the_second_command_compiles_no_method_and_no_pattern(tmp_path: Path) -> None:
    """After one `guide build`, the next command takes every method of the package's
    classes and every pattern its modules compile from the kept file (here under a
    bytecode prefix of the test's own)."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    environment |= {"PYTHONPYCACHEPREFIX": str(tmp_path / "bytecode"), "PYTHONPATH": str(REPO)}
    study = copy_sample(tmp_path)
    build = [sys.executable, "-m", "guide_builder.cli", "build", str(study), "--quiet",
             "--out", str(tmp_path / "book.pdf")]
    subprocess.run(build, env=environment, check=True, cwd=tmp_path)
    kept = list((tmp_path / "bytecode").rglob("kept-code.*.marshal"))
    assert len(kept) == 1

    count = textwrap.dedent(f'''
        import guide_builder, guide_builder.cli
        guide_builder.cli.app({build[3:]!r}, standalone_mode=False)
        kept = guide_builder.KEPT_CODE
        methods = sum(type(key) is str for key in kept.used)
        print(len(kept.compiled), methods, len(kept.used) - methods)
    ''')
    result = subprocess.run([sys.executable, "-c", count], env=environment, check=True, cwd=tmp_path,
                            capture_output=True, text=True)
    compiled, methods, patterns = map(int, result.stdout.split())
    assert compiled == 0 and methods > 200 and patterns > 100
    assert (tmp_path / "book.pdf").stat().st_size > 10_000


PATTERNS = [
    (r"(?P<book>[123]?\s*[A-Z][a-z]+)\.?\s+(?P<chapter>\d+)(?::(?P<verse>\d+))?", 0),
    (r"(?<![\w/])(?:psalms?|ps\.?)\s*\d+", re.IGNORECASE),
    (r"straße|ǅ|ﬁ|İ", re.IGNORECASE),
    (r"""\d{1,3}   # a number
         (?!\d)""", re.VERBOSE),
    (r"\w+", re.ASCII),
    (r"^\s*$", re.MULTILINE | re.DOTALL),
    (rb"[\x00-\x1f]+(?P<rest>.*)", 0),
    (rb"abc", re.LOCALE | re.IGNORECASE),
    (r"(a)(b)?(?(2)c|d)", 0),
    ("", 0),
    ("psalm", 0),
    ("psalm", re.IGNORECASE),  # the same text: another program
]


def test_kept_programs_are_those_re_compiles(no_kept_methods, tmp_path: Path) -> None:
    # With those of the package's own modules (every pattern this process's package kept).
    patterns = PATTERNS + [key for key in guide_builder.KEPT_CODE.used if type(key) is tuple]
    assert len(patterns) > 100
    compiled_by_re = [re._compiler.compile(pattern, flags) for pattern, flags in patterns]

    kept = tmp_path / "code.marshal"
    first = kept_code.install(kept)
    compiled_then_kept = [re._compiler.compile(pattern, flags) for pattern, flags in patterns]
    assert len(first.compiled) == len(set(patterns))
    first.save()
    second = kept_code.install(kept)
    from_kept = [re._compiler.compile(pattern, flags) for pattern, flags in patterns]
    assert second.compiled == {}

    texts = ["1 John 4:18", "Ps 23", "PSALM", "STRASSE ǆ fi i̇", "12 ", "ab", "abd", b"\x01rest", b"ABC", ""]
    for by_re, *others in zip(compiled_by_re, compiled_then_kept, from_kept, strict=True):
        for other in others:
            # Pattern equality compares the pattern, its flags and its program.
            assert other == by_re
            assert (other.groups, other.groupindex) == (by_re.groups, by_re.groupindex)
            for text in texts:
                if isinstance(text, type(by_re.pattern)):
                    found, expected = other.search(text), by_re.search(text)
                    assert (found and (found.span(), found.groupdict())) == (
                        expected and (expected.span(), expected.groupdict()))


def test_patterns_compiled_for_debugging_are_not_kept(no_kept_methods, tmp_path: Path, capsys) -> None:
    kept = kept_code.install(tmp_path / "code.marshal")
    assert re._compiler.compile("a+b", re.DEBUG).match("aab")
    assert "MAX_REPEAT" in capsys.readouterr().out  # what re prints for it
    assert kept.compiled == {}


def test_the_package_installs_the_kept_code() -> None:
    assert dataclasses.__dict__.get("exec") == guide_builder.KEPT_CODE.exec
    assert re._compiler.compile == guide_builder.KEPT_CODE.compile_pattern
