"""What account services raise; ``status`` is the HTTP status, ``detail`` says why."""

from app.errors import ServiceError


class AccountError(ServiceError):
    """A request about accounts that cannot be done."""
