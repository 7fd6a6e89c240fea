import pytest

from newsflow_store.versions import pipeline_key


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        (("0.1.0", "0.1.0"), ("0.1.1", "0.1.0")),
        (("0.9.0", "5.0.0"), ("0.10.0", "0.1.0")),  # parse decides first
        (("1.0.0rc1", "1"), ("1.0.0", "1")),  # pre-releases come before the release
        (("1.0.0", None), ("1.0.0", "0.0.1")),
        (("rules-3", "x"), ("rules-12", "x")),  # not PEP 440: by the numbers in it
    ],
)
def test_newer_pipeline_versions_order_after_older_ones(older, newer):
    assert pipeline_key(*older) < pipeline_key(*newer)


def test_spellings_of_one_version_are_equal():
    assert pipeline_key("1.0", "2") == pipeline_key("1.0.0", "2.0.0")
