"""Learners read names, not internal ids or raw markup."""

from app.web.display_names import counted, drill_title, key_point
from tests.factories import start_practising


def test_key_point_labels_raise_bare_tex_scripts_and_keep_dollar_math():
    html = str(key_point("Formula e^{z_i} / Σ_j e^{z_j}"))
    assert html == "Formula e<sup>z<sub>i</sub></sup> / Σ<sub>j</sub> e<sup>z<sub>j</sub></sup>"
    assert "<sub>" not in str(key_point("embed_dim stays as written"))
    assert 'class="math inline"' in str(key_point("uses $x_i$"))
    assert "&lt;script&gt;" in str(key_point("<script>^{x}"))


def test_counted_nouns_and_drill_titles():
    assert (counted(1, "admin"), counted(2, "admin"), counted(0, "guest")) == (
        "1 admin",
        "2 admins",
        "0 guests",
    )
    assert drill_title("conv2d") != "conv2d" and drill_title("no_such") == "no such"


def test_question_and_drill_pages_show_no_internal_ids(client):
    page = client.get("/questions/softmax-and-relu").text
    assert "Seed #" not in page and "Softmax formula e^{z_i}" not in page
    assert "Softmax formula e<sup>z<sub>i</sub></sup>" in page
    start_practising(client)
    drill = client.get("/drill/conv2d?seed=12").text
    assert "Variant #" not in drill and "<code>conv2d</code>" not in drill
    assert "Link to these numbers" in drill
    listing = client.get("/drill").text
    assert "<code>conv2d</code>" not in listing


def test_settings_is_in_the_nav_on_drill_pages(client):
    start_practising(client)
    for path in ("/drill", "/drill/conv2d?seed=3"):
        assert 'href="/settings"' in client.get(path).text, path
