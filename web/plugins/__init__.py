"""Datasette plugins of vnpolicy, registered through the `datasette` entry point."""
