"""Datasette metadata as data: descriptions of every table, view and column, canned queries, facets.

Datasette keys metadata by database name (the file's stem), so `build(db_name)` makes
the dict at serve time; tests check that every table and column store creates is
described here.
"""
from __future__ import annotations

TITLE = "vnpolicy: Vietnamese policy news events"
DESCRIPTION = ("Events, officials, legal documents and provinces extracted from Vietnamese provincial and "
               "government news. Read-only. Diacritic-insensitive search: /-/search?q=…; article pages with "
               "highlighted mentions: /-/article/ID; Atom feed: /-/feed.atom?province=…&type=….")
SOURCE = "Public news pages of Vietnamese provincial and government portals, crawled by vnpolicy"
LICENSE = "Code: Apache-2.0. Article texts remain the property of their publishers; quoted for research."

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "sources": ("News sources the crawler visits, with their health.", {
        "name": "Source identifier", "province": "Province the source covers", "homepage": "Home page URL",
        "family": "Discovery kind or CMS family", "config": "Source configuration (JSON)",
        "enabled": "1 when crawled", "consecutive_failures": "Failed runs in a row",
        "disabled_reason": "Why the source was disabled", "last_success": "Last successful run (UTC)",
        "last_error": "Last error message", "next_run": "Next scheduled run (UTC)"}),
    "crawl_runs": ("One row per crawl of a source.", {
        "id": "Run id", "source": "Source name", "started": "Start (UTC)", "finished": "End (UTC)",
        "status": "running, ok, failed or interrupted", "counts": "Fetches per outcome, and what was lost "
        "(lost_storage, unfetched, unextracted) (JSON)", "error": "Why it failed or stopped",
        "pid": "Process id of the crawl that holds the run"}),
    "fetches": ("Every URL a crawl requested or skipped, and what came of it.", {
        "id": "Fetch id", "run_id": "Crawl run", "url": "URL", "outcome": "stored, duplicate, not_modified, "
        "robots, blocked, http_error, parse_error, skipped or error", "http_status": "HTTP status",
        "reason": "Why it was not stored", "at": "When (UTC)"}),
    "http_validators": ("ETag and Last-Modified per URL, for conditional requests.", {
        "url": "URL", "etag": "ETag header", "last_modified": "Last-Modified header"}),
    "articles": ("Crawled articles; duplicates kept with duplicate_of set so they are never fetched again.", {
        "id": "Article id", "ext_id": "Id the article was given on input", "url": "URL as crawled",
        "canonical_url": "rel=canonical URL", "source": "Source name", "site": "Site name", "title": "Headline",
        "sapo": "Lead paragraph", "text": "Body text", "author": "Byline",
        "captions": "Photo captions found in the page, kept out of the body (JSON list)", "published": "Publication date",
        "fetched": "When fetched (UTC)", "content_hash": "SHA-1 of the normalized text",
        "simhash": "64-bit simhash of the words", "sim_b0": "Simhash band 0", "sim_b1": "Simhash band 1",
        "sim_b2": "Simhash band 2", "sim_b3": "Simhash band 3", "duplicate_of": "Stored article this one repeats",
        "raw_html_gz": "Fetched HTML, gzip"}),
    "duplicates": ("Links from a duplicate article to the stored copy.", {
        "article_id": "Duplicate article", "other_id": "Stored article", "kind": "exact or near",
        "similarity": "Word-pair overlap (Jaccard) with the stored copy; 1 for exact"}),
    "mentions": ("Every extracted span, with offsets into the article text (a view of records.data; "
                 "counting it unpacks every record).", {
        "article_id": "Article", "seq": "Position in the extraction's list", "kind": "province, official, title, "
        "organization, document, date or event", "text": "Span text", "start": "Start offset", "end": "End offset",
        "value": "Normalized value (JSON)", "pipeline_version": "Extractor version"}),
    "persons": ("Named officials, one row per name.", {
        "id": "Person id", "name": "Name as first seen", "name_key": "Name folded for matching"}),
    "positions": ("Positions an article gives a person.", {
        "person_id": "Person", "article_id": "Article", "title": "Office", "organization": "Body",
        "former": "1 for a former position (nguyên …)", "pipeline_version": "Extractor version"}),
    "organizations": ("Organizations (reserved for a later version).", {
        "id": "Organization id", "name": "Name", "name_key": "Name folded for matching"}),
    "documents": ("Legal and Party documents cited, one row per number.", {
        "id": "Document id", "number_key": "Number normalized for matching", "number": "Number as written",
        "type": "Quyết định, Nghị định, …", "date": "Signing date", "issuer": "Issuing body",
        "year": "Year", "type_code": "Symbol type code (QĐ, NĐ…)", "issuer_code": "Symbol issuer code",
        "citations": "Citations (kept up to date by the writer)", "articles": "Articles citing it"}),
    "timeline_counts": ("Events per province, day and type, kept by the writer (behind province_timeline).", {
        "province": "Province", "date": "Date ('' when unknown)", "type": "Event type ('' when unknown)",
        "count": "Events"}),
    "article_provinces": ("Provinces each article's record lists, folded (for the search filter).", {
        "article_id": "Article", "province_key": "Province name folded (no diacritics, lower case)"}),
    "citations": ("Where an article cites a document.", {
        "article_id": "Article", "document_id": "Document", "start": "Start offset", "end": "End offset",
        "pipeline_version": "Extractor version"}),
    "provinces": ("Province-level units: 63 before and 34 after 1 July 2025.", {
        "key": "Key", "name": "Full name", "short": "Short name", "code": "Code", "era": "Era",
        "current": "1 when the unit exists today", "current_code": "Code of the unit it belongs to today",
        "valid_from": "First day", "valid_to": "Last day"}),
    "events": ("Events the articles report; event_key is stable across re-extraction.", {
        "id": "Event id", "event_key": "Article URL # index", "article_id": "Article", "main": "1 for the main event",
        "type": "training, conference, council_session, meeting, inspection, visit, ceremony, issuance, "
        "interview or other", "date": "When it took place", "province": "Where", "title": "Article headline",
        "summary": "Sentence reporting it", "figures": "Figures mentioned (JSON)",
        "content_hash": "Hash of the content, to detect changes", "pipeline_version": "Extractor version",
        "created": "First stored (UTC)", "updated": "Last changed (UTC)",
        "hidden": "1 when the article is a duplicate (the event is left out of the views)"}),
    "event_officials": ("Officials taking part in an event.", {
        "event_id": "Event", "person_id": "Person", "name": "Name as extracted"}),
    "event_documents": ("Documents an event refers to.", {
        "event_id": "Event", "document_id": "Document", "number": "Number as extracted"}),
    "event_provinces": ("Provinces of an event.", {"event_id": "Event", "province": "Province"}),
    "records": ("Each article's extraction: its spec record and mentions, compressed (read them through "
                "records_view and mentions, or vn_record(data) / vn_mentions(data)).", {
        "article_id": "Article", "data": "zlib-compressed JSON {record, mentions}", "pipeline_version":
        "Extractor version", "updated": "When written (UTC)"}),
    "records_view": ("The spec record of each article (JSON), as exported.", {
        "article_id": "Article", "record": "Record (JSON)", "pipeline_version": "Extractor version",
        "updated": "When written (UTC)"}),
    "articles_search": ("Title and text of each article folded for search (no diacritics, đ→d): what the "
                        "full-text index articles_fts holds, computed when read.", {
        "id": "Article id", "title": "Headline, folded", "text": "Body text, folded"}),
    "extraction_failures": ("Articles whose extraction failed (over its time budget, or an error); not retried "
                            "on every run.", {
        "article_id": "Article", "reason": "Why it failed", "pipeline_version": "Extractor version",
        "failed_at": "When it last failed (UTC)", "attempts": "Failed attempts"}),
    "outbox": ("Webhook deliveries of new events, retried with backoff.", {
        "id": "Delivery id", "event_key": "Event", "payload": "JSON body", "attempts": "Attempts so far",
        "next_attempt": "Next try (UTC)", "last_error": "Last failure", "delivered_at": "When delivered (UTC)"}),
    "job_runs": ("Scheduled crawl jobs.", {
        "id": "Job run id", "source": "Source", "scheduled_for": "Planned start", "started": "Start",
        "finished": "End", "status": "Status", "error": "Error", "pid": "Process id"}),
    "events_view": ("Events, flat: one row per event with officials and documents.", {
        "event_key": "Stable key", "date": "Date", "type": "Event type", "province": "Province",
        "officials": "Officials (; separated)", "documents": "Documents (; separated)", "title": "Headline",
        "url": "Article URL", "article_id": "Article", "main": "Main event", "updated": "Last changed",
        "event_id": "Event id"}),
    "officials_view": ("Officials with every position seen and the articles naming them.", {
        "person": "Name", "person_id": "Person id", "positions": "Positions (; separated)",
        "articles": "Articles naming them", "article_urls": "Their URLs"}),
    "documents_view": ("Documents ranked by how often they are cited.", {
        "number": "Number", "type": "Type", "date": "Signing date", "issuer": "Issuer",
        "document_id": "Document id", "citations": "Citations", "articles": "Citing articles"}),
    "province_timeline": ("Events per province, day and type.", {
        "province": "Province", "date": "Date", "type": "Event type", "count": "Events"}),
}

# The insight tables (clusters, officials' registry) are described in their own module.
from .insight_metadata import EXTRA_COLUMNS as _INSIGHT_COLUMNS  # noqa: E402
from .insight_metadata import TABLES as _INSIGHT_TABLES  # noqa: E402

TABLES.update(_INSIGHT_TABLES)
for _name, _columns in _INSIGHT_COLUMNS.items():
    TABLES[_name][1].update(_columns)

# The canned queries' SQL lives in the storage package with every other statement.
from store.canned import QUERIES  # noqa: E402

# Bookkeeping tables left off the database page (still reachable by URL): a researcher
# starts from the views, and the SQL box (with --allow-sql) opens on the first table shown.
HIDDEN = ("_sqlite_migrations", "http_validators", "timeline_counts", "article_provinces", "outbox", "job_runs",
          "duplicates", "citations", "event_provinces", "event_officials", "event_documents", "records",
          "articles_search")


def build(db_name: str) -> dict:
    tables = {}
    for name, (description, columns) in TABLES.items():
        tables[name] = {"description": description, "columns": dict(columns)}
    tables["events_view"]["facets"] = ["province", "type"]
    tables["events_view"]["sort_desc"] = "date"
    tables["articles"]["hidden"] = False
    for name in HIDDEN:
        tables.setdefault(name, {})["hidden"] = True
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "source": SOURCE,
        "license": LICENSE,
        "databases": {db_name: {"description": DESCRIPTION, "tables": tables, "queries": QUERIES}},
    }
