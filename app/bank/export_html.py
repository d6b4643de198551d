"""Markdown with ``$…$`` math as the sanitised HTML that Anki and Moodle display.

Both render math with MathJax from ``\\(…\\)`` (inline) and ``\\[…\\]`` (display), not from
dollars, so the math is rewritten while the Markdown is rendered. Raw HTML in the bank is
off and the result is cleaned by nh3 all the same: an exported file carries no script.
"""

from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.dollarmath.index import math_inline_dollar

_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "span",
    "div", "del", "sub", "sup",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}, "div": {"class"}}


def _math(content: str, options: dict[str, Any]) -> str:
    if options.get("display_mode"):
        return f"\\[{escapeHtml(content)}\\]"
    return f"\\({escapeHtml(content)}\\)"


_STRICT = math_inline_dollar(allow_space=True, allow_digits=False, allow_double=True)
_AT_START = math_inline_dollar(allow_space=True, allow_digits=True, allow_double=True)


def _math_inline(state: StateInline, silent: bool) -> bool:
    # The plugin reads src[pos - 1] as the character before an opening "$": at pos 0 that is
    # the paragraph's *last* character, so "$(5 + 4 - 7) + 1 = 3$ -> 3x3" was left as text.
    return (_AT_START if state.pos == 0 else _STRICT)(state, silent)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(dollarmath_plugin, double_inline=True, allow_digits=False, renderer=_math)
    md.inline.ruler.at("math_inline", _math_inline)
    return md


def markdown_html(text: str) -> str:
    """``text`` (Markdown with dollar math) as clean HTML with MathJax delimiters."""
    html = _parser().render(text or "")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def inline_html(text: str) -> str:
    """One paragraph of Markdown without its ``<p>`` wrapper (a key point, a short answer)."""
    html = markdown_html(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def list_html(items: list[str]) -> str:
    """A bulleted list of inline Markdown items ('' for none)."""
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{inline_html(item)}</li>" for item in items) + "</ul>"
