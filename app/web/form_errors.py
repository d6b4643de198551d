"""Form errors as learners read them: which field, and what to do, for pages and their tests.

Services raise errors whose detail names the field first ("current_password: does not
match"). A page turns that into a message placed by the field and listed in a summary.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str  # the name of the input, also its id on the page
    label: str  # the field's visible label
    message: str  # a sentence, without the field's internal name

    @property
    def summary(self) -> str:
        return f"{self.label}: {self.message[:1].lower()}{self.message[1:]}"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def field_error(detail: str, labels: dict[str, str], default: str) -> FieldError:
    """The error for ``detail``: on the field it names when that is one of ``labels``, else
    on ``default``. ``labels`` maps input names to visible labels."""
    name, sep, rest = detail.partition(": ")
    if sep and name in labels:
        return FieldError(name, labels[name], _sentence(rest))
    return FieldError(default, labels[default], _sentence(detail))


def by_field(errors: list[FieldError] | None) -> dict[str, FieldError]:
    return {error.field: error for error in errors or []}
