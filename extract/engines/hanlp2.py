"""HanLP 2.x multi-task models (`pip install 'okg[hanlp2]'`; the model is downloaded at first use).

The model is named by `OKG_HANLP2_MODEL`: an identifier from `hanlp.pretrained.mtl` (the default,
`CLOSE_TOK_POS_NER_SRL_DEP_SDP_CON_ELECTRA_SMALL_ZH`), a full `hanlp.pretrained...` path, a URL, or
a local folder holding an unpacked model. Only the tasks okg needs are run
(`OKG_HANLP2_TASKS`, default `tok/fine,pos/pku,pos/ctb,ner/msra`).

HanLP 2.x answers with a `hanlp_common.document.Document`, a dict keyed by task:

    {"tok/fine": ["县委", "书记", "解芳", ...],
     "pos/pku":  ["nt", "n", "nr", ...],             # or "pos/ctb": ["NN", "NN", "NR", ...]
     "ner/msra": [["解芳", "PERSON", 2, 3], ...]}    # [text, label, first token, end token)

(for a list of sentences, every value is a list with one such entry per sentence).
`tokens_from_document` turns one sentence's document into base.Token lists with PKU-style tags:
named entities become one token tagged nr (PERSON), ns (LOCATION, GPE, FAC...) or nt
(ORGANIZATION), and offsets are found in the sentence itself.
"""

from __future__ import annotations

import importlib.util
import os

from okg.extract.engines.base import EngineUnavailable, Token

INSTALL = "pip install 'okg[hanlp2]'"
DEFAULT_MODEL = "CLOSE_TOK_POS_NER_SRL_DEP_SDP_CON_ELECTRA_SMALL_ZH"
DEFAULT_TASKS = "tok/fine,pos/pku,pos/ctb,ner/msra"

TOK_KEYS = ("tok/fine", "tok/coarse", "tok")
POS_KEYS = ("pos/pku", "pos/ctb", "pos/863", "pos")
NER_KEYS = ("ner/msra", "ner/pku", "ner/ontonotes", "ner")

# NER labels (MSRA, PKU, OntoNotes) -> PKU-style nature; other labels (numbers, money...) keep the tokens as they are
NER_TAGS = {
    "PERSON": "nr", "PER": "nr", "NR": "nr", "nr": "nr",
    "LOCATION": "ns", "LOC": "ns", "GPE": "ns", "FAC": "ns", "NS": "ns", "ns": "ns",
    "ORGANIZATION": "nt", "ORG": "nt", "NT": "nt", "nt": "nt",
    "DATE": "t", "TIME": "t",
}

# Chinese Treebank POS -> PKU-style, for models that give pos/ctb only
CTB_TAGS = {
    "NN": "n", "NR": "nz", "NT": "t", "PN": "r", "DT": "r", "CD": "m", "OD": "m", "M": "q",
    "VV": "v", "VA": "a", "VC": "v", "VE": "v", "AD": "d", "P": "p", "BA": "p", "LB": "p", "SB": "p",
    "CC": "c", "CS": "c", "DEC": "u", "DEG": "u", "DER": "u", "DEV": "u", "AS": "u", "ETC": "u",
    "MSP": "u", "SP": "y", "LC": "f", "JJ": "b", "IJ": "e", "ON": "o", "PU": "w", "FW": "nx",
    "URL": "nx", "EM": "x", "NOI": "x", "IC": "x",
}

# labels of pos/863 that differ from PKU
TAGS_863 = {"nh": "nr", "ni": "nt", "nl": "ns", "ws": "nx", "wp": "w"}


def _first(doc: dict, keys: tuple[str, ...]) -> tuple[str | None, list]:
    for k in keys:
        if k in doc and doc[k] is not None:
            return k, doc[k]
    return None, []


def pos_to_pku(tag: str, scheme: str | None) -> str:
    if scheme and scheme.endswith("ctb"):
        return CTB_TAGS.get(tag, tag.lower())
    if scheme and scheme.endswith("863"):
        return TAGS_863.get(tag, tag)
    return tag


def tokens_from_document(doc: dict, sentence: str) -> list[Token]:
    """One sentence's HanLP 2.x document (`tok/*`, `pos/*`, `ner/*` keys) as PKU-tagged Tokens.

    Offsets are into `sentence`: each token is looked for from the end of the one before,
    skipping what HanLP left out (spaces). A token that cannot be found (the model normalised it)
    is given the span of the characters it stands in for, as far as the next found token.
    """
    _, words = _first(doc, TOK_KEYS)
    pos_key, tags = _first(doc, POS_KEYS)
    _, entities = _first(doc, NER_KEYS)
    words = [str(w) for w in words]
    if not tags or len(tags) != len(words):
        tags = ["x"] * len(words)
        pos_key = None

    # character spans of the words in the sentence
    spans: list[tuple[int, int] | None] = []
    at = 0
    for w in words:
        i = sentence.find(w, at) if w else -1
        if i < 0 and w.strip():
            i = sentence.find(w.strip(), at)
            w = w.strip()
        if i < 0:
            spans.append(None)
        else:
            spans.append((i, i + len(w)))
            at = i + len(w)
    for k, sp in enumerate(spans):  # fill gaps: a lost token covers up to the next found one
        if sp is None:
            prev_end = next((spans[j][1] for j in range(k - 1, -1, -1) if spans[j]), 0)
            next_start = next((spans[j][0] for j in range(k + 1, len(spans)) if spans[j]), len(sentence))
            spans[k] = (prev_end, max(prev_end, next_start))

    # entity spans over token indices: [text, label, first, end) (a trailing score may follow)
    ents: dict[int, tuple[int, str]] = {}
    taken = [False] * len(words)
    for e in sorted(_entities(entities), key=lambda e: (e[2] - e[3], e[2])):  # longest first
        _, label, first, end = e
        nature = NER_TAGS.get(label)
        if nature is None or not (0 <= first < end <= len(words)) or any(taken[first:end]):
            continue
        for j in range(first, end):
            taken[j] = True
        ents[first] = (end, nature)

    out: list[Token] = []
    k = 0
    while k < len(words):
        if k in ents:
            end, nature = ents[k]
            s, e = spans[k][0], spans[end - 1][1]  # type: ignore[index]
            out.append(Token(sentence[s:e], nature, s, e))
            k = end
            continue
        s, e = spans[k]  # type: ignore[misc]
        out.append(Token(sentence[s:e] if e > s else words[k], pos_to_pku(str(tags[k]), pos_key), s, e))
        k += 1
    return out


def _entities(raw) -> list[tuple[str, str, int, int]]:
    out = []
    for e in raw or []:
        if isinstance(e, dict):
            text, label = e.get("text", ""), e.get("label") or e.get("type")
            first, end = e.get("start"), e.get("end")
        elif isinstance(e, (list, tuple)) and len(e) >= 4:
            text, label, first, end = e[0], e[1], e[2], e[3]
        else:
            continue
        if isinstance(first, int) and isinstance(end, int) and label:
            out.append((str(text), str(label), first, end))
    return out


def split_document(doc: dict, n: int) -> list[dict]:
    """A document for n sentences (every value a list of n) as n one-sentence documents."""
    docs: list[dict] = [{} for _ in range(n)]
    for key, value in dict(doc).items():
        if isinstance(value, list) and len(value) == n:
            for i in range(n):
                docs[i][key] = value[i]
    return docs


def missing() -> str | None:
    """Why this engine cannot run here (HanLP 2.x not installed), without importing it; None when it can."""
    if importlib.util.find_spec("hanlp") is None:
        return f"the hanlp2 engine needs HanLP 2.x (the hanlp package): {INSTALL}"
    return None


class HanLP2Engine:
    name = "hanlp2"

    def __init__(self) -> None:
        try:
            import hanlp
        except ImportError as e:
            raise EngineUnavailable(f"the hanlp2 engine needs HanLP 2.x (the hanlp package): {INSTALL}") from e
        self._hanlp = hanlp
        self.model_name = os.environ.get("OKG_HANLP2_MODEL", DEFAULT_MODEL)
        self.tasks = [t for t in os.environ.get("OKG_HANLP2_TASKS", DEFAULT_TASKS).split(",") if t]
        self._model = None

    def _load(self):
        if self._model is None:
            ident = self.model_name
            if not os.path.exists(ident) and "://" not in ident:
                mtl = self._hanlp.pretrained.mtl
                short = ident.rsplit(".", 1)[-1]
                ident = getattr(mtl, short, ident)
            try:
                self._model = self._hanlp.load(ident)
            except Exception as e:  # no network, unknown name, broken download
                raise EngineUnavailable(
                    f"HanLP 2.x could not load the model {self.model_name!r} ({type(e).__name__}: {e}); "
                    "it is downloaded at first use, or set OKG_HANLP2_MODEL to a local model folder"
                ) from e
        return self._model

    def _run(self, sentences: list[str]) -> dict:
        model = self._load()
        tasks = [t for t in self.tasks if not getattr(model, "tasks", None) or t in model.tasks]
        try:
            return model(sentences, tasks=tasks) if tasks else model(sentences)
        except (TypeError, KeyError, ValueError):
            return model(sentences)

    def tokenize(self, sentence: str) -> list[Token]:
        return self.tokenize_many([sentence])[0]

    def tokenize_many(self, sentences: list[str]) -> list[list[Token]]:
        out: list[list[Token]] = [[] for _ in sentences]
        live = [i for i, s in enumerate(sentences) if s.strip()]
        if not live:
            return out
        doc = self._run([sentences[i] for i in live])
        for i, one in zip(live, split_document(doc, len(live))):
            out[i] = tokens_from_document(one, sentences[i])
        return out
