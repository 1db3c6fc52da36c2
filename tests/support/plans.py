"""Query plans read in tests: which operators a statement would run (EXPLAIN runs nothing)."""

from typing import Any

from graphsvc.store.database import Database


def operators(plan: Any) -> list[str]:
    """Every operator of a plan (the driver's dict form), outermost first."""
    found = [str(plan["operatorType"]).split("@")[0]]
    for child in plan.get("children", []):
        found += operators(child)
    return found


def plan_of(database: Database, statement: str, parameters: dict[str, Any]) -> list[str]:
    """The operators of `statement`'s plan, outermost first."""
    with database.session() as session:
        summary = session.run(f"EXPLAIN {statement}", parameters).consume()
    assert summary.plan is not None
    return operators(summary.plan)
