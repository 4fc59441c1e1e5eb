"""The crawler: sources as data, discovery, page parsing per CMS family, Scrapy spiders and pipelines.

Entry points: `crawler.runner.crawl(...)` (in-process, once per process) and the
`vnpolicy crawl` / `vnpolicy sources` commands (crawler.cli, crawler.sources_cli).
"""
