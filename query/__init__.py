"""Researchers' commands over the stored database: export, search, reprocess."""
