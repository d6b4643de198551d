"""The learner's guide at /about, linked from every page's footer."""


def test_about_page_explains_ratings_and_grading(client):
    page = client.get("/about")
    assert page.status_code == 200
    for words in ("Again", "Hard", "Good", "Easy", "key points", "within about 1 %", "0,25"):
        assert words in page.text, words
    assert 'href="/about"' in client.get("/questions").text
