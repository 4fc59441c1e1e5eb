"""The storage layer: the only code that knows SQL and the schema.

Everything else (crawler, nlp, query, web, monitor, insight) calls the functions here, so the
schema can change in one place.  `import store` gives the whole public API; the parts are:

    clock.py        the one clock: UTC stamps to the second, sortable as text
    vocab.py        fetch outcomes, run statuses, dedup thresholds, page size, limits
    text.py         the fold (lower case, no diacritics, đ→d), FTS queries, document/person/province keys
    dedup.py        simhash for near-duplicate articles
    schema.py       tables, FTS, views and indexes as data; the ordered migrations (0001–0013)
    connection.py   connect (path checks, WAL, read-only, pending migrations), locks, `write()`
    crawllog.py     sources, crawl runs, fetches, HTTP validators, crawl locks
    articles.py     articles and their exact/near duplicates
    extractions.py  the extraction writer and the summaries kept in the same transaction
    exports.py      events, export records, views as CSV, an article with its mentions
    fulltext.py     search with or without diacritics, snippets
    insight.py      clusters, the officials' registry, documents' reach (logic in insight/)
    monitor.py      the scheduler's job runs, source health facts, the outbox, the feed's events
    canned.py       the UI's canned queries

The schema is a list of ordered migrations (`sqlite_utils.migrations.Migrations`, each applied
in a transaction and recorded in `_sqlite_migrations`), so a database made by an older version
upgrades in place when `connect()` opens it.  Writes are idempotent upserts inside one
transaction each: a crawl re-run or a killed writer never leaves half an article or duplicate
rows.  Values from users only reach SQLite as bound parameters; full-text queries go through
`fts_query()`, which turns any string into quoted FTS5 phrases.
"""
from __future__ import annotations

from store import (  # noqa: F401,E402
    articles,
    canned,
    clock,
    connection,
    crawllog,
    dedup,
    exports,
    extractions,
    fulltext,
    insight,
    monitor,
    schema,
    text,
    vocab,
)
from store.articles import (  # noqa: F401
    articles_for_extraction,
    count_articles,
    extraction_failures,
    get_article,
    jaccard,
    known_url,
    raw_html,
    save_article,
    save_extraction_failure,
    unextracted_ids,
)
from store.clock import (  # noqa: F401
    now,
)
from store.connection import (  # noqa: F401
    DatabaseError,
    check_path,
    connect,
    crawl_locks,
    load_provinces,
    register_unpack_functions,
    write,
)
from store.crawllog import (  # noqa: F401
    close_dead_runs,
    finish_run,
    log_fetch,
    run_status,
    set_validators,
    start_run,
    upsert_source,
    validators,
)
from store.dedup import (  # noqa: F401
    hamming,
    simhash,
)
from store.exports import (  # noqa: F401
    all_article_urls,
    article_with_mentions,
    events_updated_since,
    export_records,
    new_events,
    view_rows,
)
from store.extractions import (  # noqa: F401
    INSIGHT_ON_SAVE,
    save_extraction,
)
from store.fulltext import (  # noqa: F401
    EXACT_BATCH,
    search,
)
from store.insight import (  # noqa: F401
    act_provinces,
    add_to_cluster,
    article_cluster_key,
    article_for_registry,
    article_urls,
    candidate_clusters,
    clear_clusters,
    clear_person_acts,
    cluster,
    cluster_evidence,
    cluster_evidence_members,
    cluster_members,
    clustered_article_ids,
    clusters_of_events,
    count_clusters,
    count_person_names,
    detach_article_events,
    document_reach,
    event_list,
    event_totals,
    events_for_clustering,
    events_per_month,
    events_per_province,
    extracted_article_ids,
    found_cluster,
    kept_evidence,
    outlet_of,
    person_acts,
    person_name_keys,
    refresh_cluster,
    replace_person_acts,
    set_event_cluster,
    successor,
)
from store.schema import (  # noqa: F401
    EXTRACTION_VIEWS,
    FTS_SQL,
    FTS_SQL_V2,
    INDEXES,
    INSIGHT_V6,
    MIGRATIONS,
    SUMMARIES_V4,
    TABLES_V1,
    VIEWS,
    pack_extraction,
    schema_version,
    unpack_extraction,
    unpack_mentions,
)
from store.text import (  # noqa: F401
    document_key,
    fold,
    fts_query,
    has_diacritics,
    normalize_text,
    person_key,
    province_key,
)
from store.vocab import (  # noqa: F401
    FETCH_OUTCOMES,
    MERGER_DATE,
    MIN_WORDS_FOR_NEAR,
    NEAR_CANDIDATES,
    NEAR_DUPLICATE_BITS,
    NEAR_DUPLICATE_JACCARD,
    PAGE_SIZE,
    RUN_STATUSES,
    SEARCH_CANDIDATES,
    SQLITE_HEADER,
)
