"""Curating the bank in the browser: edits with revisions, users, audit log, YAML import/export."""
