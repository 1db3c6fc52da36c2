import pytest

from graphsvc.model.names import lookup_keys, name_key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Málaga", "malaga"),
        ("MedCités", "medcites"),
        ("Gabès", "GABES"),
        ("M’saken", "Msaken"),
        ("M'Saken 2050", "msaken 2050"),
        ("A'SIMA Tunis", "ASIMA  tunis"),
        ("UN-Habitat", "un habitat"),
        ("Cités Unies Liban", "cites unies liban"),
    ],
)
def test_spellings_meet_on_one_key(left: str, right: str) -> None:
    assert name_key(left) == name_key(right)


def test_different_names_stay_different() -> None:
    assert name_key("Sfax") != name_key("Sousse")


def test_lookup_keys_are_distinct_and_sorted() -> None:
    assert lookup_keys("MedCities", ["Medcities", "MedCités"]) == ["medcites", "medcities"]
