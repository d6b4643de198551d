"""The admin JSON API: GET/PUT round trip with versions, 409 bodies, revisions, users, bank."""

import io
import zipfile

from sqlalchemy import select

from app.models import AuditEntry, Question
from tests.admin.helpers import PASSWORD, login, login_admin, login_learner
from tests.conftest import bank_size

API = "/api/v1/admin"
QID = "cnn-layers"


def test_admin_api_put_accepts_what_get_returns_and_ignores_read_only_fields(client, session):
    login_admin(client, session)
    got = client.get(f"{API}/questions/{QID}").json()
    assert got["version"] == 1 and got["bank_state"] == "synced" and got["source"] == 19
    assert set(got) >= {
        "prompt",
        "answer",
        "key_points",
        "siblings",
        "correction",
        "template",
        "topic",
        "difficulty",
    }
    edited = {
        **got,
        "answer": "A shorter answer.",
        "id": "renamed",
        "source": 999,
        "retired": True,
        "bank_state": "synced",
        "created_at": "2000-01-01T00:00:00Z",
    }
    response = client.put(f"{API}/questions/{QID}", json=edited)
    assert response.status_code == 200, response.text
    saved = response.json()
    assert (saved["id"], saved["source"], saved["retired"]) == (QID, 19, False)
    assert saved["answer"] == "A shorter answer." and saved["version"] == 2
    assert saved["bank_state"] == "edited"
    assert client.get(f"/api/v1/questions/{QID}").json()["answer"] == "A shorter answer."


def test_admin_api_stale_put_is_409_with_both_versions(client, session):
    login_admin(client, session)
    got = client.get(f"{API}/questions/{QID}").json()
    assert (
        client.put(f"{API}/questions/{QID}", json={**got, "answer": "Theirs."}).status_code == 200
    )
    mine = {**got, "answer": "Mine, typed carefully."}
    stale = client.put(f"{API}/questions/{QID}", json=mine)
    assert stale.status_code == 409
    body = stale.json()
    assert body["detail"].startswith("version: your edit is based on version 1")
    assert body["current_version"] == 2 and body["current"]["answer"] == "Theirs."
    assert body["yours"]["answer"] == "Mine, typed carefully." and body["yours"]["version"] == 1
    retry = client.put(f"{API}/questions/{QID}", json={**mine, "version": body["current_version"]})
    assert retry.status_code == 200 and retry.json()["answer"] == "Mine, typed carefully."


def test_admin_api_validation_errors_are_422_with_a_field(client, session):
    login_admin(client, session)
    got = client.get(f"{API}/questions/{QID}").json()
    cases = {
        "topic": ("nope", "topic: unknown topic 'nope'"),
        "template": ("nope", "template: unknown template 'nope'"),
        "siblings": (["nope"], "siblings: unknown question id 'nope'"),
        "key_points": ([], "key_points: List should have at least 2 items after validation, not 0"),
    }
    for field, (value, message) in cases.items():
        response = client.put(f"{API}/questions/{QID}", json={**got, field: value})
        assert response.status_code == 422 and response.json()["detail"] == message, response.text
    nul = client.put(f"{API}/questions/{QID}", json={**got, "answer": "a\x00b"})
    assert nul.status_code == 422 and "NUL" in str(nul.json()["detail"])
    no_version = client.put(
        f"{API}/questions/{QID}", json={k: v for k, v in got.items() if k != "version"}
    )
    assert no_version.status_code == 422 and isinstance(no_version.json()["detail"], list)
    assert client.put(f"{API}/questions/nope", json=got).status_code == 404


def test_admin_api_create_retire_restore_and_list_filters(client, session):
    login_admin(client, session)
    body = {
        "topic": "cnn",
        "difficulty": "hard",
        "prompt": "Why use 3×3 kernels?",
        "answer": "Two of them see 5×5.",
        "key_points": [
            {"label": "Receptive field", "phrases": ["5x5"]},
            {"label": "Fewer weights", "phrases": ["fewer"]},
        ],
        "siblings": [QID],
    }
    created = client.post(f"{API}/questions", json=body)
    assert created.status_code == 201, created.text
    new_id = created.json()["id"]
    assert client.get(f"{API}/questions/{QID}").json()["siblings"][-1] == new_id
    assert client.post(f"{API}/questions", json={**body, "id": new_id}).status_code == 409
    retired = client.post(f"{API}/questions/{new_id}/retire", json={"version": 1})
    assert retired.status_code == 200 and retired.json()["retired"] is True
    learner_ids = [q["id"] for q in client.get("/api/v1/questions?topic=cnn").json()["items"]]
    assert new_id not in learner_ids
    only_retired = client.get(f"{API}/questions?retired=true").json()
    assert [q["id"] for q in only_retired["items"]] == [new_id]
    assert client.post(f"{API}/questions/{new_id}/restore", json={"version": 1}).status_code == 409
    restored = client.post(f"{API}/questions/{new_id}/restore", json={"version": 2})
    assert restored.json()["retired"] is False and restored.json()["version"] == 3
    corrected = client.get(f"{API}/questions?has_correction=true&limit=500").json()
    assert (
        corrected["total"]
        == session.query(Question).filter(Question.correction.is_not(None)).count()
        > 0
    )
    found = client.get(f"{API}/questions?q=3×3 kernels&difficulty=hard").json()
    assert [q["id"] for q in found["items"]] == [new_id]


def test_admin_api_revisions_diff_and_revert(client, session):
    login_admin(client, session)
    got = client.get(f"{API}/questions/{QID}").json()
    client.put(f"{API}/questions/{QID}", json={**got, "prompt": "Which layers does a CNN have?"})
    listed = client.get(f"{API}/questions/{QID}/revisions").json()
    assert [(r["version"], r["author"]) for r in listed] == [(2, "admin@example.com"), (1, None)]
    detail = client.get(f"{API}/questions/{QID}/revisions/2").json()
    assert "-prompt: What are the different layers in a CNN?" in detail["diff"]
    assert "+prompt: Which layers does a CNN have?" in detail["diff"]
    assert client.get(f"{API}/questions/{QID}/revisions/7").status_code == 404
    reverted = client.post(f"{API}/questions/{QID}/revert", json={"revision": 1, "version": 2})
    assert reverted.status_code == 200
    assert reverted.json()["prompt"] == got["prompt"] and reverted.json()["version"] == 3
    assert reverted.json()["bank_state"] == "synced"
    stale = client.post(f"{API}/questions/{QID}/revert", json={"revision": 2, "version": 2})
    assert stale.status_code == 409 and stale.json()["current_version"] == 3


def test_admin_api_template_variants_come_with_answers(client, session):
    login_admin(client, session)
    variants = client.get(f"{API}/templates/conv_output_size/variants?seed=10").json()
    assert [v["seed"] for v in variants] == [10, 11, 12, 13, 14]
    assert all(v["answer"] and v["prompt"] and v["explanation"] for v in variants)
    assert client.get(f"{API}/templates/nope/variants").status_code == 404


def test_admin_api_users_promote_demote_disable_and_last_admin(client, session):
    admin = login_admin(client, session)
    other = client.__class__(client.app)
    learner_id = login_learner(other, "ada@example.com")["id"]
    users = client.get(f"{API}/users").json()
    assert [u["email"] for u in users] == ["admin@example.com", "ada@example.com"]
    assert (
        client.patch(f"{API}/users/{learner_id}", json={"role": "admin"}).json()["role"] == "admin"
    )
    assert (
        client.patch(f"{API}/users/{learner_id}", json={"role": "learner"}).json()["role"]
        == "learner"
    )
    disabled = client.patch(f"{API}/users/{learner_id}", json={"disabled": True})
    assert disabled.json()["disabled"] is True
    assert other.get("/api/v1/me").status_code == 401  # their sessions ended
    last = client.patch(f"{API}/users/{admin.id}", json={"role": "learner"})
    assert last.status_code == 409 and "last admin" in last.json()["detail"]
    assert client.patch(f"{API}/users/99999", json={"disabled": True}).status_code == 404
    actions = [e["action"] for e in client.get(f"{API}/audit").json()["items"]]
    assert actions == ["user.disable", "user.demote", "user.promote"]
    assert client.get(f"{API}/audit?action=user.pro").json()["total"] == 1
    other.close()


def test_admin_api_bank_export_preview_and_import(client, session):
    login_admin(client, session)
    exported = client.get(f"{API}/bank/export")
    assert exported.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        cnn = archive.read("cnn.yaml").decode()
    changed = cnn.replace(
        "prompt: What are the different layers in a CNN?", "prompt: Name the layers of a CNN.", 1
    )
    files = [{"name": "cnn.yaml", "text": changed}]
    preview = client.post(f"{API}/bank/preview", json={"files": files}).json()
    assert preview["updated"] == [QID] and preview["unchanged"] == bank_size()[0] - 1
    assert "+prompt: Name the layers of a CNN." in preview["diffs"][QID]
    assert client.post(f"{API}/bank/import", json={"files": files}).status_code == 422
    applied = client.post(f"{API}/bank/import", json={"files": files, "token": preview["token"]})
    assert applied.status_code == 200 and applied.json()["updated"] == [QID]
    assert client.get(f"{API}/questions/{QID}").json()["prompt"] == "Name the layers of a CNN."
    again = client.post(f"{API}/bank/import", json={"files": files, "token": preview["token"]})
    assert again.status_code == 409
    bad = client.post(
        f"{API}/bank/preview",
        json={"files": [{"name": "cnn.yaml", "text": "topic: cnn\ntitle: [\n"}]},
    )
    assert bad.status_code == 422 and bad.json()["problems"][0].startswith("cnn.yaml:")
    audit = session.scalars(
        select(AuditEntry.action).where(AuditEntry.action == "bank.import")
    ).all()
    assert audit == ["bank.import"]


def test_admin_api_login_of_a_disabled_admin_fails(client, session):
    admin = login_admin(client, session)
    login_admin(client, session, "second@example.com")
    client.patch(f"{API}/users/{admin.id}", json={"disabled": True})
    response = client.post(
        "/api/v1/auth/login", json={"email": "admin@example.com", "password": PASSWORD}
    )
    assert response.status_code == 401
    login(client, "second@example.com")
    assert client.get(f"{API}/questions?limit=1").status_code == 200


def test_admin_api_bad_input_is_422_or_404_never_500(client, session):
    login_admin(client, session)
    for url in [
        f"{API}/questions/a%00b",
        f"{API}/questions?q=a%00b",
        f"{API}/questions/{QID}/revisions/99999999999999999999",
        f"{API}/audit?target=x%00",
        "/admin/questions/a%00b",
    ]:
        assert client.get(url).status_code in (404, 422), url
    got = client.get(f"{API}/questions/{QID}").json()
    odd = [{"template": "conv2d", "params": {"x": [[1e308, "a"]]}, "answer": 1}]
    response = client.put(f"{API}/questions/{QID}", json={**got, "worked_examples": odd})
    assert response.status_code == 422 and response.json()["detail"].startswith("worked_examples.0")
    assert client.patch(f"{API}/users/99999999999999", json={"role": "admin"}).status_code == 422
