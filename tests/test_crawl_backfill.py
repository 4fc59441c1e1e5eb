"""Backfilling pagination: a first crawl follows a section to its end, later ones stop at old news."""
from __future__ import annotations

from crawlrun import crawl, rows
from growingsite import GrowingSite


def stored_paths(db, site) -> set[str]:
    return {u.replace(site.server.base, "") for (u,) in rows(db, "SELECT url FROM articles")}


def test_first_crawl_backfills_every_page_and_later_crawls_stop_at_the_first_old_page(tmp_db):
    with GrowingSite(count=22, per_page=5) as site:  # five listing pages
        first = crawl(tmp_db, "--url", site.url("/thoi-su"), "--max-pages", "0")
        assert first.returncode == 0, first.stderr
        assert stored_paths(tmp_db, site) == set(site.all_paths())
        assert [site.hits(f"/thoi-su?page={p}") for p in (2, 3, 4, 5)] == [1, 1, 1, 1]

        new = site.publish(3)
        second = crawl(tmp_db, "--url", site.url("/thoi-su"))  # the default: no page limit
        assert second.returncode == 0, second.stderr
        assert stored_paths(tmp_db, site) == set(site.all_paths())
        assert all(site.hits(p) == 1 for p in site.all_paths())  # nothing fetched twice
        # page 1 had the three new ones; page 2 had nothing new, so page 3 was not read again
        assert site.hits("/thoi-su") == 2 and site.hits("/thoi-su?page=2") == 2
        assert site.hits("/thoi-su?page=3") == 1
        assert len(new) == 3

        third = crawl(tmp_db, "--url", site.url("/thoi-su"))  # nothing new at all: page 1 only
        assert third.returncode == 0, third.stderr
        assert site.hits("/thoi-su?page=2") == 2


def test_max_pages_and_since_end_a_backfill_sooner(tmp_path):
    with GrowingSite(count=22, per_page=5) as site:
        limited = tmp_path / "limited.db"
        result = crawl(limited, "--url", site.url("/thoi-su"), "--max-pages", "2")
        assert result.returncode == 0, result.stderr
        assert len(stored_paths(limited, site)) == 10
        assert site.hits("/thoi-su?page=3") == 0

        # articles are dated 2026-01-01 + index; the newest is day 21 (2026-01-22)
        recent = tmp_path / "recent.db"
        result = crawl(recent, "--url", site.url("/thoi-su"), "--since", "2026-01-15")
        assert result.returncode == 0, result.stderr
        expected = {site.path(i) for i in site.published if site.day(i).isoformat() >= "2026-01-15"}
        assert stored_paths(recent, site) == expected
        assert site.hits("/thoi-su?page=4") == 0  # page 3 was all older than --since: the end

        bad = crawl(tmp_path / "x.db", "--url", site.url("/thoi-su"), "--since", "mid-January")
        assert bad.returncode == 2 and "YYYY-MM-DD or DD/MM/YYYY" in bad.stderr


def test_sixty_articles_over_a_feed_a_sitemap_and_four_listing_pages_with_default_settings(tmp_db):
    with GrowingSite(count=60, per_page=15) as site:  # feed: newest 15; sitemap: the middle 30; listing: 4 pages
        entries = ["--url", site.url("/rss/thoi-su.rss"), "--url", site.url("/sitemap.xml"),
                   "--url", site.url("/thoi-su")]
        first = crawl(tmp_db, *entries)
        assert first.returncode == 0, first.stderr
        assert stored_paths(tmp_db, site) == set(site.all_paths()) and len(site.all_paths()) == 60
        second = crawl(tmp_db, *entries)
        assert second.returncode == 0, second.stderr
        assert all(site.hits(p) == 1 for p in site.all_paths())  # re-fetches none
