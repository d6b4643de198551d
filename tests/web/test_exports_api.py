"""Downloads through the API: the bank and weak-card Anki decks for learners (imported by
the `anki` library), every format of the bank for admins only."""

import xml.etree.ElementTree as ET

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from app.bank.export_content import VARIANT_SEEDS, collect_bank
from tests.admin.helpers import login_admin, login_learner
from tests.bank.gift_reader import read_gift


def _anki_notes(tmp_path, data: bytes) -> Collection:
    path = tmp_path / "deck.apkg"
    path.write_bytes(data)
    collection = Collection(str(tmp_path / "collection.anki2"))
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    collection.import_anki_package(request)
    return collection


def _review_again(client, times: int) -> list[dict]:
    cards = []
    for _ in range(times):
        card = client.get("/api/v1/review/next").json()["card"]
        body = {"card_id": card["card_id"], "rating": 1}
        if card.get("template"):
            body = {**body, "answer": "0", "seed": card["variant"]["seed"]}
        assert client.post("/api/v1/review", json=body).status_code == 200
        cards.append(card)
    return cards


def test_learner_downloads_the_bank_deck(client, session):
    client.post("/api/v1/auth/guest")
    response = client.get("/api/v1/decks/bank.apkg")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert 'filename="backprop.apkg"' in response.headers["content-disposition"]
    again = client.get("/api/v1/decks/bank.apkg")
    assert again.content == response.content  # the cached file of an unchanged bank


def test_weak_deck_holds_the_cards_the_learner_is_forgetting(client, tmp_path):
    client.post("/api/v1/auth/guest")
    assert client.get("/api/v1/decks/weak.apkg").status_code == 404
    reviewed = _review_again(client, 3)
    response = client.get("/api/v1/decks/weak.apkg", params={"limit": 2})
    assert response.status_code == 200
    collection = _anki_notes(tmp_path, response.content)
    try:
        ids = {collection.get_note(n)["Id"] for n in collection.find_notes("")}
        assert ids <= {c["question_id"] for c in reviewed} and len(ids) == 2
        assert "Backprop::Weak cards" in {d.name for d in collection.decks.all_names_and_ids()}
    finally:
        collection.close()


@pytest.mark.parametrize("limit", ["0", "201", "many"])
def test_weak_deck_limit_is_bounded(client, limit):
    client.post("/api/v1/auth/guest")
    response = client.get("/api/v1/decks/weak.apkg", params={"limit": limit})
    assert response.status_code == 422 and "limit" in str(response.json()["detail"])


def test_bank_files_are_for_admins_only(client):
    assert client.get("/api/v1/admin/bank/export/moodle").status_code == 401
    login_learner(client)
    assert client.get("/api/v1/admin/bank/export/moodle").status_code == 403


def test_admin_downloads_moodle_and_gift(client, session):
    login_admin(client, session)
    bank = collect_bank(session)
    moodle = client.get("/api/v1/admin/bank/export/moodle")
    assert moodle.status_code == 200 and moodle.headers["content-type"].startswith(
        "application/xml"
    )
    quiz = ET.fromstring(moodle.content)
    graded = [q for q in quiz.iter("question") if q.get("type") != "category"]
    assert len(graded) == len(bank.questions) + len(bank.variants)
    gift = client.get("/api/v1/admin/bank/export/gift")
    assert len(read_gift(gift.text)) == len(graded)
    assert len(bank.variants) % len(VARIANT_SEEDS) == 0
    assert client.get("/api/v1/admin/bank/export/apkg").content[:2] == b"PK"
    yaml = client.get("/api/v1/admin/bank/export/yaml")
    assert yaml.status_code == 422 and "fmt" in str(yaml.json()["detail"])
