"""The names of the bank's export formats (light: the CLI imports it at start-up)."""

from enum import StrEnum


class ExportFormat(StrEnum):
    yaml = "yaml"
    apkg = "apkg"
    moodle = "moodle"
    gift = "gift"


class FileFormat(StrEnum):
    """The formats written as one file (yaml is a folder of topic files)."""

    apkg = "apkg"
    moodle = "moodle"
    gift = "gift"
