"""A local news site that gains articles between crawls: a paginated section, a feed, article pages.

Article texts come from the bundled corpus (distinct texts, so none is taken for a
near-duplicate of another).  The section lists the newest first, ``per_page`` a page,
with "Trang sau" links (``rel=next``) and a date beside every link, like a real
provincial paper; ``publish(n)`` puts n more articles on top, as a newsroom does
between two crawls.

    site = GrowingSite(count=22).start()
    site.url("/thoi-su")             # page 1; "/thoi-su?page=2" ...
    site.publish(3)
"""
from __future__ import annotations

import html
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from httpserver import LocalServer, Reply, Request

from crawler import sitegen

CTYPE = {"Content-Type": "text/html; charset=utf-8"}


class GrowingSite:
    def __init__(self, count: int = 22, per_page: int = 5, first_day: date = date(2026, 1, 1),
                 offset: int = 0, delay: float = 0.0):
        self.delay = delay  # seconds each article page takes to answer (a slow site)
        self.corpus = [a for a in sitegen.load_corpus() if len(a["text"]) > 400][offset:]
        self.per_page = per_page
        self.first_day = first_day
        self.published: list[int] = []  # corpus indexes, oldest first
        self.server = LocalServer()
        self.server.add("/thoi-su", self._listing)
        self.server.add("/rss/thoi-su.rss", self._feed)
        self.server.add("/sitemap.xml", self._sitemap)
        self.publish(count)

    # lifecycle
    def start(self) -> GrowingSite:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def __enter__(self) -> GrowingSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def url(self, path: str) -> str:
        return self.server.url(path)

    def hits(self, path: str | None = None):
        return self.server.hits(path)

    # content
    def publish(self, n: int) -> list[str]:
        """Put ``n`` new articles on top of the section; returns their paths."""
        paths = []
        for _ in range(n):
            i = len(self.published)
            if i >= len(self.corpus):
                raise ValueError("the corpus has no more articles to publish")
            self.published.append(i)
            path = self.path(i)
            self.server.add(path, self._article(i))
            paths.append(path)
        return paths

    def path(self, i: int) -> str:
        return f"/thoi-su/{sitegen.slugify(self.corpus[i]['title'], 60)}-a{200000 + i}.html"

    def day(self, i: int) -> date:
        return self.first_day + timedelta(days=i)

    def newest_first(self) -> list[int]:
        return list(reversed(self.published))

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.published) // self.per_page))

    def all_paths(self) -> list[str]:
        return [self.path(i) for i in self.published]

    # handlers
    def _article(self, i: int):
        a = self.corpus[i]
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in sitegen.paragraphs(a["text"]))
        body = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(a['title'])}</title>"
                f"</head><body><div id='content'><div id='colcate1'><span class='pubdate'>"
                f"{self.day(i):%d/%m/%Y} - 08:00</span><h1 class='fw700'>{html.escape(a['title'])}</h1>"
                f"<div id='newscontents'><div class='content-fck'>{paras}</div></div></div></div>"
                f"</body></html>").encode()

        def handler(req: Request, srv: LocalServer) -> Reply:
            if self.delay:
                srv.wait(self.delay)
            return Reply(200, body, dict(CTYPE))

        return handler

    def _listing(self, req: Request, srv: LocalServer) -> Reply:
        query = parse_qs(urlsplit(req.path).query)
        page = int((query.get("page") or ["1"])[0])
        items = self.newest_first()[(page - 1) * self.per_page: page * self.per_page]
        lis = "".join(f"<li class='item'><a class='b-title' href='{self.path(i)}'>"
                      f"{html.escape(self.corpus[i]['title'])}</a> <span class='date'>{self.day(i):%d/%m/%Y}</span>"
                      f"</li>" for i in items)
        nxt = f"<a rel='next' href='/thoi-su?page={page + 1}'>Trang sau</a>" if page < self.pages else ""
        body = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Thời sự - trang {page}</title></head>"
                f"<body><h1>Thời sự</h1><ul class='list-block'>{lis}</ul><div class='paging'>{nxt}</div>"
                f"</body></html>").encode()
        return Reply(200, body, dict(CTYPE))

    def _feed(self, req: Request, srv: LocalServer) -> Reply:
        items = "".join(f"<item><title>{html.escape(self.corpus[i]['title'])}</title>"
                        f"<link>{srv.base}{self.path(i)}</link><pubDate>{self.day(i):%a, %d %b %Y} 08:00:00 +0700"
                        f"</pubDate></item>" for i in self.newest_first()[:self.per_page])
        body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Thời sự</title>"
                f"{items}</channel></rss>").encode()
        return Reply(200, body, {"Content-Type": "application/rss+xml; charset=utf-8"})

    def _sitemap(self, req: Request, srv: LocalServer) -> Reply:
        """The middle half of the articles (a sitemap of last month, say): the oldest quarter is only
        reachable through the listing's last pages."""
        older = self.published[len(self.published) // 4: len(self.published) * 3 // 4]
        urls = "".join(f"<url><loc>{srv.base}{self.path(i)}</loc><lastmod>{self.day(i).isoformat()}</lastmod></url>"
                       for i in older)
        body = (f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"{urls}</urlset>").encode()
        return Reply(200, body, {"Content-Type": "application/xml; charset=utf-8"})
