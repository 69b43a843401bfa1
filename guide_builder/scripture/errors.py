"""Errors raised by the scripture package. All carry a ``message`` and a ``hint``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .reference import Reference


class ScriptureError(ValueError):
    """Base class: ``message`` says what is wrong, ``hint`` what to do about it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ReferenceSyntaxError(ScriptureError):
    """The text is not a scripture reference (or is more than one)."""


class InvalidReference(ScriptureError):
    """The reference names a chapter or verse that does not exist ("John has 21 chapters")."""

    def __init__(self, message: str, hint: str = "", reference: Reference | None = None) -> None:
        super().__init__(message, hint)
        self.reference = reference


class UnknownTranslation(ScriptureError):
    """The translation code is not one this tool has text for."""


class TranslationNotInstalled(ScriptureError):
    """The translation is known but its text package is not installed."""
