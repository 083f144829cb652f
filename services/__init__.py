"""Business operations shared by the UI, the command line and the benchmarks: plain functions over
the store, the question bank and the engine. Never imports streamlit (tests/test_architecture.py)."""
