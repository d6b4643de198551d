"""Password hashing with Argon2id (argon2-cffi's recommended parameters, RFC 9106's
low-memory profile: 3 passes over 64 MiB, 4 lanes)."""

from functools import cached_property

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

PARAMETERS: Parameters = profiles.RFC_9106_LOW_MEMORY


class _Hashing:
    """The hasher, and a hash made with it to verify against when there is no user (so the
    time of "no such user" equals "wrong password"). Tests swap in cheaper parameters
    (``use_parameters``); the server always runs with ``PARAMETERS``."""

    def __init__(self, parameters: Parameters) -> None:
        self.hasher = PasswordHasher.from_parameters(parameters)

    @cached_property
    def dummy_hash(self) -> str:
        # Made on first use, not at import: a hash with the server's parameters takes about
        # half a second, which every process (each server, each CLI command) would pay.
        return self.hasher.hash("backprop-dummy-password")


_hashing = _Hashing(PARAMETERS)


def use_parameters(parameters: Parameters) -> None:
    """Hash with ``parameters`` from now on in this process (the test suite's cheap ones)."""
    global _hashing
    _hashing = _Hashing(parameters)


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password``."""
    return _hashing.hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; constant work when there is no hash."""
    hashing = _hashing
    try:
        return (
            hashing.hasher.verify(password_hash or hashing.dummy_hash, password)
            and password_hash is not None
        )
    except (VerificationError, InvalidHashError):
        return False
