"""The question bank's YAML format: schema, validation, loading into SQL, export."""
