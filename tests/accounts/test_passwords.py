"""Password hashes: Argon2id at RFC 9106's parameters in the server; the suite's own
cheaper parameters (tests/conftest.py) never reach it."""

import subprocess
import sys

from argon2 import profiles

from app.accounts import passwords


def test_passwords_server_hashes_with_argon2id_at_rfc_9106_low_memory_parameters():
    assert passwords.PARAMETERS == profiles.RFC_9106_LOW_MEMORY
    # A fresh interpreter imports the module as the server does (no test fixture in it).
    code = "from app.accounts.passwords import hash_password; print(hash_password('pw'))"
    printed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert printed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_passwords_verify_accepts_the_password_and_refuses_others():
    stored = passwords.hash_password("correct horse")
    assert passwords.verify_password(stored, "correct horse")
    assert not passwords.verify_password(stored, "correct horsf")
    assert not passwords.verify_password(None, "correct horse")  # no such user
    assert not passwords.verify_password("not a hash", "correct horse")
