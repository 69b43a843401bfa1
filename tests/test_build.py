"""The build stage: parse cache for --watch, output names."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_builder.build import BuildOptions, ParseCache, build_guide, output_path
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
