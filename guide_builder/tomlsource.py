"""Reading TOML files with line numbers for diagnostics (tomllib keeps none)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from guide_builder.errors import Diagnostic

_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\- \"]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*((?:\"?[A-Za-z0-9_\-]+\"?\s*\.\s*)*\"?[A-Za-z0-9_\-]+\"?)\s*=")  # a.b = ...
_ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")


class TomlSource:
    """A parsed TOML document plus the line of every `table.key`."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.data: dict[str, Any] = tomllib.loads(text)
        self.lines: dict[str, int] = {}
        table = ""
        for number, line in enumerate(text.splitlines(), start=1):
            if table_match := _TABLE.match(line):
                table = table_match.group(1).replace('"', "").replace(" ", "")
                self.lines.setdefault(table, number)
                continue
            if key_match := _KEY.match(line):
                key = re.sub(r"[\"\s]", "", key_match.group(1))
                dotted = f"{table}.{key}" if table else key
                parts = dotted.split(".")
                for end in range(len(parts), 0, -1):  # `page.size = ...` also writes the table `page`
                    self.lines.setdefault(".".join(parts[:end]), number)

    def line_of(self, dotted: str) -> int | None:
        """The line where `table.key` (or the table itself) is written, if found."""
        while dotted:
            if dotted in self.lines:
                return self.lines[dotted]
            dotted = dotted.rpartition(".")[0]
        return None


def load_toml(path: Path, text: str) -> TomlSource | Diagnostic:
    """Parse TOML text, or return a located diagnostic for a syntax error."""
    try:
        return TomlSource(path, text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _ERROR_LINE.search(message)
        line = int(match.group(1)) if match else None
        message = _ERROR_LINE.sub("", message).strip()
        return Diagnostic(
            path, line, f"invalid TOML: {message}",
            "check quotes, brackets and `key = value` pairs on that line",
        )
