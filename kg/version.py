"""kg's version (the package's, recorded on every loaded source)."""

__version__ = "0.1.0"
