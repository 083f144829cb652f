"""What a simulated user does: the real wizard for SOC Navigator, radio and buttons for the bare app."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator

from bench.protocol import Run, Session

SCOPING = [("q:b2b", 0), ("q:has_customers", 0), ("q:fin_impact", 1), ("q:user_auditor_ask", 1),
           ("q:security_ask", 0), ("q:customer_data", 0), ("q:uptime_sla", 0), ("q:confidential_nda", 1),
           ("q:processing", 1), ("q:personal_info", 1), ("q:phi", 1), ("q:public_artifact", 1)]
NUMBERS = [("q:controls_operating_months", 2.0), ("q:headcount", 35.0)]


async def wizard(session: Session, rng: random.Random) -> AsyncIterator[Run]:
    """Home → full assessment → scoping answers → Next → readiness answers, one click at a time."""
    yield await session.click("start-full")
    yield await session.choose("q:business_type", rng.randrange(13))
    for key, option in SCOPING:
        yield await session.choose(key, option)
    for key, value in NUMBERS:
        yield await session.enter_number(key, value)
    while True:
        yield await session.click("Next")
        radios = [widget_id.split("-", 2)[-1] for widget_id, element in session.widgets.items()
                  if element.WhichOneof("type") == "radio" and "-q:" in widget_id]
        for key in radios:
            yield await session.choose(key, rng.choice([0, 0, 1, 2, 3]))


async def bare(session: Session, rng: random.Random) -> AsyncIterator[Run]:
    """The bare app: pick options and press its two buttons."""
    while True:
        yield await session.choose("q:pick", rng.randrange(3))
        yield await session.click(rng.choice(["next", "back"]))
