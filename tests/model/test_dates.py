import datetime as dt

import pytest

from graphsvc.model.dates import PartialDate


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2012", PartialDate(2012)),
        ("2012-05", PartialDate(2012, 5)),
        ("2012-05-30", PartialDate(2012, 5, 30)),
        ("--05-05", PartialDate(None, 5, 5)),
        ("--04", PartialDate(None, 4)),
        ("--02-29", PartialDate(None, 2, 29)),
        (dt.date(2016, 3, 22), PartialDate(2016, 3, 22)),
        (2016, PartialDate(2016)),
    ],
)
def test_parses_every_precision(written: object, expected: PartialDate) -> None:
    assert PartialDate.parse(written) == expected


@pytest.mark.parametrize("written", ["2012-05-30", "2012-05", "2012", "--05-05", "--04"])
def test_isoformat_reads_back(written: str) -> None:
    assert PartialDate.parse(written).isoformat() == written


@pytest.mark.parametrize(
    ("written", "complaint"),
    [
        ("30/05/2012", "is not a date"),
        ("2012-13-01", "month 13"),
        ("2015-02-29", "day 29 does not exist"),
        ("--04-31", "day 31 does not exist"),
        ("May 5th", "is not a date"),
        (3.5, "expected a date"),
    ],
)
def test_rejects_malformed_dates(written: object, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        PartialDate.parse(written)


def test_ordering_only_fails_when_certain() -> None:
    assert PartialDate(2016, 3, 22).may_precede(PartialDate(2016, 3, 26))
    assert not PartialDate(2016, 3, 26).may_precede(PartialDate(2016, 3, 22))
    assert not PartialDate(2017).may_precede(PartialDate(2016, 12))
    # Without a year on one side, either order is possible.
    assert PartialDate(None, 12, 1).may_precede(PartialDate(2016, 1, 1))
    assert PartialDate(2016, 3).may_precede(PartialDate(2016, 3, 1))


def test_day_numbers_bound_a_partial_date() -> None:
    assert PartialDate.parse("2012-05").day_number(last=False) == 20120501
    assert PartialDate.parse("2012-05").day_number(last=True) == 20120531
    assert PartialDate.parse("2012").day_number(last=True) == 20121231
    assert PartialDate.parse("2012-05-30").day_number(last=False) == 20120530
    assert PartialDate.parse("--05-05").day_number(last=False) is None


def test_a_range_written_with_one_year_reads_with_it_at_both_ends() -> None:
    from graphsvc.model.wording import human_period

    assert human_period("2018-10-04", "--10-05") == "4–5 October 2018"
    assert human_period("2018-10-30", "--11-02") == "30 October – 2 November 2018"
    # An end that would come before its start in that year is not given the start's year.
    assert human_period("2018-12-30", "--01-02") == "30 December 2018 – 2 January (year not given)"
    assert human_period("--10-04", "--10-05") == "4–5 October (year not given)"
