"""Benchmark tooling: synthetic data, measurements and the load test (not a Django app)."""
