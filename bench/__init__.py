"""Benchmarks and their helpers (`bench.generate`: seeded synthetic reports for scale runs)."""
