"""The methods @dataclass writes are compiled once and kept; kept or not, they are the same."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

import guide_builder
from guide_builder import dataclass_code
from guide_builder.dataclass_code import CompiledMethods
from tests.conftest import copy_sample

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
    """The builtin exec in dataclasses for the test (what the package installed after it),
    bytecode written."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    installed = dataclasses.__dict__.get("exec")
    dataclass_code.uninstall()
    yield
    if installed is not None:
        dataclasses.exec = installed


def test_kept_methods_are_those_dataclasses_compiles(no_kept_methods, tmp_path: Path) -> None:
    plain = define_classes()
    kept = tmp_path / "methods.marshal"

    first = dataclass_code.install(kept)
    compiled = define_classes()
    assert first.compiled and not first.known
    compiled_first = set(first.compiled)
    first.save()
    assert first.compiled == {}

    second = dataclass_code.install(kept)
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
    for content in (b"", b"not marshal at all", another_python, dataclass_code.MAGIC_NUMBER + b"\xff"):
        kept.write_bytes(content)
        methods = dataclass_code.install(kept)
        assert methods.known == {}
        define_classes()
        assert methods.compiled


def test_nothing_is_written_without_bytecode_or_where_it_cannot_be(
    no_kept_methods, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tmp_path / "methods.marshal"
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    methods = dataclass_code.install(kept)
    define_classes()
    methods.save()
    assert not kept.exists()

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    blocked = tmp_path / "a file" / "methods.marshal"
    blocked.parent.write_text("a file, not a folder")
    methods = dataclass_code.install(blocked)
    define_classes()
    methods.save()  # no error: the methods are compiled again next time
    assert methods.compiled and sorted(p.name for p in tmp_path.iterdir()) == ["a file"]


def test_stale_methods_are_dropped_past_the_limit(no_kept_methods, tmp_path: Path, monkeypatch) -> None:
    kept = tmp_path / "methods.marshal"
    methods = CompiledMethods(kept)
    methods.known = {f"def stale_{n}(): pass": compile("pass", "<string>", "exec") for n in range(3)}
    dataclasses.exec = methods.exec
    define_classes()
    methods.save()
    assert len(CompiledMethods(kept).known) == 3 + len(methods.used)

    monkeypatch.setattr(dataclass_code, "MOST_KEPT", 3)
    methods = CompiledMethods(kept)
    dataclasses.exec = methods.exec
    define_classes()
    methods.compiled = {"new": None}  # as if one method were new
    methods.save()
    assert set(CompiledMethods(kept).known) == set(methods.used)


def test_the_second_command_compiles_no_method(tmp_path: Path) -> None:
    """After one `guide build`, the next command takes every method of the package's
    classes from the kept file (here under a bytecode prefix of the test's own)."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    environment |= {"PYTHONPYCACHEPREFIX": str(tmp_path / "bytecode"), "PYTHONPATH": str(REPO)}
    study = copy_sample(tmp_path)
    build = [sys.executable, "-m", "guide_builder.cli", "build", str(study), "--quiet",
             "--out", str(tmp_path / "book.pdf")]
    subprocess.run(build, env=environment, check=True, cwd=tmp_path)
    kept = list((tmp_path / "bytecode").rglob("dataclass-methods.*.marshal"))
    assert len(kept) == 1

    count = textwrap.dedent('''
        import guide_builder, guide_builder.build, guide_builder.cli, guide_builder.render.document
        methods = guide_builder.COMPILED_METHODS
        print(len(methods.compiled), len(methods.used))
    ''')
    result = subprocess.run([sys.executable, "-c", count], env=environment, check=True, cwd=tmp_path,
                            capture_output=True, text=True)
    compiled, used = map(int, result.stdout.split())
    assert compiled == 0 and used > 200


def test_the_package_installs_the_kept_methods() -> None:
    assert dataclasses.__dict__.get("exec") == guide_builder.COMPILED_METHODS.exec
