"""Names learners read instead of internal ids, and counted nouns ("1 admin", "2 admins")."""

import re
from functools import lru_cache

from markupsafe import Markup

from app.drill import service as drills
from app.web.rendering import render_inline


@lru_cache(maxsize=512)
def drill_title(template_id: str) -> str:
    """A drill's title ("Conv2d output size") for its template id; the id if unknown."""
    template = drills.get(template_id=template_id)
    return template.title if template is not None else template_id.replace("_", " ")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 admin``, ``3 admins``, ``0 guests``."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


_SUB_OR_SUP = re.compile(r"([\^_])\{([^{}]{1,80})\}")
_SINGLE_SUB = re.compile(r"(?<=[A-Za-zΣΠ])_([A-Za-z0-9])(?![A-Za-z0-9_])")


def key_point(label: str) -> Markup:
    """A key point's label as inline Markdown. Math in ``$…$`` is left for KaTeX; a label
    written with bare TeX scripts (``e^{z_i} / Σ_j e^{z_j}``) shows them raised and lowered
    rather than as raw markup. Linear-time regexes over already escaped HTML."""
    html = str(render_inline(label))
    if "$" in label or "`" in label:
        return Markup(html)
    html = _SINGLE_SUB.sub(r"<sub>\1</sub>", html)
    for _ in range(3):  # nested scripts, innermost first
        html = _SUB_OR_SUP.sub(
            lambda m: (
                f"<{'sup' if m[1] == '^' else 'sub'}>{m[2]}</{'sup' if m[1] == '^' else 'sub'}>"
            ),
            html,
        )
    return Markup(html)
