"""The build stage: parse cache for --watch, output names."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_builder.build import BuildOptions, ParseCache, build_guide, output_path, prepare_guide
from guide_builder.errors import GuideError
from guide_builder.model import Edition
from tests.conftest import WEEK, write_study


def test_parse_cache_reparses_only_changed_weeks(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s", {
        "week-01.md": WEEK.format(number=1, title="One"),
        "week-02.md": WEEK.format(number=2, title="Two"),
        "week-03.md": WEEK.format(number=3, title="Three"),
    })
    cache = ParseCache()
    build_guide(BuildOptions(root=study), cache=cache)
    assert cache.parsed == 3
    build_guide(BuildOptions(root=study), cache=cache)
    assert cache.parsed == 3
    (study / "content" / "week-02.md").write_text(WEEK.format(number=2, title="Two, revised"))
    report = build_guide(BuildOptions(root=study), cache=cache)
    assert cache.parsed == 4
    assert report.weeks == 3


def test_output_names_follow_the_spec(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    config = build_guide(BuildOptions(root=study)).outputs[0]
    assert config.name == "test-study.pdf"
    from guide_builder.build import prepare_guide

    guide_config = prepare_guide(study).guide.config
    names = [
        output_path(BuildOptions(root=study, weeks=(3, 3)), guide_config).name,
        output_path(BuildOptions(root=study, weeks=(2, 4)), guide_config).name,
        output_path(BuildOptions(root=study, edition=Edition.LEADER), guide_config).name,
        output_path(BuildOptions(root=study, weeks=(3, 3), edition=Edition.LEADER), guide_config).name,
    ]
    assert names == ["test-study-week-03.pdf", "test-study-weeks-02-04.pdf", "test-study-leader.pdf",
                     "test-study-week-03-leader.pdf"]


def test_the_cycle_collector_is_paused_during_a_build_and_restored_after(tmp_path, monkeypatch) -> None:
    import gc

    from benchmarks.make_study import make_study
    from guide_builder import output

    study = make_study(tmp_path / "study", 2, seed=1)
    during: list[bool] = []
    real_write = output.write_all

    def write_all(files) -> None:
        during.append(gc.isenabled())
        real_write(files)

    monkeypatch.setattr("guide_builder.output.write_all", write_all)
    assert gc.isenabled()
    build_guide(BuildOptions(root=study))
    assert during == [False] and gc.isenabled()
    gc.disable()
    try:
        build_guide(BuildOptions(root=study))
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
    (study / "content" / "week-01-broken.md").write_text("---\nweek: x\n---\n", encoding="utf-8")
    with pytest.raises(GuideError):  # broken on purpose: the collector must be back on after
        build_guide(BuildOptions(root=study))
    assert gc.isenabled()


def test_the_callers_own_work_runs_once_after_the_renderer_is_imported(tmp_path: Path) -> None:
    """`guide build` loads its console there, while weeks are parsed in another process."""
    import sys

    from benchmarks.make_study import make_study

    study = make_study(tmp_path / "s", 14, seed=2)  # enough weeks to parse in two processes
    seen: list[bool] = []
    build_guide(BuildOptions(root=study, out=tmp_path / "b.pdf"),
                meanwhile=lambda: seen.append("guide_builder.render.document" in sys.modules))
    assert seen == [True]


def test_guide_build_loads_its_console_meanwhile_unless_quiet(tmp_path: Path, monkeypatch) -> None:
    from guide_builder import build, cli
    from tests.conftest import run_guide

    study = write_study(tmp_path / "s")
    given = []
    real = build.build_guide

    def recording(options, step=lambda _s: None, cache=None, meanwhile=None):
        given.append(meanwhile)
        return real(options, step, cache, meanwhile)

    monkeypatch.setattr(build, "build_guide", recording)
    assert run_guide("build", study).code == 0
    assert run_guide("build", study, "--quiet").code == 0
    assert given == [cli._load_console, None]


def test_package_files_are_found_without_importlib_resources() -> None:
    """The bundled fonts, layouts and starter study are files in the package's folder;
    importlib.resources would import zipfile, lzma and bz2 to say so (some 5 ms a build)."""
    import subprocess
    import sys

    code = """
import sys
from guide_builder import glyphs, layout
from guide_builder.render import fonts
assert len(glyphs.printable()) > 1000
assert (fonts.font_folder() / "NotoSerif-Regular.ttf").is_file()
assert {source.path.stem for source in layout.builtin_layout_files()} >= {"standard", "handout"}
assert not [name for name in ("importlib.resources", "zipfile") if name in sys.modules]
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_settings_are_read_by_this_process_while_weeks_are_parsed(tmp_path: Path) -> None:
    """Only the main process needs guide.toml: it is read (and TOML imported) after the
    build forks to parse weeks; its problems still come first, before the weeks'."""
    import subprocess
    import sys

    from benchmarks.make_study import make_study

    study = make_study(tmp_path / "s", 8, seed=6)
    code = """
import sys
from pathlib import Path
from guide_builder import build, concurrency
at_fork = []
share = concurrency.map_shared

def recording(items, work, minimum, meanwhile=None):
    at_fork.append([name for name in ("tomllib", "guide_builder.parse.config") if name in sys.modules])
    return share(items, work, minimum, meanwhile)

build.map_shared = recording
prepared = build.prepare_guide(Path(sys.argv[1]))
assert at_fork == [[]], at_fork
assert prepared.guide.config.title and prepared.guide.config.translation == "WEB"
"""
    result = subprocess.run([sys.executable, "-c", code, str(study)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    toml = (study / "guide.toml").read_text(encoding="utf-8")
    (study / "guide.toml").write_text(toml.replace('page_size = "letter"', 'page_size = "napkin"'),
                                      encoding="utf-8")
    week = sorted((study / "content").glob("week-*.md"))[2]
    week.write_text(week.read_text(encoding="utf-8").replace("week: 3", "week: three"), encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        prepare_guide(study)
    paths = [diagnostic.path.name for diagnostic in raised.value.diagnostics]
    assert paths[0] == "guide.toml" and week.name in paths, paths
