"""`guide refs` and `guide verse` as a user calls them."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from guide_builder.cli import app
from tests.conftest import run_guide


def test_refs_prints_canonical_references_and_invalid_on_stderr() -> None:
    result = run_guide("refs", "Read Jn 3:16; 4:1-3 and Heb 11:6, 1Jn 4:18. Mark my words. John 22:1")
    assert result.code == 0
    assert result.stdout.splitlines() == ["John 3:16", "John 4:1-3", "Hebrews 11:6", "1 John 4:18"]
    assert "John has 21 chapters" in result.stderr


def test_refs_osis() -> None:
    result = run_guide("refs", "--osis", "(Ps. 46:10\u201311; Jas 4:8)")
    assert result.stdout.split() == ["Ps.46.10-Ps.46.11", "Jas.4.8"]


def test_refs_reads_stdin_and_jsonl() -> None:
    runner = CliRunner()
    lines = [json.dumps({"text": "see v. 20", "context": "John 3:16"}), "not json",
             json.dumps({"text": "Psalm 151"})]
    result = runner.invoke(app, ["refs", "--jsonl", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0] == {"refs": ["John.3.20"], "invalid": []}
    assert out[1]["refs"] == [] and "error" in out[1]
    assert out[2]["invalid"] and not out[2]["refs"]


def test_verse_prints_numbered_text() -> None:
    result = run_guide("verse", "John 3:16-17")
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "John 3:16-17 (WEB)"
    assert lines[1].startswith("16 For God so loved the world")
    assert lines[2].startswith("17 ")


def test_verse_kjv_and_bad_reference() -> None:
    assert "only begotten Son" in run_guide("verse", "Jn 3:16", "--translation", "KJV").stdout
    bad = run_guide("verse", "Hez 1:1")
    assert bad.code == 1
    assert "is not a scripture reference" in bad.stderr
