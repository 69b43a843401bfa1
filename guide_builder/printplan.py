"""`--copies N`: how much paper a print run takes and how to set the printer."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class PrintPlan:
    """Sheets per copy and in all, for each way of printing the workbook."""

    pages: int
    copies: int
    page_size: str
    booklet_sheets: int | None = None
    booklet_paper: str = ""

    @property
    def single_sided(self) -> int:
        """Sheets for one copy printed on one side."""
        return self.pages

    @property
    def double_sided(self) -> int:
        """Sheets for one copy printed on both sides."""
        return math.ceil(self.pages / 2)

    def lines(self, name: str) -> list[str]:
        """The plan as lines for the terminal."""
        copies = self.copies
        plan = [
            f"Print plan for {copies} {'copy' if copies == 1 else 'copies'} of {name} "
            f"({self.pages} pages, {self.page_size}):",
            f"  single-sided: {self.single_sided} sheets a copy, {self.single_sided * copies} in all",
            f"  double-sided: {self.double_sided} sheets a copy, {self.double_sided * copies} in all "
            "(printer: two-sided, flip on the long edge)",
        ]
        if self.booklet_sheets is not None:
            plan.append(
                f"  booklet: {self.booklet_sheets} sheets of {self.booklet_paper} a copy, "
                f"{self.booklet_sheets * copies} in all (two-sided, flip on the short edge; "
                "fold the stack and staple on the fold)"
            )
        return plan
