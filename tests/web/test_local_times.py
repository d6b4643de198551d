"""Times in the learner's zone; the browser's zone adopted only while the default stands."""

import re
from datetime import UTC, datetime

from app.srs.browser_zone import adopt_browser_zone
from app.web.local_time import local_time
from tests.factories import T0, make_learner, start_practising


def test_local_time_names_the_zone_and_reads_naive_as_utc():
    assert local_time(datetime(2026, 12, 12, 20, 42, tzinfo=UTC), "Europe/Paris") == (
        "2026-12-12 21:42 CET"
    )
    assert local_time(datetime(2026, 7, 1, 12, 0), "America/New_York") == "2026-07-01 08:00 EDT"
    assert local_time(None, "UTC") == ""


def test_browser_zone_is_adopted_once_and_never_over_a_chosen_one(session):
    user = make_learner(session)
    assert not adopt_browser_zone(session, user=user, name="Mars/Base", now=T0)
    assert adopt_browser_zone(session, user=user, name="Europe/Paris", now=T0)
    assert not adopt_browser_zone(session, user=user, name="Asia/Tokyo", now=T0)
    session.refresh(user)
    assert user.timezone == "Europe/Paris"


def test_browser_zone_route_and_settings_list(client):
    start_practising(client)
    html = client.get("/settings").text
    token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
    assert 'name="browser-zone"' in html and "<option>Europe/Paris</option>" in html
    headers = {"X-CSRF-Token": token}
    sent = client.post("/settings/browser-zone", data={"timezone": "Europe/Paris"}, headers=headers)
    assert sent.status_code == 204
    too_long = client.post("/settings/browser-zone", data={"timezone": "x" * 65}, headers=headers)
    assert too_long.status_code == 422
    html = client.get("/settings").text
    assert "<option selected>Europe/Paris</option>" in html and 'name="browser-zone"' not in html
