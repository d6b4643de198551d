"""What admin services raise; the web layer turns these into HTTP answers."""

from typing import Any

from app.errors import ServiceError


class AdminError(ServiceError):
    """A request that cannot be done; ``status`` is the HTTP status, ``detail`` says why."""


class NotFound(AdminError):
    def __init__(self, detail: str) -> None:
        super().__init__(404, detail)


class Invalid(AdminError):
    """The edit breaks a rule of the bank (``detail`` is ``"<field>: <message>"``)."""

    def __init__(self, detail: str) -> None:
        super().__init__(422, detail)


class StaleVersion(AdminError):
    """The save was based on an older version; ``current`` is the question as it is now."""

    def __init__(self, *, based_on: int, current: dict[str, Any]) -> None:
        version = current["version"]
        super().__init__(
            409,
            f"version: your edit is based on version {based_on}, but the question is now at "
            f"version {version}; compare both, then save again with version {version}",
        )
        self.based_on = based_on
        self.current = current
