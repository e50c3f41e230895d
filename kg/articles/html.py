"""Turn an HTML page into article text and metadata, without executing or fetching anything."""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from kg.model import Record

_DROP = "script, style, noscript, template, iframe, svg, nav, header, footer, aside, form"
_BLOCKS = "h1, h2, h3, h4, p, li, blockquote, pre, figcaption"
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datePublished", "pubdate",
    "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date",
)
# Start tags whose HTML5 tree-building step looks down the whole stack of open elements ("close a
# p element in button scope"), so n of them nested cost n^2: 100,000 nested <div> took 95 s.
_SCOPED_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu",
    "nav", "ol", "section", "summary", "ul", "form", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "pre", "listing", "xmp",
})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)>")
MAX_DEPTH = 512  # nested blocks kept, as browsers cap their DOM depth (Blink: 512)


class Page(Record):
    """Text and metadata read from one HTML page."""

    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None  # as written; parsed by the caller
    language: str | None = None


def read_html(markup: str) -> Page:
    """Extract the story text (one block per line) and the page's metadata.

    Scripts, styles and embedded frames are dropped unread; nothing is fetched.

    Examples:
        >>> page = read_html('<html lang="en"><head><title>T</title>'
        ...   '<meta property="article:published_time" content="2019-08-20T21:19:00Z">'
        ...   '</head><body><script>x()</script><p>One.</p><p>Two &amp; three.</p></body></html>')
        >>> page.text, page.published, page.title, page.language
        ('One.\\nTwo & three.', '2019-08-20T21:19:00Z', 'T', 'en')
    """
    tree = HTMLParser(flatten_deep(markup))
    meta = _meta(tree)
    ld = _json_ld(tree)
    title = ld.get("headline") or meta.get("og:title") or _text(tree.css_first("title"))
    published = ld.get("datePublished") or next(
        (meta[name] for name in _PUBLISHED_META if meta.get(name)), None)
    if published is None and (node := tree.css_first("time[datetime]")) is not None:
        published = node.attributes.get("datetime")
    canonical = tree.css_first('link[rel="canonical"]')
    url = meta.get("og:url") or (canonical.attributes.get("href") if canonical else None)
    html_node = tree.css_first("html")
    language = html_node.attributes.get("lang") if html_node else None
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    blocks = [_text(node) for node in root.css(_BLOCKS)] if root is not None else []
    lines = [b for b in blocks if b]
    if not lines and root is not None:
        lines = [line.strip() for line in root.text(separator="\n").splitlines() if line.strip()]
    publisher = ld.get("publisher") or meta.get("og:site_name")
    return Page(text="\n".join(lines), title=title or None, url=url, publisher=publisher,
                published=published, language=language)


def flatten_deep(markup: str, *, depth: int = MAX_DEPTH) -> str:
    """Drop the tags of blocks nested deeper than `depth` (their text stays), in one pass.

    Markup that nests no deeper is returned unchanged.

    Examples:
        >>> flatten_deep("<div><div><div><p>x</p></div></div></div>", depth=2)
        '<div><div>\\n<p>x</p>\\n</div></div>'
    """
    level = 0

    def keep(match: re.Match[str]) -> str:
        nonlocal level
        if match.group(2).lower() not in _SCOPED_BLOCKS or match.group(3):
            return match.group(0)
        closing = bool(match.group(1))
        inside = (level if closing else level + 1) <= depth
        level = max(0, level - 1) if closing else level + 1
        return match.group(0) if inside else "\n"

    return _TAG.sub(keep, markup)


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    return " ".join(node.text(separator=" ").split())


def _meta(tree: HTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        name = node.attributes.get("property") or node.attributes.get("name") or \
            node.attributes.get("itemprop")
        content = node.attributes.get("content")
        if name and content:
            found.setdefault(name.lower() if name.lower() != "datepublished" else name, content)
    return found


def _json_ld(tree: HTMLParser) -> dict[str, str]:
    """Read headline, datePublished and publisher from a schema.org JSON-LD block, if any."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict):
                continue
            found = {key: item[key] for key in ("headline", "datePublished")
                     if isinstance(item.get(key), str)}
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                found["publisher"] = publisher["name"]
            if found:
                return found
    return {}
