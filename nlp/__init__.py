"""vnpolicy's extraction engine: Vietnamese policy news → facts with provenance.

    >>> import nlp
    >>> pipe = nlp.load()                      # a spaCy Language, built once per process
    >>> doc = pipe("Thứ trưởng Bộ Nội vụ Nguyễn Thị Hà làm việc tại tỉnh Lai Châu.")
    >>> [(e.text, e.label_) for e in doc.ents]
    >>> nlp.extract({"id": "a1", "text": "...", "published": "2025-11-13"})["record"]

`extract` returns the spec record (../shared/spec/extraction.md) with the
mentions and events behind it; `extract_many` does the same for a stream of
articles, in input order, with N worker processes.  Each article runs under a
time budget (`settings.extract_budget_seconds`, nlp.budget): past it, `extract`
raises `BudgetExceeded`, and `extract_many(..., errors="return")` yields
`{"error": reason, ...}` for that article and goes on with the next.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from .budget import BudgetExceeded, check, deadline
from .version import PIPELINE_VERSION

__all__ = ["PIPELINE_VERSION", "BudgetExceeded", "load", "extract", "extract_many", "process", "make_article_doc"]

_ARTICLE_FIELDS = ("id", "url", "title", "published", "text")


@lru_cache(maxsize=1)
def load():
    """The spaCy pipeline: underthesea tokenizer + the vnpolicy extractors."""
    import spacy

    from . import components  # noqa: F401  (registers the factories)
    from .segment import UndertheseaTokenizer

    pipe = spacy.blank("xx")  # language-neutral Vocab; the tokenizer is ours
    pipe.tokenizer = UndertheseaTokenizer(pipe.vocab)
    # spaCy's length limit guards its parser and NER, which this pipeline has none of; underthesea
    # segments long texts in bounded pieces (nlp.segment), so a long article is processed, not refused.
    pipe.max_length = 10**9
    for name in components.PIPE_NAMES:
        pipe.add_pipe(name)
    pipe.meta["name"] = "vnpolicy"
    pipe.meta["version"] = PIPELINE_VERSION
    return pipe


def check_article(article) -> str | None:
    """Why `article` cannot be extracted (wrong types, text Unicode cannot encode), else None."""
    if not isinstance(article, dict):
        return f"not a JSON object but {type(article).__name__}"
    for key, types in (("id", (str, int)), ("url", str), ("title", str), ("published", str), ("text", str)):
        value = article.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
            return f'"{key}" must be a string or null, not {type(value).__name__}'
    for key in ("id", "url", "title", "published", "text"):
        value = article.get(key)
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f'"{key}" holds a lone surrogate (U+{ord(value[exc.start]):04X}) at character {exc.start}'
    return None


def make_article_doc(article: dict):
    """A tokenized Doc carrying the article's metadata, ready for the pipes."""
    pipe = load()
    doc = pipe.make_doc(article.get("text") or "")
    doc._.vnp_meta = {k: article.get(k) for k in ("id", "url", "title", "published")}
    return doc


def _result(doc) -> dict:
    from .record import events_from_doc, mentions_from_doc, record_from_doc

    return {"record": record_from_doc(doc), "mentions": mentions_from_doc(doc),
            "events": events_from_doc(doc), "pipeline_version": PIPELINE_VERSION}


def budget_for(text: str | None) -> float:
    """The time budget of one article: `extract_budget_seconds`, or more for a long text (one second
    per `extract_budget_chars` characters); 0 means none."""
    import settings

    base = float(settings.get("extract_budget_seconds") or 0)
    if base <= 0:
        return 0.0
    return max(base, len(text or "") / max(1, int(settings.get("extract_budget_chars"))))


def extract(article: dict, budget_seconds: float | None = None) -> dict:
    """One article {id, url, title, published, text} → record, mentions, events.

    Raises ValueError for an article of the wrong shape and BudgetExceeded when it runs over
    `budget_seconds` (default: the `extract_budget_seconds` setting; 0 for none).
    """
    return _result(process(article, budget_seconds))


def process(article: dict, budget_seconds: float | None = None):
    """The processed spaCy Doc of one article (what `extract` reads its result from): its
    `doc.ents` and `doc.spans` have exactly the offsets of the mentions `extract` returns."""
    problem = check_article(article)
    if problem:
        raise ValueError(problem)
    pipe = load()
    with deadline(budget_for(article.get("text")) if budget_seconds is None else budget_seconds):
        doc = make_article_doc(article)
        for name, proc in pipe.pipeline:
            check(name)
            doc = proc(doc)
        return doc


def failure(article, exc: BaseException) -> dict:
    """The result `extract_many(errors="return")` yields for an article that could not be extracted."""
    ident = article.get("id") if isinstance(article, dict) else None
    return {"error": f"{type(exc).__name__}: {exc}", "id": ident, "record": None, "mentions": [], "events": [],
            "pipeline_version": PIPELINE_VERSION}


def _extract_or_fail(article, errors: str) -> dict:
    if errors == "raise":
        return extract(article)
    try:
        return extract(article)
    except Exception as exc:  # noqa: BLE001 - reported per article; the batch goes on
        return failure(article, exc)


def _extract_batch(batch: list[dict], errors: str = "raise") -> list[dict]:
    return [_extract_or_fail(a, errors) for a in batch]


def extract_many(articles: Iterable[dict], workers: int = 1, batch_size: int = 16,
                 errors: str = "raise") -> Iterator[dict]:
    """`extract` over a stream, in input order; `workers` > 1 uses processes.

    errors="raise" stops at the first article that fails; errors="return" yields
    `failure(article, exc)` ({"error": reason, ...}) for it and goes on.
    """
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
    if workers <= 1:
        load()
        for article in articles:
            yield _extract_or_fail(article, errors)
        return
    import functools
    import multiprocessing as mp

    def batches():
        batch: list[dict] = []
        for a in articles:
            batch.append(a)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    # fork: the children inherit the loaded pipeline instead of loading it again
    load()
    with mp.get_context("fork").Pool(workers) as pool:
        for results in pool.imap(functools.partial(_extract_batch, errors=errors), batches()):
            yield from results
