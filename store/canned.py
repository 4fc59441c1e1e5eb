"""Canned queries for the web UI (Datasette's "queries" metadata): what a researcher asks most,
as named, parameterised SQL over the views.  web/metadata.py puts them in the metadata.

The functions they call (`vn_fold`, `vn_doc_key`, `vn_fts`) are registered on every connection
by store.connect and by the web plugin.
"""
from __future__ import annotations

# Above this many citations the documents_cited query walks events by date instead of sorting them.
FEW_CITATIONS = 3000

QUERIES = {
    "events_by_province": {
        "title": "Events in a province",
        "description": "Every event in one province (name as stored, e.g. Lai Châu), newest first.",
        "sql": "SELECT date, type, officials, documents, title, url FROM events_view "
               "WHERE province = :province ORDER BY date DESC LIMIT 500",
    },
    "province_date_range": {
        "title": "What happened in a province between two dates",
        "description": "Events in one province from :start to :end (ISO dates).",
        "sql": "SELECT date, type, officials, documents, title, url FROM events_view "
               "WHERE province = :province AND date BETWEEN :start AND :end ORDER BY date",
    },
    "officials_by_name": {
        "title": "Officials by name",
        "description": "Officials whose name contains the text typed, with or without diacritics.",
        "sql": "SELECT o.* FROM officials_view o JOIN persons p ON p.id = o.person_id "
               "WHERE p.name_key LIKE '%' || vn_fold(:name) || '%' ORDER BY o.articles DESC LIMIT 200",
    },
    "documents_cited": {
        "title": "Documents cited",
        "description": "Documents whose number matches the text typed, with the events that cite them: "
                       "a whole number (1719/QĐ-TTg, so 1719/qd-ttg) is looked up exactly; only when no "
                       "document has that number is it searched as part of a number (e.g. qd-ttg).",
        # Two plans, one answer: few citations (≤ FEW_CITATIONS, from documents.citations) are read from
        # the documents to their events and sorted; many (a pattern such as "qd-ubnd" matching thousands)
        # are found by walking the events newest first until 500 cite one of them, so neither sorts
        # tens of thousands of rows.  SQLite skips the branch whose constant condition is false.
        "sql": "WITH k AS (SELECT vn_doc_key(:number) AS key), "
               "exact AS (SELECT d.id FROM documents d WHERE d.number_key = (SELECT key FROM k)), "
               "docs AS MATERIALIZED (SELECT id, citations FROM exact JOIN documents USING (id) UNION ALL "
               "SELECT d.id, d.citations FROM documents d WHERE NOT EXISTS (SELECT 1 FROM exact) "
               "AND d.number_key LIKE '%' || (SELECT key FROM k) || '%'), "
               "n AS (SELECT coalesce(sum(citations), 0) AS cited FROM docs), "
               "few AS (SELECT e.id AS event_id, ed.document_id FROM docs "
               "JOIN event_documents ed ON ed.document_id = docs.id JOIN events e ON e.id = ed.event_id "
               f"WHERE (SELECT cited FROM n) <= {FEW_CITATIONS} AND e.hidden = 0 "
               "ORDER BY e.date DESC, e.id DESC LIMIT 500), "
               "many AS (SELECT e.id AS event_id, ed.document_id FROM events e INDEXED BY idx_events_date "
               "CROSS JOIN event_documents ed ON ed.event_id = e.id "
               f"WHERE (SELECT cited FROM n) > {FEW_CITATIONS} AND e.hidden = 0 "
               "AND ed.document_id IN (SELECT id FROM docs) ORDER BY e.date DESC, e.id DESC LIMIT 500) "
               "SELECT d.number, d.type, e.date, e.province, e.type AS event_type, e.title, a.url "
               "FROM (SELECT * FROM few UNION ALL SELECT * FROM many) m JOIN events e ON e.id = m.event_id "
               "JOIN documents d ON d.id = m.document_id JOIN articles a ON a.id = e.article_id "
               "ORDER BY e.date DESC, e.id DESC LIMIT 500",
    },
    "search_articles": {
        "title": "Search articles (diacritics optional)",
        "description": "Full-text search; or use the search page /-/search?q=… for snippets. The 2,000 newest "
                       "matching articles are ranked.",
        "sql": "SELECT a.id, a.title, a.published, a.url FROM (SELECT rowid AS id, "
               "bm25(articles_fts) AS score FROM articles_fts WHERE articles_fts MATCH vn_fts(:q) "
               "AND rowid NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL) "
               "ORDER BY rowid DESC LIMIT 2000) c JOIN articles a ON a.id = c.id ORDER BY c.score LIMIT 100",
    },
}
