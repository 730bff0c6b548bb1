"""Load benchmarks against any Zou-compatible server (see README, Performance)."""
