"""Score reference recognition on the development set.

Run ``python -m tests.scripture.score`` (add ``-v`` to list every miss).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field

from guide_builder.scripture import Reference, find_references

from .dev_set import ALL_CASES, Case


@dataclass
class Scores:
    cases: int = 0
    exact: int = 0
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    ordinary: int = 0
    ordinary_false_pos: int = 0
    invalid_expected: int = 0
    invalid_flagged: int = 0
    misses: list[tuple[Case, list[str], list[str]]] = field(default_factory=list)

    @property
    def exact_match(self) -> float:
        return self.exact / self.cases if self.cases else 1.0

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_pos + self.false_neg
        return self.true_pos / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def predict(case: Case) -> tuple[list[str], list[str]]:
    """(valid OSIS ids, invalid OSIS ids) found in a case's text."""
    context = Reference.from_osis(case.context) if case.context else None
    found = find_references(case.text, context)
    valid = [f.reference.osis() for f in found if f.problem is None]
    invalid = [f.reference.osis() for f in found if f.problem is not None]
    return valid, invalid


def score(cases: list[Case] = ALL_CASES) -> Scores:
    """Exact-match, precision, recall and F1 over valid and invalid references together."""
    scores = Scores()
    for case in cases:
        valid, invalid = predict(case)
        want_valid, want_invalid = case.refs.split(), case.invalid.split()
        scores.cases += 1
        if valid == want_valid and invalid == want_invalid:
            scores.exact += 1
        else:
            scores.misses.append((case, valid, invalid))
        got = Counter([("v", o) for o in valid] + [("i", o) for o in invalid])
        want = Counter([("v", o) for o in want_valid] + [("i", o) for o in want_invalid])
        scores.true_pos += sum((got & want).values())
        scores.false_pos += sum((got - want).values())
        scores.false_neg += sum((want - got).values())
        if case.category == "ordinary":
            scores.ordinary += 1
            scores.ordinary_false_pos += bool(valid or invalid)
        scores.invalid_expected += len(want_invalid)
        scores.invalid_flagged += sum((Counter(invalid) & Counter(want_invalid)).values())
    return scores


def report(scores: Scores, verbose: bool = False) -> str:
    """The figures as printed lines."""
    lines = [
        f"cases            {scores.cases}",
        f"exact match      {scores.exact_match:.3f}  ({scores.exact}/{scores.cases})",
        f"precision        {scores.precision:.3f}",
        f"recall           {scores.recall:.3f}",
        f"F1               {scores.f1:.3f}",
        f"false positives  {scores.false_pos} references; "
        f"{scores.ordinary_false_pos} of {scores.ordinary} ordinary-word sentences",
        f"invalid flagged  {scores.invalid_flagged}/{scores.invalid_expected}",
    ]
    if verbose:
        for case, valid, invalid in scores.misses:
            lines.append(f"MISS [{case.category}] {case.text!r}")
            lines.append(f"     want {case.refs.split()} invalid {case.invalid.split()}")
            lines.append(f"     got  {valid} invalid {invalid}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the development-set figures."""
    args = sys.argv[1:] if argv is None else argv
    print(report(score(), verbose="-v" in args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
