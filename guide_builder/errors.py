"""Diagnostics: problems found in a study, collected and reported together.

A Diagnostic names the file and line, says what is wrong and how to fix it. Stages
collect them in a list and raise GuideError once, so a user sees every problem at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem in the user's files."""

    path: Path | None
    line: int | None
    message: str
    hint: str = ""
    severity: Severity = "error"

    def location(self, root: Path | None = None) -> str:
        """`path:line` relative to `root` when possible (empty when there is no path)."""
        if self.path is None:
            return ""
        shown = self.path
        if root is not None:
            try:
                shown = Path(os.path.abspath(self.path)).relative_to(os.path.abspath(root))
            except ValueError:
                shown = self.path
        return f"{shown}:{self.line}" if self.line else str(shown)

    def format(self, root: Path | None = None) -> str:
        """The one-line form `path:line: message` (with `warning: ` for warnings)."""
        where = self.location(root)
        kind = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {kind}{self.message}" if where else f"{kind}{self.message}"
        return text


class GuideError(Exception):
    """Raised when a stage found errors in the user's files; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.format() for d in diagnostics))


class Collector:
    """Gathers diagnostics during a stage; `raise_if_errors` stops the pipeline."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, path: Path | None, line: int | None, message: str, hint: str = "") -> None:
        """Record an error."""
        self.items.append(Diagnostic(path, line, message, hint, "error"))

    def warn(self, path: Path | None, line: int | None, message: str, hint: str = "") -> None:
        """Record a warning (the build goes on)."""
        self.items.append(Diagnostic(path, line, message, hint, "warning"))

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        """Add diagnostics found elsewhere."""
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the errors."""
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Only the warnings."""
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_errors(self) -> None:
        """Raise GuideError with everything collected if any error was found."""
        if self.errors:
            raise GuideError(list(self.items))
