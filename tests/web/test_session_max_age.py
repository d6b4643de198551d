"""The app ends sessions at the configured absolute lifetime (session_max_age_days)."""

from datetime import timedelta

from tests.factories import T0
from tests.mock.helpers import Clock


def test_session_ends_after_the_configured_days_however_active(client):
    clock = Clock()
    client.app.state.clock = clock
    client.app.state.settings = client.app.state.settings.model_copy(
        update={"session_max_age_days": 2}
    )
    assert client.post("/api/v1/auth/guest").status_code == 201
    for _ in range(4):  # active every half day
        assert client.get("/api/v1/me").status_code == 200
        clock.advance(hours=12)
    assert clock.now - T0 == timedelta(days=2)
    assert client.get("/api/v1/me").status_code == 401
