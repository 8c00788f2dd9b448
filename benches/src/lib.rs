//! Benchmarks for kmcore.
