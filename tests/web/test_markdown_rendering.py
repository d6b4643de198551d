"""Markdown with math for learners: math opening a paragraph or a table cell is math."""

from app.web.rendering import render_markdown


def test_math_opening_a_paragraph_that_ends_in_a_digit_is_rendered_as_math():
    assert '<span class="math inline">x</span> is 5' in render_markdown("$x$ is 5")


def test_math_opening_a_table_cell_is_rendered_as_math():
    html = render_markdown("| a |\n|---|\n| $x^2$ = 4 |")
    assert '<span class="math inline">x^2</span> = 4' in html


def test_display_math_and_inline_math_inside_a_sentence_still_render():
    html = render_markdown("see $a + b$ and\n\n$$\nc = 1\n$$")
    assert '<span class="math inline">a + b</span>' in html
    assert 'class="math block"' in html
