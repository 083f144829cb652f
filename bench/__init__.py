"""Benchmarks: `make bench` measures the engine, the server per click, memory, the browser and exports."""
