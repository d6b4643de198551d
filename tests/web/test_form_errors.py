"""Service error details become a message on the field they name, without internal names."""

from app.web.form_errors import field_error

LABELS = {"email": "Email", "current_password": "Current password"}


def test_detail_naming_a_field_goes_on_that_field_without_its_name():
    error = field_error("current_password: does not match", LABELS, "email")
    assert (error.field, error.message) == ("current_password", "Does not match.")
    assert error.summary == "Current password: does not match."


def test_detail_without_a_known_field_goes_on_the_default():
    error = field_error("too many failed attempts; try again in a moment", LABELS, "email")
    assert error.field == "email" and error.message.startswith("Too many failed attempts")
    assert field_error("admin: no", LABELS, "email").message == "Admin: no."
