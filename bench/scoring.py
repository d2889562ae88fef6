"""Score extracted facts against a hand-made gold annotation.

    python bench/scoring.py GOLD.json PRED.json [PRED.json ...]

GOLD.json is a list of gold articles; each PRED.json is what `okg extract FILE --format json` wrote
(`{"articles": [...]}`), its file stem naming the gold article it is for. As a library:

    score(gold: list[dict], predictions: dict[str, list[dict]]) -> Report
    Report.table() -> str; Report.overall() -> float; Report.articles[i].kinds[kind].missed / .extra

Conventions (the gold's, for real news items):
- Which predicted articles a gold article is compared with: with an `anchor`, every predicted
  article whose body contains the anchor (for pages holding several items); else the articles of
  the prediction file whose stem is the gold `id`, or else those whose `source` file has that stem.
- Facts, compared per gold article, micro-averaged over all: persons (name), positions
  (person, title), roles ((person, role) over all events), inspected (person, target), reporters
  (name), titles (the headline). The overall F1 is over persons + positions + roles + inspected.
- Text is compared with white space, width variants (NFKC), pinyin glosses (`協(xié)`) and the
  difference of traditional and simplified script (OpenCC t2s) removed.
- A title matches when one is a suffix of the other of 2+ characters, unless the longer puts 副
  right before it (`县委书记` matches `书记`, `副书记` does not); a target matches when one contains
  the other (2+ characters). These two are matched one to one, greedily in prediction order.
- Judgement calls the gold lists (`roles_ambiguous`, `inspected_ambiguous`, `generic_titles`: group
  labels such as 县领导) count neither way: they are dropped from gold and from the predictions.
- Every predicted fact keeps the `rule` of the first evidence of what it came from (the person,
  position, participant or inspection), None when there is none.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from opencc import OpenCC

KINDS = ("persons", "positions", "roles", "inspected", "reporters", "titles")
CORE = ("persons", "positions", "roles", "inspected")  # what the overall F1 is over
ROLES = ("ATTENDED", "CHAIRED", "SPOKE", "INSPECTED", "ACCOMPANIED", "GUIDED")
_PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_to_simplified = OpenCC("t2s").convert


def norm(text: str | None) -> str:
    """Text as compared: no white space, NFKC, no pinyin glosses, simplified script."""
    folded = unicodedata.normalize("NFKC", re.sub(r"\s+", "", text or ""))
    return _to_simplified(_PINYIN_GLOSS.sub("", folded))


def title_match(predicted: str, gold: str) -> bool:
    a, b = norm(predicted), norm(gold)
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= 2 and longer.endswith(shorter) and not longer[: -len(shorter)].endswith("副")


def target_match(predicted: str, gold: str) -> bool:
    a, b = norm(predicted), norm(gold)
    return min(len(a), len(b)) >= 2 and (a in b or b in a)


# --- facts -----------------------------------------------------------------------------------------


def first_rule(fact: dict) -> str | None:
    evidence = fact.get("evidence") or []
    return evidence[0].get("rule") if evidence and isinstance(evidence[0], dict) else None


def _name(entry) -> str:
    return entry["name"] if isinstance(entry, dict) else entry


def predicted_facts(articles: list[dict]) -> dict[str, dict]:
    """kind -> {fact: rule}, in the order the facts first appear (which greedy matching follows)."""
    facts: dict[str, dict] = {k: {} for k in KINDS}

    def add(kind, key, rule=None):
        facts[kind].setdefault(key, rule)

    for a in articles:
        for p in a.get("persons") or []:
            add("persons", norm(_name(p)), first_rule(p) if isinstance(p, dict) else None)
        for r in a.get("reporters") or []:
            add("reporters", norm(_name(r)))
        if a.get("title"):
            add("titles", norm(a["title"]))
        for pos in a.get("positions") or []:
            add("positions", (norm(pos["person"]), pos.get("title") or ""), first_rule(pos))
        for event in a.get("events") or []:
            for part in event.get("participants") or []:
                for role in part.get("roles") or []:
                    add("roles", (norm(part["person"]), role.upper()), first_rule(part))
            for insp in event.get("inspected") or []:
                add("inspected", (norm(insp["person"]), insp.get("target") or ""), first_rule(insp))
    return facts


@dataclass
class Gold:
    facts: dict[str, list]  # kind -> the article's gold facts, judgement calls left out
    neutral_roles: set
    neutral_inspected: list
    neutral_positions: list


def gold_facts(g: dict) -> Gold:
    def pairs(entries, value):
        return [(norm(e["person"]), e[value]) for e in entries or []]

    neutral_roles = set(pairs(g.get("roles_ambiguous"), "role"))
    neutral_inspected = pairs(g.get("inspected_ambiguous"), "target")
    events = g.get("events") or []
    roles = [r for e in events for r in pairs(e.get("roles"), "role") if r not in neutral_roles]
    inspected = [i for e in events for i in pairs(e.get("inspected"), "target") if not _is_neutral(i, neutral_inspected)]
    facts = {
        "persons": [norm(_name(n)) for n in g.get("persons") or []],
        "positions": pairs(g.get("positions"), "title"),
        "roles": roles,
        "inspected": inspected,
        "reporters": [norm(_name(n)) for n in g.get("reporters") or []],
        "titles": [norm(g["title"])] if g.get("title") else [],
    }
    facts = {k: list(dict.fromkeys(v)) for k, v in facts.items()}
    return Gold(facts, neutral_roles, neutral_inspected, pairs(g.get("generic_titles"), "label"))


def _is_neutral(fact: tuple, calls: list) -> bool:
    return any(fact[0] == person and target_match(fact[1], target) for person, target in calls)


def drop_neutral(pred: dict[str, dict], gold: Gold) -> None:
    """Predictions that only meet a gold judgement call count neither way."""
    pred["roles"] = {f: r for f, r in pred["roles"].items() if f not in gold.neutral_roles}
    pred["inspected"] = {f: r for f, r in pred["inspected"].items() if not _is_neutral(f, gold.neutral_inspected)}
    generic = {(person, norm(label)) for person, label in gold.neutral_positions}
    pred["positions"] = {f: r for f, r in pred["positions"].items() if (f[0], norm(f[1])) not in generic}


# --- comparing -------------------------------------------------------------------------------------


@dataclass
class Comparison:
    matched: list = field(default_factory=list)  # (predicted fact, gold fact)
    extra: list = field(default_factory=list)  # predicted, not in gold
    missed: list = field(default_factory=list)  # in gold, not predicted

    def counts(self) -> tuple[int, int, int]:
        """(true positives, predicted, gold)"""
        return len(self.matched), len(self.matched) + len(self.extra), len(self.matched) + len(self.missed)


def compare(kind: str, pred: list, gold: list) -> Comparison:
    """Predicted facts against gold ones; positions and targets matched one to one, greedily."""
    match = {"positions": title_match, "inspected": target_match}.get(kind)
    if match is None:
        known = set(gold)
        return Comparison([(f, f) for f in pred if f in known], [f for f in pred if f not in known], [f for f in gold if f not in set(pred)])
    free = list(gold)
    out = Comparison()
    for fact in pred:
        hit = next((g for g in free if g[0] == fact[0] and match(fact[1], g[1])), None)
        if hit is None:
            out.extra.append(fact)
        else:
            free.remove(hit)
            out.matched.append((fact, hit))
    out.missed = free
    return out


@dataclass
class ArticleResult:
    id: str
    kinds: dict[str, Comparison]
    rules: dict[str, dict]  # kind -> {predicted fact: rule}
    found: int  # predicted articles compared with it


def articles_for(g: dict, predictions: dict[str, list[dict]]) -> list[dict]:
    every = [a for arts in predictions.values() for a in arts]
    if g.get("anchor"):
        anchor = norm(g["anchor"])
        return [a for a in every if anchor in norm(a.get("body"))]
    return predictions.get(g["id"]) or [a for a in every if Path(str(a.get("source") or "")).stem == g["id"]]


def score_article(g: dict, predicted: list[dict]) -> ArticleResult:
    pred, gold = predicted_facts(predicted), gold_facts(g)
    drop_neutral(pred, gold)
    kinds = {k: compare(k, list(pred[k]), gold.facts[k]) for k in KINDS}
    return ArticleResult(g["id"], kinds, pred, len(predicted))


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    articles: list[ArticleResult]

    def totals(self, kind: str, role: str | None = None) -> tuple[int, int, int]:
        total = [0, 0, 0]
        for a in self.articles:
            c = a.kinds[kind]
            if role is not None:
                c = Comparison([m for m in c.matched if m[0][1] == role], [f for f in c.extra if f[1] == role],
                               [f for f in c.missed if f[1] == role])
            total = [x + y for x, y in zip(total, c.counts())]
        return tuple(total)

    def rows(self) -> dict[str, tuple[float, float, float]]:
        rows = {k: prf(*self.totals(k)) for k in KINDS}
        rows.update({f"role:{r}": prf(*self.totals("roles", r)) for r in ROLES})
        return rows

    def overall(self) -> float:
        core = [sum(self.totals(k)[i] for k in CORE) for i in range(3)]
        return prf(*core)[2]

    def table(self) -> str:
        lines = [f"{'':16}{'P':>7}{'R':>7}{'F1':>7}"]
        lines += [f"{k:16}{p:7.3f}{r:7.3f}{f:7.3f}" for k, (p, r, f) in self.rows().items()]
        return "\n".join(lines + [f"overall F1 {self.overall():.3f}"])


def score(gold: list[dict], predictions: dict[str, list[dict]]) -> Report:
    """Every gold article against the predicted articles it is matched with."""
    return Report([score_article(g, articles_for(g, predictions)) for g in gold])


# --- files -----------------------------------------------------------------------------------------


def read_gold(path: Path) -> list[dict]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise SystemExit(f"{path}: unreadable gold file ({e})")
    if not isinstance(gold, list) or not all(isinstance(g, dict) and "id" in g for g in gold):
        raise SystemExit(f"{path}: a gold file is a JSON list of articles, each with an \"id\"")
    return gold


def read_predictions(paths: list[Path]) -> dict[str, list[dict]]:
    """stem -> predicted articles; an unreadable file counts as empty, with a one-line warning."""
    predictions = {}
    for path in map(Path, paths):
        try:
            predictions[path.stem] = json.loads(path.read_text(encoding="utf-8")).get("articles") or []
        except (OSError, ValueError, AttributeError) as e:
            print(f"{path}: unreadable prediction ({e}); counted as empty", file=sys.stderr)
            predictions[path.stem] = []
    return predictions


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    print(score(read_gold(Path(argv[0])), read_predictions(argv[1:])).table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
