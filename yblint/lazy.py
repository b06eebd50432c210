"""Modules imported on first use: a heavy library (numpy: about 0.1 s) that a module needs only in
some of its functions costs nothing to a run that never calls them.

    if TYPE_CHECKING:
        import numpy as np
    else:
        np = lazy_import("numpy")

``np`` is a module object at once; the library is imported when one of its attributes is first read
(importlib.util.LazyLoader). A module that is imported already is returned as it is.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_import(name: str) -> ModuleType:
    """The module ``name``, to be executed when an attribute of it is first read."""
    module = sys.modules.get(name)
    if module is not None:
        return module
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
