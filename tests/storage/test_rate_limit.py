"""Creation limits: a sliding window per key, refusals not counted, old keys forgotten."""

from __future__ import annotations

from storage.rate_limit import RateLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_limit_holds_per_key_and_the_window_slides():
    clock = Clock()
    limit = RateLimit(3, window_seconds=600, clock=clock)
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("b")                       # another session or address is not affected
    assert 599 <= limit.retry_after("a") <= 600
    clock.now += 601
    assert limit.retry_after("a") == 0 and limit.allow("a")


def test_keys_whose_window_passed_are_forgotten():
    clock = Clock()
    limit = RateLimit(2, window_seconds=10, clock=clock)
    for n in range(100):
        limit.allow(f"address-{n}")
    clock.now += 11
    limit.allow("new")
    assert set(limit._hits) == {"new"}
