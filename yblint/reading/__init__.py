"""Reading drafts: finding the files, decoding them, and handing their text to the parsers."""

from yblint.reading.discover import discover
from yblint.reading.source import Source, read_source

__all__ = ["Source", "discover", "read_source"]
