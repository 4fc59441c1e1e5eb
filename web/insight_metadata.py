"""Descriptions of the insight tables and columns (migration 0006), merged into metadata.TABLES."""
from __future__ import annotations

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "clusters": ("One happening reported by one or more outlets: the events of its reports share a cluster.", {
        "id": "Cluster id", "cluster_key": "Stable cluster id (from its first report's event key)",
        "type": "Event type", "province_block": "Province, folded (the block clustering compares within)",
        "date": "Anchor date: the event date, else the first report's publication day", "province": "Province",
        "rep_event_id": "The event listed for the cluster in events_view and the feeds",
        "events": "Reports (events) in the cluster", "articles": "Articles, duplicates included",
        "outlets": "Outlets that reported it", "outlet_names": "Outlets (, separated)",
        "sources": "Every reporting article: outlet, URL, published (JSON)",
        "first_published": "Earliest report", "updated": "Last recounted (UTC)",
        "evidence": "Officials, documents and figures of its first reports, as the writer matches them "
                    "(a line per report; 0014)"}),
    "person_acts": ("What one article says about an official: a post started, ended, held or former.", {
        "id": "Act id", "article_id": "Article", "name": "Name as extracted", "name_key": "Folded name",
        "act": "start, end, holds or former", "verb": "bầu, bổ nhiệm, miễn nhiệm …",
        "title": "Office", "organization": "Body", "province": "Province of the body",
        "province_current": "Post-merger province", "date": "Day of the act (vote, decision, effect)"}),
    "insight_errors": ("Articles whose clustering or registry update failed (the extraction is kept).", {
        "article_id": "Article", "stage": "cluster or registry", "error": "What failed", "at": "When (UTC)"}),
}

EXTRA_COLUMNS: dict[str, dict[str, str]] = {
    "events": {"cluster_id": "Cluster of reports of one happening",
               "merged": "1 when another report of the same happening represents it in the views"},
    "events_view": {"cluster": "Cluster id (/-/cluster/ID)", "reported_by": "Outlets that reported it",
                    "sources": "Those outlets (, separated)"},
}
