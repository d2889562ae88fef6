"""okg and Python's garbage collector: what long-running okg processes do about it, in one place.

A process that extracts or serves holds a large heap that lives as long as it does (the lexicons,
the gazetteer of divisions, the engine's Python side; `okg serve`'s whole graph), and makes objects
fast (every token, mention and fact of every page). With the collector's defaults, a full
collection every ~70,000 allocations walks that whole heap: on one core it took a third of the
extraction's time (bench/extract.py). So, once the long-lived part is loaded:

    keep_loaded()        # what is loaded so far is moved out of the collector's sight (gc.freeze)
    settle_extraction()  # and, in an extracting process, collections are made rarer; once per process

Frozen objects are still freed when nothing refers to them; only cyclic garbage of the moment of a
freeze stays, once.
"""

from __future__ import annotations

import gc

# A young collection every 20,000 allocations, not 700; a full one every 40 million, not 70,000.
# Extraction's garbage is freed by reference counting as each page is done: cycles are rare.
EXTRACTION_THRESHOLDS = (20_000, 20, 100)

_settled = False


def keep_loaded() -> None:
    """Move what is loaded so far out of the collector's sight: it lives as long as the process."""
    gc.collect()
    gc.freeze()


def settle_extraction() -> None:
    """Call after the first text was extracted (the lexicons and gazetteers are loaded by then)."""
    global _settled
    if _settled:
        return
    _settled = True
    keep_loaded()
    gc.set_threshold(*EXTRACTION_THRESHOLDS)
