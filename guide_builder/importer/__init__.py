"""`guide import`: turn an article (plain text, Markdown, HTML, Word .docx) into a week file.

>>> result = import_article(Path("post.html"), week=3)          # doctest: +SKIP
>>> Path("content", result.suggested_name).write_text(result.markdown)  # doctest: +SKIP

`ImportResult.summary` lists, for the user to check, the sections, passages and questions
found, what was dropped as web boilerplate, and anything uncertain.
"""

from guide_builder.importer.core import import_article
from guide_builder.importer.model import ImportProblem, ImportResult

__all__ = ["ImportProblem", "ImportResult", "import_article"]
