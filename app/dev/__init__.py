"""Developer tools: synthetic data, benchmarks, load tests, screenshots (not used by the app)."""
