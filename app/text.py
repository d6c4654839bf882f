"""User-written text: Markdown rendered to HTML that is safe to put on a page."""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "a",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(source: str) -> str:
    """Markdown to sanitised HTML: no scripts, no event handlers, no javascript: links."""
    html = markdown.markdown(source or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )


def plain_excerpt(source: str, length: int = 200) -> str:
    """The first `length` characters of the text without Markdown or HTML, for cards and lists."""
    text = nh3.clean(markdown.markdown(source or ""), tags=set()).replace("\n", " ").strip()
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
