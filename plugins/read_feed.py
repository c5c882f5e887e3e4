"""Built-in plugin: the RSS/Atom feed reader (feedparser); each item is a document of its own.

A feed is recognised by its first element (``<rss``, ``<feed``, ``<rdf:RDF``, after an
optional XML declaration, stylesheet instruction, comments or doctype) or by a feed media
type. Each item becomes a :class:`claims.DocumentIn` whose ``path`` is ``FEED#ITEM`` (the
item's link, else its guid, else its number): the item's title, link (``url``), author, date
(``published``, else ``updated``, in the feed's own time zone) and the feed's title as
``publisher``. The item's content (``content:encoded`` or Atom ``content``, else the summary)
goes through the HTML reader's :func:`claims.plugins.read_html.html_document`, so the same
rules find its paragraphs, subheads, quotes and tables. A WordPress "The post ... appeared first
on ..." line is set aside (reason ``feed-footer``). A date after the time of reading is refused.
A malformed feed with no items is a read error; one whose XML is broken but that still yields
items is read leniently, with a warning.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re

from claims import DocumentIn, ReadError, Skipped, hookimpl

FEED_SUFFIXES = (".rss", ".atom", ".xml")
FEED_MEDIA_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")

_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?xml[^>]*\?>|<\?xml-stylesheet[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*"
    rb"<(?P<root>rss|feed|rdf:RDF)[\s>]", re.S | re.I)
_XML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<")
_WP_FOOTER = re.compile(r"^The post .{3,300} appeared first on .{2,200}\.$", re.S)


def looks_like_feed(data: bytes, media_type: str | None = None) -> bool:
    """Is this an RSS or Atom feed? By its root element, or a feed media type."""
    if media_type and media_type in FEED_MEDIA_TYPES:
        return True
    return _ROOT.match(data[:4096]) is not None


@hookimpl
def reader_suffixes():
    return list(FEED_SUFFIXES)


@hookimpl
def read_document(data, path, media_type, url):
    if not looks_like_feed(data, media_type):
        if path.lower().endswith((".rss", ".atom")) or (path.lower().endswith(".xml") and _XML.match(data[:64])):
            raise ReadError("XML that is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)")
        return None
    return read_feed(data, path, url)


def read_feed(data: bytes, path: str = "<feed>", url: str | None = None,
              now: dt.datetime | None = None) -> list[DocumentIn]:
    """Each item of a feed as a document; ReadError for a feed that yields none."""
    import feedparser

    # bytes, never a str: feedparser would fetch a string that looks like a URL
    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    entries = [e for e in parsed.entries if e.get("title") or _content(e)[0]]
    if not entries:
        if parsed.bozo:
            raise ReadError(f"malformed feed: {_problem(parsed.get('bozo_exception'))}")
        raise ReadError("feed has no items")
    feed = parsed.feed
    publisher = _plain(feed.get("title")) or None
    warnings: list[str] = []
    if parsed.bozo and not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        warnings.append(f"{path}: not a well-formed feed ({_problem(parsed.get('bozo_exception'))}); read leniently")
    now = now or dt.datetime.now(dt.timezone.utc)
    docs: list[DocumentIn] = []
    for n, entry in enumerate(entries, 1):
        item = f"{path}#{entry.get('link') or entry.get('id') or n}"
        try:
            docs.append(_item(entry, item, publisher, now))
        except ReadError as exc:
            warnings.append(f"{item}: {exc}; item not read")
    if not docs:
        raise ReadError(f"no item of the feed has text ({warnings[-1].rsplit(': ', 1)[0] if warnings else ''})")
    docs[0].warnings[:0] = warnings
    return docs


def _item(entry, path: str, publisher: str | None, now: dt.datetime) -> DocumentIn:
    from claims.plugins.read_html import html_document

    title = _plain(entry.get("title")) or None
    body, kind = _content(entry)
    if not body.strip():
        raise ReadError("item has no content")
    if kind == "text/plain":
        body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", body) if p.strip())
    head = html.escape(title or "")
    page = (f"<!DOCTYPE html><html><head><title>{head}</title></head><body><article>"
            f"{f'<h1>{head}</h1>' if title else ''}\n{body}\n</article></body></html>")
    link = entry.get("link") or None
    din = html_document(page, url=link, path=path)
    _drop_wp_footer(din)
    din.format = "feed"
    din.path = path
    din.title = title or din.title
    din.publisher = publisher or din.publisher
    author = entry.get("author_detail", {}).get("name") or entry.get("author")
    din.author = _plain(author) or din.author
    din.url = link
    published, note = _date(entry, now)
    if note:
        din.warnings.append(f"{path}: {note}")
        din.published = None  # the HTML reader's guess is no better: the dateline decides
    elif published:
        din.published = published
    return din


def _content(entry) -> tuple[str, str]:
    """(markup, media type) of an item: its full content, else its summary."""
    for c in entry.get("content") or ():
        if c.get("value", "").strip():
            return c["value"], c.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def _date(entry, now: dt.datetime) -> tuple[str | None, str | None]:
    """The item's date as written (its own time zone), refused when after ``now``."""
    for key in ("published", "updated", "created"):
        when = _parse(entry.get(key), entry.get(f"{key}_parsed"))
        if when is None:
            continue
        aware = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
        if aware > now + dt.timedelta(minutes=5):
            return None, f"item date {when.date().isoformat()} is after the time of reading: not used"
        return when.date().isoformat(), None
    return None, None


def _parse(raw: str | None, parsed) -> dt.datetime | None:
    if raw:
        try:
            return email.utils.parsedate_to_datetime(raw)  # RSS: RFC 822
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))  # Atom: RFC 3339
        except ValueError:
            pass
    if parsed:  # feedparser's other formats, in UTC
        return dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc)
    return None


def _drop_wp_footer(din: DocumentIn) -> None:
    """WordPress ends every item with "The post X appeared first on Y.": no part of the story."""
    if not din.blocks:
        return
    last = din.blocks[-1]
    text = din.text[last.start:last.end]
    if last.kind == "paragraph" and _WP_FOOTER.match(text):
        din.blocks.pop()
        din.skipped.append(Skipped(text=text, start=last.start, end=last.end,
                                   line=din.text.count("\n", 0, last.start) + 1, reason="feed-footer"))


def _plain(value) -> str:
    """Text of a title or name that may hold markup or entities."""
    if not value:
        return ""
    text = re.sub(r"<[^>]+>", "", str(value)) if "<" in str(value) else str(value)
    return " ".join(html.unescape(text).split())


def _problem(exc) -> str:
    """An XML parse error as "line 6, column 4: unclosed token"."""
    try:
        return f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"
    except Exception:  # noqa: BLE001 - not a SAX error
        return _one_line(exc)


def _one_line(value) -> str:
    return " ".join(str(value).split())[:200]
