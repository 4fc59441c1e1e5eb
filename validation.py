"""Configuration checks shared by every loader: sources, schedules and settings.

Each check takes a value and where it came from (``source 'x': enabled``,
``[scheduler] max_parallel``, ``environment variable VNPOLICY_WORKERS``) and
returns the value typed, or raises ConfigError with one line naming the place,
what was expected and what was found.  Loaders gather the lines of every bad
field with `Problems` and refuse the file with all of them at once.

TOML gives values their types, so a TOML check is strict (``enabled = "false"``
is a string, not a boolean: refused, never `bool("false")`).  Environment
variables are text, so there numbers and booleans are parsed (``strict=False``).
"""
from __future__ import annotations

import string
from urllib.parse import urlsplit

URL_SCHEMES = ("http", "https")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class ConfigError(ValueError):
    """A configuration value is unusable; str() is one line per problem."""


class Problems:
    """Collects one line per bad field; `check()` raises them together."""

    def __init__(self, origin: str | None = None):
        self.origin = origin
        self.lines: list[str] = []

    def run(self, fn, *args, **kwargs):
        """fn(*args, **kwargs), with a ConfigError recorded instead of raised (returns None then)."""
        try:
            return fn(*args, **kwargs)
        except ConfigError as exc:
            self.lines.extend(str(exc).splitlines())
            return None

    def add(self, line: str) -> None:
        self.lines.append(line)

    def check(self) -> None:
        if self.lines:
            prefix = f"{self.origin}: " if self.origin else ""
            raise ConfigError("\n".join(prefix + line for line in self.lines))


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def boolean(value, where: str, strict: bool = True) -> bool:
    if isinstance(value, bool):
        return value
    if not strict and isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ConfigError(f"{where}: expected true or false, got {_shown(value)}"
                      + (" (a string: write it without quotes)" if isinstance(value, str) else ""))


def number(value, where: str, kind=int, minimum: float | None = None, maximum: float | None = None,
           strict: bool = False):
    """An int (or float with kind=float) within [minimum, maximum]; text is parsed unless strict."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a number, got {_shown(value)}")
    if isinstance(value, str) and not strict:
        try:
            value = kind(value.strip())
        except ValueError:
            raise ConfigError(f"{where}: expected {'an integer' if kind is int else 'a number'}, "
                              f"got {_shown(value)}") from None
    if kind is int and not isinstance(value, int):
        raise ConfigError(f"{where}: expected an integer, got {_shown(value)}")
    if kind is float and not isinstance(value, (int, float)):
        raise ConfigError(f"{where}: expected a number, got {_shown(value)}")
    if minimum is not None and value < minimum:
        raise ConfigError(f"{where}: must be at least {minimum:g}, got {_shown(value)}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{where}: must be at most {maximum:g}, got {_shown(value)}")
    return kind(value)


def text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: expected a non-empty string, got {_shown(value)}")
    return value


def url(value, where: str) -> str:
    """An absolute http:// or https:// URL with a host (no file://, no bare words)."""
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a URL, got {_shown(value)}")
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in URL_SCHEMES:
        what = f"scheme {parts.scheme + '://'!r}" if parts.scheme else "no scheme"
        raise ConfigError(f"{where}: only http:// and https:// URLs are allowed, got {_shown(value)} ({what})")
    if not parts.netloc or any(c.isspace() for c in value.strip()):
        raise ConfigError(f"{where}: not a valid URL: {_shown(value)}")
    return value.strip()


def url_list(value, where: str) -> list[str]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: must be a list of URLs, got {_shown(value)}")
    problems = Problems()
    out = [problems.run(url, item, f"{where}[{i}]") for i, item in enumerate(value)]
    problems.check()
    return out


def table(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table, got {_shown(value)}")
    return value


def template(value, where: str, placeholders: set[str]) -> list[str]:
    """A command as a list of strings whose {placeholders} are all known."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a command as a list of strings, got {_shown(value)}")
    known = ", ".join("{" + p + "}" for p in sorted(placeholders))
    for element in value:
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(element) if f is not None]
        except ValueError as exc:
            raise ConfigError(f"{where}: bad placeholder in {_shown(element)}: {exc} (known: {known})") from None
        bad = [f for f in fields if f not in placeholders]
        if bad:
            raise ConfigError(f"{where}: unknown placeholder {{{bad[0]}}} in {_shown(element)} (known: {known})")
    return list(value)
