"""Numeric drills: the computed-question engine served one variant at a time."""
