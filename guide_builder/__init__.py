"""guide-builder: weekly teachings, scripture and questions become print-ready PDF workbooks."""

from pathlib import Path

from guide_builder import kept_code

__version__ = "0.1.0"

# The bundled fonts, layouts and templates are files in the package's folder (fonts are
# opened by path). Found from here: importlib.resources would import zipfile, lzma and bz2
# to say the same, some 5 ms of every build.
PACKAGE_FOLDER = Path(__file__).resolve().parent

# The methods @dataclass writes and the programs of regular expressions are compiled once and
# kept (kept_code): compiling them on every import took some 60 ms before a build could start.
KEPT_CODE = kept_code.install()
