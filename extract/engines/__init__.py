"""Engines that segment and tag text for the fact extractor, chosen by name and imported lazily.

    hanlp   HanLP 1.x portable jar through JPype (the default; runs offline)
    hanlp2  HanLP 2.x multi-task models (optional extra `okg[hanlp2]`; downloads its models)
    lac     Baidu LAC as ONNX (optional extra `okg[lac]`; ships its model)
"""

from __future__ import annotations

import importlib

from okg.extract.engines.base import Engine, EngineUnavailable, Token

# engine name -> (module, class); the module is imported only when the engine is asked for
ENGINES = {
    "hanlp": ("okg.extract.engines.hanlp", "HanLPEngine"),
    "hanlp2": ("okg.extract.engines.hanlp2", "HanLP2Engine"),
    "lac": ("okg.extract.engines.lac", "LACEngine"),
}

_loaded: dict[str, Engine] = {}


def get_engine(name: str = "hanlp") -> Engine:
    """The engine called `name`, made once per process (starting a JVM or loading a model costs)."""
    if name not in ENGINES:
        raise EngineUnavailable(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
    if name not in _loaded:
        module_name, class_name = ENGINES[name]
        _loaded[name] = getattr(importlib.import_module(module_name), class_name)()
    return _loaded[name]


__all__ = ["ENGINES", "Engine", "EngineUnavailable", "Token", "get_engine"]
