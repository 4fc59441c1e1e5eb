"""Scrapy spiders: one generic spider whose callbacks follow the discovery kinds."""
