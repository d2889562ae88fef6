"""Engines that segment and tag text for the fact extractor, chosen by name and imported lazily.
Each engine module says, without importing its heavy packages, what it lacks here (`missing()`):
`unavailable(name)` asks it, `runnable()` lists the engines that can run (the API offers only those).

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


def unavailable(name: str) -> str | None:
    """One line saying why engine `name` cannot run here and how to install it; None when it can.
    Cheap: the engine's module is imported (it imports nothing heavy), its packages only looked for."""
    if name not in ENGINES:
        return f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}"
    return importlib.import_module(ENGINES[name][0]).missing()


def runnable() -> list[str]:
    """The engines that can run here, in ENGINES' order."""
    return [name for name in ENGINES if unavailable(name) is None]


def get_engine(name: str = "hanlp") -> Engine:
    """The engine called `name`, made once per process (starting a JVM or loading a model costs)."""
    if name not in ENGINES:
        raise EngineUnavailable(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
    if name not in _loaded:
        module_name, class_name = ENGINES[name]
        _loaded[name] = getattr(importlib.import_module(module_name), class_name)()
    return _loaded[name]


__all__ = ["ENGINES", "Engine", "EngineUnavailable", "Token", "get_engine", "runnable", "unavailable"]
