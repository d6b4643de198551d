"""The question API through httpx: list, filter, search, detail, topics, health."""

from tests.conftest import bank_size


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_questions_api_lists_the_whole_bank(client):
    body = client.get("/api/v1/questions", params={"limit": 500}).json()
    assert body["total"] == bank_size()[0]
    assert len(body["items"]) == bank_size()[0]
    first = body["items"][0]
    assert set(first) >= {"id", "source", "topic", "difficulty", "prompt", "template"}
    assert "answer" not in first


def test_questions_api_filters_by_topic_source_and_words(client):
    cnn = client.get("/api/v1/questions", params={"topic": "cnn"}).json()
    assert cnn["total"] == 10 and {i["topic"] for i in cnn["items"]} == {"cnn"}
    seed = client.get("/api/v1/questions", params={"source": 43}).json()
    assert [i["id"] for i in seed["items"]] == ["conv-output-size-5x5-7x7"]
    assert seed["items"][0]["template"] == "conv_output_size"
    words = client.get("/api/v1/questions", params={"q": "dropout test"}).json()
    assert "dropout-at-test-time" in [i["id"] for i in words["items"]]
    none = client.get("/api/v1/questions", params={"q": "zzzz-not-a-word"}).json()
    assert none == {"items": [], "total": 0}


def test_questions_api_search_treats_wildcards_literally(client):
    # "%" and "_" are LIKE wildcards; a search for them must match them literally.
    assert client.get("/api/v1/questions", params={"q": "x%zq"}).json()["total"] == 0
    assert client.get("/api/v1/questions", params={"q": "a_b_c_d"}).json()["total"] == 0
    literal = client.get("/api/v1/questions", params={"q": "%"}).json()["items"]
    assert literal and len(literal) < bank_size()[0]


def test_questions_api_detail_has_answer_key_points_siblings_correction(client):
    body = client.get("/api/v1/questions/cost-function").json()
    assert body["source"] == 7
    assert body["siblings"] == ["cost-function-2"]
    assert body["correction"]
    assert 2 <= len(body["key_points"]) <= 5
    assert all(kp["label"] and kp["phrases"] for kp in body["key_points"])
    assert "$" in body["answer"]


def test_questions_api_unknown_question_is_404_json(client):
    response = client.get("/api/v1/questions/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "question 'nope' not found"}


def test_questions_api_bad_query_is_422_with_field(client):
    response = client.get("/api/v1/questions", params={"source": "abc"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "source"]


def test_topics_api_counts_questions(client):
    topics = client.get("/api/v1/topics").json()
    assert topics[0]["topic"] == "fundamentals"
    assert sum(t["count"] for t in topics) == bank_size()[0]
    assert all(t["title"] for t in topics)
