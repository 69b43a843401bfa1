"""[translations.X]: notices on the notice page and quotation limits."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.conftest import GUIDE_TOML, run_guide, write_study

WEEK = """\
---
week: 1
title: Quoted
scriptures:
  - ref: John 3:16-18
    text: "For God so loved the world..."
    translation: NIV
  - Psalm 23
---

## Teaching

Text.
"""


def test_notice_printed_and_limit_warned(tmp_path: Path) -> None:
    toml = GUIDE_TOML + '\n[translations.NIV]\nnotice = "NIV notice text."\nmax_verses = 2\n'
    study = write_study(tmp_path / "s", {"week-01.md": WEEK}, toml=toml)
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    assert "guide.toml:7: warning: the study quotes 3 verses of the NIV, more than its max_verses = 2" in (
        result.stderr)
    notice_page = PdfReader(study / "output" / "test-study.pdf").pages[1].extract_text()
    assert "NIV notice text." in notice_page
    assert "World English Bible" in notice_page


def test_only_limited_translations_are_counted_each_against_its_own_limit(tmp_path: Path) -> None:
    """The study's own translation (WEB) limited too: its verses are counted apart from the
    NIV's, and a translation without a limit is never warned about."""
    toml = GUIDE_TOML + "\n[translations.NIV]\nmax_verses = 2\n\n[translations.WEB]\nmax_verses = 1\n"
    study = write_study(tmp_path / "s", {"week-01.md": WEEK}, toml=toml)
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    assert "the study quotes 3 verses of the NIV, more than its max_verses = 2" in result.stderr
    assert "the study quotes 6 verses of the WEB, more than its max_verses = 1" in result.stderr
    toml = GUIDE_TOML + "\n[translations.NIV]\nnotice = \"NIV notice text.\"\n"
    study = write_study(tmp_path / "t", {"week-01.md": WEEK}, toml=toml)
    result = run_guide("build", study)
    assert result.code == 0 and "max_verses" not in result.stderr, result.stderr


def test_bad_translation_table_is_located(tmp_path: Path) -> None:
    toml = GUIDE_TOML + "\n[translations.NIV]\nmax_verses = -1\nnotes = 1\n"
    study = write_study(tmp_path / "s", toml=toml)
    result = run_guide("check", study)
    assert result.code == 1
    assert "guide.toml:8: `max_verses` must be a whole number" in result.stderr
    assert "guide.toml:9: unknown key `notes` in [translations.NIV]" in result.stderr
