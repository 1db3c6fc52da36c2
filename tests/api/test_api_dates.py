"""Dates without a year (`--04-20`): sorted by month and day, and kept by the periods that may
hold them."""

from __future__ import annotations

from conftest import Api

YEARLESS_BY_MONTH_AND_DAY = [
    "grand-sfax-strategy-review-seminar",  # --03-12 (003)
    "gabes-general-conference",  # --04-19 (004)
    "kairouan-general-conference",  # --04-20 (004)
    "djerba-peer-workshops",  # --04-23 (004)
    "djerba-second-intercity-meeting",  # --04-23 (004)
    "migrant-participation-webinar",  # --05-05 (002)
]


def events(api: Api, arguments: str) -> list[tuple[str, int | None]]:
    data = api.data(
        f"{{ events(first: 50, {arguments}) {{ nodes {{ slug startDate {{ year }} }} }} }}"
    )
    return [
        (n["slug"], n["startDate"]["year"] if n["startDate"] else None)
        for n in data["events"]["nodes"]
    ]


def yearless(found: list[tuple[str, int | None]]) -> list[str]:
    return [slug for slug, year in found if year is None and slug != "jwp-marseille-meeting"]


def test_yearless_dates_follow_the_dated_in_month_and_day_order(api: Api) -> None:
    ascending = events(api, "orderBy: {field: START_DATE}")
    assert yearless(ascending) == YEARLESS_BY_MONTH_AND_DAY
    years = [year for _, year in ascending]
    first_yearless = years.index(None)
    assert all(year is None for year in years[first_yearless:])
    # The Marseille meeting has no date at all (001): last either way.
    assert ascending[-1][0] == "jwp-marseille-meeting"
    descending = events(api, "orderBy: {field: START_DATE, direction: DESC}")
    assert yearless(descending) == [
        "migrant-participation-webinar",
        "djerba-second-intercity-meeting",
        "djerba-peer-workshops",
        "kairouan-general-conference",
        "gabes-general-conference",
        "grand-sfax-strategy-review-seminar",
    ]
    assert descending[-1][0] == "jwp-marseille-meeting"
    assert descending[0][1] == 2016


def test_keyset_pages_keep_the_yearless_order(api: Api) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = api.data(
            "query($after: String) { events(first: 4, after: $after, "
            "orderBy: {field: START_DATE}) { pageInfo { hasNextPage endCursor } "
            "nodes { slug } } }",
            {"after": after},
        )["events"]
        seen += [n["slug"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert [slug for slug in seen if slug in YEARLESS_BY_MONTH_AND_DAY] == YEARLESS_BY_MONTH_AND_DAY


def test_a_period_keeps_the_yearless_dates_it_may_hold(api: Api) -> None:
    # A whole year, or a period open at one end, may hold any day of the year.
    whole_year = yearless(events(api, 'filter: {dateFrom: "2016", dateTo: "2016"}'))
    assert set(whole_year) == set(YEARLESS_BY_MONTH_AND_DAY)
    assert set(yearless(events(api, 'filter: {dateTo: "2012"}'))) == set(YEARLESS_BY_MONTH_AND_DAY)
    # March of one year holds only the 12 March seminar; December to March only it too.
    assert yearless(events(api, 'filter: {dateFrom: "2016-03", dateTo: "2016-03"}')) == [
        "grand-sfax-strategy-review-seminar"
    ]
    assert yearless(events(api, 'filter: {dateFrom: "2016-12", dateTo: "2017-03-31"}')) == [
        "grand-sfax-strategy-review-seminar"
    ]
    assert yearless(events(api, 'filter: {dateFrom: "2016-06", dateTo: "2016-12"}')) == []


def test_dates_come_in_words_too_as_the_pages_write_them(api: Api) -> None:
    data = api.data(
        '{ webinar: entity(slug: "migrant-participation-webinar") { ... on Event {'
        "   startDate { text words } } }"
        '  session: entity(slug: "kairouan-awareness-session-2016") { ... on Event {'
        "   startDate { text words } } } }"
    )
    assert data["webinar"]["startDate"] == {"text": "--05-05", "words": "5 May (year not given)"}
    assert data["session"]["startDate"] == {"text": "2016-03-22", "words": "22 March 2016"}
