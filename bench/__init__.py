"""Benchmarks for readygate: each figure against a baseline measured in the same run."""
