"""Saving an edit keeps the question's template links in the order written."""

import re

from tests.admin.helpers import login_admin


def test_edit_form_lists_linked_templates_in_written_order(client, session):
    login_admin(client, session)
    page = client.get("/admin/questions/softmax-and-relu", headers={"accept": "text/html"}).text
    boxes = re.findall(r'name="template" value="([a-z0-9_]+)" checked', page)
    assert boxes == ["softmax", "activation"]  # as in the bank file, not the engine's order
    engine_order = re.findall(r'name="template" value="([a-z0-9_]+)"', page)
    assert engine_order.index("softmax") < engine_order.index("activation")
