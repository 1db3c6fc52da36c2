"""`moneyTrace` over HTTP: the IATI money trace, each flow counted once."""

from __future__ import annotations

from pathlib import Path

from conftest import Api

from graphsvc.iati.importer import import_iati
from graphsvc.store.database import Database

TWO_PUBLISHERS = Path(__file__).resolve().parents[1] / "data" / "two-publishers.xml"

QUERY = """query($funder: String!) { moneyTrace(funder: $funder) {
  funder { name slug } totals { transactionType currency value }
  fromFunder { transactionType value }
  steps { depth how activity { ... on Programme { iatiIdentifier } }
          totals { transactionType value } alreadyCounted { transactionType value }
          places receivers sources } } }"""


def test_money_trace_over_http(database: Database, fresh_api: Api) -> None:
    import_iati(database, [TWO_PUBLISHERS], progress=lambda _: None)
    trace = fresh_api.data(QUERY, {"funder": "XM-FUNDER"})["moneyTrace"]
    assert trace["funder"]["name"] == "Funder Agency"
    assert {(t["transactionType"], t["value"]) for t in trace["totals"]} == {
        ("outgoing-commitment", 500000.0),
        ("disbursement", 200000.0),
        ("expenditure", 150000.0),
    }
    steps = {s["activity"]["iatiIdentifier"]: s for s in trace["steps"]}
    network = steps["XM-CITYNET-7"]
    assert network["depth"] == 2 and network["places"] == ["Tunisia"]
    assert network["alreadyCounted"] == [{"transactionType": "incoming-funds", "value": 200000.0}]
    assert network["sources"] == ["two-publishers.xml"]
    assert trace["fromFunder"] == []  # the fund's own activity records no incoming money
    # The same trace hangs under fundingTrace, for clients that start from the funder's graph.
    via_funding_trace = fresh_api.data(
        "query($id: String!) { fundingTrace(funder: $id) { money { totals { value } } } }",
        {"id": trace["funder"]["slug"]},
    )
    assert via_funding_trace["fundingTrace"]["money"]["totals"] == [
        {"value": v} for v in (200000.0, 150000.0, 500000.0)
    ]
    missing = fresh_api.errors('{ moneyTrace(funder: "nobody") { funder { name } } }')
    assert missing[0]["extensions"]["code"] == "NOT_FOUND"
