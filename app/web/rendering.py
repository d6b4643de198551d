"""Markdown with math to safe HTML: raw HTML off, then sanitised by nh3 all the same."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup
from mdit_py_plugins.dollarmath import dollarmath_plugin

_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    "a", "span", "div", "del", "sub", "sup", "eq", "eqn", "section",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    # allow_digits=False would look at the character before an opening $ and, for a paragraph
    # that opens with math, read the paragraph's last character instead (src[pos - 1] at pos 0):
    # "$x$ is 5" stayed raw text. The bank writes $ only for math.
    md.use(dollarmath_plugin, double_inline=True, allow_digits=True)
    return md


def _to_html(text: str) -> str:
    html = _parser().render(text)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        filter_style_properties={"text-align"},
    )


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """Markdown (with ``$…$`` / ``$$…$$`` math left for KaTeX) as sanitised HTML."""
    return Markup(_to_html(text or ""))


def render_inline(text: str) -> Markup:
    """One line of Markdown without the wrapping paragraph."""
    html = str(render_markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
