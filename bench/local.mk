# Benchmarks print ratios against the reference; they are never timed tests.
