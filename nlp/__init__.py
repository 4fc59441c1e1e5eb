"""vnpolicy's extraction engine: Vietnamese policy news → facts with provenance.

    >>> import nlp
    >>> pipe = nlp.load()                      # a spaCy Language, built once per process
    >>> doc = pipe("Thứ trưởng Bộ Nội vụ Nguyễn Thị Hà làm việc tại tỉnh Lai Châu.")
    >>> [(e.text, e.label_) for e in doc.ents]
    >>> nlp.extract({"id": "a1", "text": "...", "published": "2025-11-13"})["record"]

`extract` returns the spec record (../shared/spec/extraction.md) with the
mentions and events behind it; `extract_many` does the same for a stream of
articles, in input order, with N worker processes.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

PIPELINE_VERSION = "0.1.0"


@lru_cache(maxsize=1)
def load():
    """The spaCy pipeline: underthesea tokenizer + the vnpolicy extractors."""
    import spacy

    from . import components  # noqa: F401  (registers the factories)
    from .segment import UndertheseaTokenizer

    pipe = spacy.blank("xx")  # language-neutral Vocab; the tokenizer is ours
    pipe.tokenizer = UndertheseaTokenizer(pipe.vocab)
    for name in components.PIPE_NAMES:
        pipe.add_pipe(name)
    pipe.meta["name"] = "vnpolicy"
    pipe.meta["version"] = PIPELINE_VERSION
    return pipe


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


def extract(article: dict) -> dict:
    """One article {id, url, title, published, text} → record, mentions, events."""
    pipe = load()
    doc = make_article_doc(article)
    for _name, proc in pipe.pipeline:
        doc = proc(doc)
    return _result(doc)


def _extract_batch(batch: list[dict]) -> list[dict]:
    return [extract(a) for a in batch]


def extract_many(articles: Iterable[dict], workers: int = 1, batch_size: int = 16) -> Iterator[dict]:
    """`extract` over a stream, in input order; `workers` > 1 uses processes."""
    if workers <= 1:
        pipe = load()
        docs = (make_article_doc(a) for a in articles)
        for doc in pipe.pipe(docs, batch_size=batch_size):
            yield _result(doc)
        return
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
        for results in pool.imap(_extract_batch, batches()):
            yield from results
