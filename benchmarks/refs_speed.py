"""Reference extraction speed on dense text: references per second.

Run: ``python benchmarks/refs_speed.py`` (target: at least 50,000 references per second).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guide_builder.scripture import find_references

PARAGRAPH = (
    "Read Jn 3:16; 4:1-3 and Heb 11:6, 1Jn 4:18 before Sunday (Ps. 46:10\u201311; Jas 4:8). "
    "Romans 8:28, 38-39 frame the chapter; in v. 31 Paul asks who can be against us. "
    "Compare Isa 6:1-8; Ezek 1:26-28; Rev 4:1-11 and Matthew 5-7, then 1 Cor 13:4-7, 13. "
    "Psalm 23 and Jude 3 are short; John 22:1 and Psalm 151 do not exist. "
    "Mark my words: Dan 5 minutes late is a job well done at 4:30.\n"
)


def measure(repeats: int = 200, rounds: int = 5) -> tuple[int, float]:
    """(references found per pass, best references per second over ``rounds`` passes)."""
    text = PARAGRAPH * repeats
    found = len(find_references(text))
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        count = len(find_references(text))
        elapsed = time.perf_counter() - start
        best = max(best, count / elapsed)
    return found, best


def main() -> int:
    """Print the figure."""
    found, per_second = measure()
    print(f"{found} references per pass, {len(PARAGRAPH) * 200:,} characters")
    print(f"{per_second:,.0f} references per second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
