"""Finish stage: PDF bytes from the renderer -> finished artifacts (booklet, per-week files).

pypdf is imported only in this package. Every function takes and returns bytes, touches no
file, and gives the same output bytes for the same input bytes.
"""

from guide_builder.finish.booklet import BookletResult, impose_booklet
from guide_builder.finish.split import split_pages

__all__ = ["BookletResult", "impose_booklet", "split_pages"]
