"""Bank regular expressions, run by RE2: linear time in the text, no catastrophic backtracking.

A ``re:`` phrase is compiled by google-re2, which refuses what it cannot run in linear time
(backreferences, lookaround); the text it searches is capped at :data:`MAX_TEXT_CHARS`.
"""

from functools import lru_cache

import re2

MAX_PATTERN_CHARS = 200
MAX_TEXT_CHARS = 5000
MAX_PROGRAM_SIZE = 2000  # RE2 program instructions; a bounded phrase stays far below this

_OPTIONS = re2.Options()
_OPTIONS.case_sensitive = False
_OPTIONS.max_mem = 1 << 20  # 1 MiB for the compiled automaton
_OPTIONS.log_errors = False  # the error is raised to the caller, not printed


class UnsafePattern(ValueError):
    """A pattern RE2 cannot compile, or one too large to run on every answer."""


@lru_cache(maxsize=1024)
def compile_safe(pattern: str) -> "re2._Regexp":
    """The RE2 program for ``pattern`` (case-insensitive); raises :class:`UnsafePattern`."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise UnsafePattern(f"longer than {MAX_PATTERN_CHARS} characters")
    try:
        compiled = re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise UnsafePattern(f"RE2 cannot run it in linear time: {reason}") from None
    if compiled.programsize > MAX_PROGRAM_SIZE:
        raise UnsafePattern(f"too large ({compiled.programsize} RE2 instructions)")
    return compiled


def search(pattern: "re2._Regexp", text: str) -> tuple[int, int] | None:
    """The span of the first match in the first :data:`MAX_TEXT_CHARS` of ``text``."""
    match = pattern.search(text[:MAX_TEXT_CHARS])
    return match.span() if match else None
