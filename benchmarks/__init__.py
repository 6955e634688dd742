"""Benchmarks: a synthetic KB generator and the measurements behind docs/performance.md."""
