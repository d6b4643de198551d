"""The one error type services raise for a request they cannot honour.

``status`` is the HTTP status the web layer answers with and ``detail`` says why, naming
the field where there is one. Each domain subclasses it so callers can catch narrowly.
"""


class ServiceError(Exception):
    def __init__(self, status: int, detail: str, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.retry_after = retry_after
