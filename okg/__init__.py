"""okg: a knowledge graph of Chinese officials from local news. The Python API (okg.notebook):

    import okg
    articles = okg.extract_text(text, date="2022-04-01")        # the facts, as okg.Article models
    graph = okg.open_graph("embedded", data_dir="data")   # or okg.open_graph("neo4j")
    graph.load("fixtures/")
    graph.people("李翔").to_frame()

`import okg` stays cheap: every subpackage imports this module, so the names below are imported
when first used (PEP 562), and no engine or JVM starts before a text is extracted. (`okg.extract`
is the extractor's package, hence `extract_text`.)
"""

from __future__ import annotations

import importlib

# public name -> the module that defines it
_EXPORTS = {
    "extract_text": "okg.notebook",
    "open_graph": "okg.notebook",
    "Graph": "okg.notebook",
    "Unknown": "okg.graph.lookup",
    "StoreUnavailable": "okg.graph.store",
    "LoadError": "okg.graph.store",
    "Article": "okg.facts",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'okg' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
