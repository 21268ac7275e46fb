"""Benchmark tooling, a Django app for its commands: `manage.py gen_data` (synthetic data),
`manage.py bench` (measurements and, with --load, the load test). It depends on every other
app; no other app depends on it."""
