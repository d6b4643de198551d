"""Spaced repetition: FSRS scheduling (the `fsrs` package), the daily queue, reviews, stats."""
