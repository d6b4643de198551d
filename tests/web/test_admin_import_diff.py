"""The bank upload preview: every changed question field by field, new and removed ones
named, the rest counted; bounded however large the upload (app.admin.entry_diff)."""

import copy
import re

import yaml

from app.admin import entry_diff
from app.bank.exporter import dump_yaml
from app.models import Question
from tests.admin.helpers import csrf, login_admin
from tests.conftest import BANK_DIR, bank_size

OLD_LINE = (
    "A convolutional network is built from a handful of layer types, usually repeated in blocks:"
)
NEW_LINE = "A CNN stacks a few kinds of layer <b>repeated</b> in blocks:"


def topic_file(edit) -> str:
    """cnn.yaml after ``edit(questions by id, questions)``, in the bank's YAML style."""
    document = yaml.safe_load((BANK_DIR / "cnn.yaml").read_text())
    edit({q["id"]: q for q in document["questions"]}, document["questions"])
    return dump_yaml(document)


def _preview(client, token: str, text: str):
    response = client.post(
        "/admin/bank/preview",
        data={"csrf_token": token},
        files={"files": ("cnn.yaml", text.encode(), "application/x-yaml")},
    )
    assert response.status_code == 200, response.text
    return response.text


def _field(page: str, question_id: str, label: str) -> str:
    """The diff shown under ``label`` for ``question_id`` (empty when there is none)."""
    block = re.search(rf"<code>{re.escape(question_id)}</code>.*?</details>", page, re.S)
    assert block, f"no change shown for {question_id}"
    found = re.search(rf'<h4 class="diff-field">{label}</h4>\s*<pre.*?</pre>', block.group(), re.S)
    return found.group() if found else ""


def _edit_answer(by_id, _questions) -> None:
    by_id["cnn-layers"]["answer"] = by_id["cnn-layers"]["answer"].replace(OLD_LINE, NEW_LINE)


def test_admin_import_preview_shows_the_answer_lines_removed_and_added_then_applies(
    client, session
):
    login_admin(client, session)
    token = csrf(client)
    text = topic_file(_edit_answer)
    page = _preview(client, token, text)
    assert f"0 new, 1 changed, {bank_size()[0] - 1} unchanged" in page
    answer = _field(page, "cnn-layers", "Model answer")
    assert f'<span class="diff-del">-{OLD_LINE}</span>' in answer
    # escaped: the upload's markup is shown as text, never as markup
    assert '<span class="diff-add">+A CNN stacks a few kinds of layer &lt;b&gt;repeated' in answer
    assert "**Parameter count.**" not in answer  # only the lines around the change
    assert _field(page, "cnn-layers", "Prompt") == "" and "removed from the files" not in page
    value = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
    applied = client.post(
        "/admin/bank/apply",
        data={"csrf_token": token, "token": value, "file_name": "cnn.yaml", "file_text": text},
    )
    assert applied.status_code == 200 and "Applied cnn.yaml" in applied.text
    session.expire_all()
    assert NEW_LINE in session.get(Question, "cnn-layers").answer


def edit_for_every_kind_of_change(by_id, questions) -> None:
    """A new question, one removed, one retired, one with a key point and difficulty changed."""
    new = {**copy.deepcopy(by_id["pooling"]), "id": "cnn-new-question"}
    new["prompt"] = "What does a 1x1 convolution do?"
    del new["source"]
    questions.append(new)
    questions.remove(by_id["visualising-cnn-features"])
    by_id["pooling"]["retired"] = True
    by_id["why-cnn-for-images"]["key_points"][0]["label"] = "Weight sharing, said anew"
    by_id["why-cnn-for-images"]["difficulty"] = "hard"


def test_admin_import_preview_names_new_removed_and_retired_questions(client, session):
    login_admin(client, session)
    page = _preview(client, csrf(client), topic_file(edit_for_every_kind_of_change))
    assert "1 new, 2 changed" in page
    assert "New: <code>cnn-new-question</code>" in page
    assert '<span class="diff-add">+What does a 1x1 convolution do?</span>' in _field(
        page, "cnn-new-question", "Prompt"
    )
    assert "Retired: <code>pooling</code>" in page
    retired = _field(page, "pooling", "Retired")
    assert '<span class="diff-del">-false</span><span class="diff-add">+true</span>' in retired
    assert "1 question removed from the files" in page
    assert "<li><code>visualising-cnn-features</code></li>" in page
    key_points = _field(page, "why-cnn-for-images", "Key points")
    assert '<span class="diff-add">+- label: Weight sharing, said anew</span>' in key_points
    difficulty = _field(page, "why-cnn-for-images", "Difficulty")
    assert (
        '<span class="diff-del">-' in difficulty
        and '<span class="diff-add">+hard</span>' in difficulty
    )


def test_admin_import_preview_of_a_huge_change_is_bounded(client, session):
    long_answer = "\n".join(
        f"line {i} of a very long answer" for i in range(600)
    )  # 18 kB: under the 20 kB limit

    def edit(by_id, questions) -> None:
        for question in questions:
            question["answer"] = long_answer

    login_admin(client, session)
    page = _preview(client, csrf(client), topic_file(edit))
    answer = _field(page, "cnn-layers", "Model answer")
    assert answer.count('<span class="diff-') == entry_diff.MAX_LINES + 1
    assert re.search(r'<span class="diff-more">… \d+ more lines</span>', answer)
    assert page.count('<span class="diff-') == 10 * (entry_diff.MAX_LINES + 1)
