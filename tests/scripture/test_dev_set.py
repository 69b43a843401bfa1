"""The development set's figures must meet the issue's targets."""

from __future__ import annotations

from .dev_set import ALL_CASES
from .score import report, score


def test_dev_set_is_large_and_covers_ordinary_words() -> None:
    assert len(ALL_CASES) >= 220
    assert sum(case.category == "ordinary" for case in ALL_CASES) >= 40
    assert sum(bool(case.invalid) for case in ALL_CASES) >= 15


def test_dev_set_scores() -> None:
    scores = score()
    summary = report(scores, verbose=True)
    assert scores.exact_match >= 0.97, summary
    assert scores.f1 >= 0.98, summary
    assert scores.ordinary_false_pos <= 1, summary
    assert scores.invalid_flagged == scores.invalid_expected, summary
