"""guide-builder: weekly teachings, scripture and questions become print-ready PDF workbooks."""

__version__ = "0.1.0"
