"""Languages: the one place that knows which language a run speaks.

Words come from gettext catalogues (``locale/<lang>/LC_MESSAGES/breachtrack.po``, compiled to
``.mo`` when the package is built, see ``hatch_build.py``); dates, numbers and money from Babel,
in the conventions of each locale (« 5 000 000 € », « 23 novembre 2026 »).

The language is a context variable, set once by the CLI (``with using("fr"):``) and by each
worker process of a large register: rules, reporters and errors call ``_()`` without passing a
language through every function. English is the source language and needs no catalogue.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "fr")
"""The languages breachtrack speaks; the first is the source language of every message."""
DOMAIN = "breachtrack"
LOCALE_DIR = Path(__file__).with_name("locale")

_language: ContextVar[str] = ContextVar("breachtrack_language", default="en")


@lru_cache(maxsize=None)
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; English is the messages themselves."""
    if language == "en":
        return gettext.NullTranslations()
    if language not in LANGUAGES:
        raise ValueError(f"breachtrack does not speak '{language}': choose one of {', '.join(LANGUAGES)}")
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language])


@contextmanager
def using(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block."""
    catalogue(language)
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def speak(language: str) -> None:
    """Speak ``language`` from now on, for the rest of the process: a worker process of a large
    register, started to judge incidents, speaks its parent's language (``loader``)."""
    catalogue(language)
    _language.set(language)


def language() -> str:
    """The language of the current run: 'en' or 'fr'."""
    return _language.get()


def _(message: str) -> str:
    """``message`` in the current language. English, the messages themselves, costs no lookup:
    the rules call this tens of thousands of times on a large register."""
    spoken = _language.get()
    return message if spoken == "en" else catalogue(spoken).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, by the rules of the current language
    (French: 0 and 1 take the singular)."""
    return catalogue(_language.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it yet (a constant defined at
    import, translated where it is shown)."""
    return message


def _locale() -> str:
    return {"en": "en_GB", "fr": "fr_FR"}[_language.get()]


def long_day(day: date) -> str:
    """'23 November 2026', « 23 novembre 2026 », and « 1er novembre 2026 » as French writes the
    first day of a month."""
    from babel.dates import format_date

    text = format_date(day, format="long", locale=_locale())
    return "1er" + text[1:] if day.day == 1 and _language.get() == "fr" else text


def number(value: int | float | Decimal, digits: int = 0) -> str:
    """'5,000,000' or « 5 000 000 »; ``digits`` decimals at most."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale())


def money(amount: int | Decimal, currency: str = "EUR") -> str:
    """'5,000,000 EUR' or '12.50 EUR' in English, « 5 000 000 € » or « 12,50 € » in French."""
    whole = amount == int(amount)
    if _language.get() == "en":
        return (f"{amount:,.0f}" if whole else f"{amount:,.2f}") + f" {currency}"
    from babel.numbers import format_currency

    return format_currency(amount, currency, format="#,##0\u00a0¤" if whole else "#,##0.00\u00a0¤",
                           currency_digits=False, locale=_locale())


def moment(value: datetime) -> str:
    """A time as a person reads it: '23 November 2026, 14:00 +01:00'."""
    offset = value.strftime("%z")
    return f"{long_day(value.date())}, {value:%H:%M} {offset[:3]}:{offset[3:]}"
