"""Stage 4, render: model + layouts + edition -> PDF bytes and a page map.

reportlab lives here and nowhere else. The whole workbook is laid out in one pass:
the contents page draws its page numbers as PDF form objects that are filled in once
the body is laid out, and the scripture index is built when the layout reaches it.
"""
