"""Follow a funder's money through IATI activities, across publishers, with amounts per step.

From the activities a funder funds, reports or provides money to, the trace follows money
onwards: transactions naming a receiver activity (the provider's side), incoming funds naming
this activity as provider (the receiver's side, which is often the only one published), and
child activities. Each step reports its transactions' totals per type and currency. Types are
never added together (a commitment is not a disbursement), and a receiver's record of money the
provider also reports (`mirror_of`) is shown but not counted again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graphsvc.errors import ConfigError
from graphsvc.model.identifiers import normalise
from graphsvc.store import money
from graphsvc.store.async_database import Read

MAX_DEPTH = 6


@dataclass
class TraceStep:
    """One activity the money reaches."""

    depth: int
    activity_id: str
    name: str
    iati_identifier: str | None
    reached_from: str | None
    how: str
    publisher: str | None
    received: dict[str, dict[str, float]] = field(default_factory=dict)
    """What came from the funder (at depth 1) or from `reached_from` (further on), by type and
    currency, as either side recorded it; a flow both sides recorded counts once."""
    totals: dict[str, dict[str, float]] = field(default_factory=dict)
    """All of the activity's own transactions, transaction type -> currency -> amount, each
    flow counted once (money from other funders included)."""
    mirrored: dict[str, dict[str, float]] = field(default_factory=dict)
    """Receiver-side records of money already counted at the provider: shown, not added."""
    receivers: list[str] = field(default_factory=list)
    implementers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class MoneyTrace:
    """Every activity a funder's money reaches, in the order it reaches them."""

    funder_id: str
    funder_name: str
    steps: list[TraceStep]

    def totals(self) -> dict[str, dict[str, float]]:
        """The activities' own transactions summed over every step, by type and currency."""
        return _summed(step.totals for step in self.steps)

    def from_funder(self) -> dict[str, dict[str, float]]:
        """What the activities where the money enters received from the funder itself."""
        return _summed(step.received for step in self.steps if step.depth == 1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "funder": {"id": self.funder_id, "name": self.funder_name},
            "steps": [vars(step) for step in self.steps],
            "totals": self.totals(),
            "from_funder": self.from_funder(),
        }


def _summed(buckets: Any) -> dict[str, dict[str, float]]:
    summed: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for bucket in buckets:
        for kind, amounts in bucket.items():
            for currency, amount in amounts.items():
                summed[kind][currency] += amount
    return {kind: dict(amounts) for kind, amounts in sorted(summed.items())}


def _add(bucket: dict[str, dict[str, float]], transaction: dict[str, Any]) -> None:
    amounts = bucket.setdefault(transaction["type"], {})
    amounts[transaction["currency"]] = amounts.get(transaction["currency"], 0.0) + float(
        transaction["value"]
    )


async def find_funder(read: Read, key: str) -> tuple[str, str]:
    """A funder by graph id, IATI organisation identifier, or exact name."""
    rows = await money.funders_matching(read, key, normalise(key))
    if not rows:
        raise ConfigError(
            f"no institution has the id, organisation identifier or name {key!r}; "
            "`graphsvc search` finds ids by name"
        )
    return rows[0]["id"], rows[0]["name"]


async def trace_money(read: Read, funder: str, depth: int = 3) -> MoneyTrace:
    """The funder's money, `depth` steps of onward flows from where it enters.

    Round trips: two, plus one per step of depth (bounded by `depth`, not by the data).
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ConfigError(f"depth must be between 1 and {MAX_DEPTH}; got {depth}")
    funder_id, funder_name = await find_funder(read, funder)
    reached: dict[str, tuple[int, str | None, str]] = {}
    for row in await money.entry_points(read, funder_id):
        reached[row["id"]] = (1, None, ", ".join(row["hows"]))
    frontier = list(reached)
    for level in range(2, depth + 1):
        if not frontier:
            break
        found = []
        for row in await money.onward_steps(read, frontier):
            if row["id"] not in reached:
                reached[row["id"]] = (level, row["source"], "; ".join(row["hows"]))
                found.append(row["id"])
        frontier = found
    steps = []
    for row in await money.activity_details(read, list(reached)):
        level, source, how = reached[row["id"]]
        step = TraceStep(
            level,
            row["id"],
            row["name"],
            row["iati_identifier"],
            source,
            how,
            row["publisher"],
            receivers=sorted(row["receivers"]),
            implementers=sorted(row["implementers"]),
            places=sorted(row["places"]),
            sources=sorted(row["sources"]),
        )
        for transaction in row["transactions"]:
            _add(step.mirrored if transaction["mirror"] else step.totals, transaction)
            from_here = (
                transaction["provider"] == funder_id
                if source is None
                else transaction["origin"] == source
            )
            if (
                from_here
                and not transaction["mirror"]
                and transaction["type"].startswith("incoming")
            ):
                _add(step.received, transaction)
        for transaction in row["sent_here"]:
            if source is not None and transaction["upstream"] == source:
                _add(step.received, transaction)
        steps.append(step)
    steps.sort(key=lambda s: (s.depth, s.name.casefold(), s.activity_id))
    return MoneyTrace(funder_id, funder_name, steps)
