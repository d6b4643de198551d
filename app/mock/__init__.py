"""Timed mock interviews: drawing questions, server-kept deadlines, grading and the report."""
