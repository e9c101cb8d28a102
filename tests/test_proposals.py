"""Proposals are shown to be pasted back: each must read back as what it proposes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from casebook.content.proposals import closest, flow, split_authors

NAMES = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
        min_size=1,
    )
    .map(str.strip)
    .filter(bool)
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["family", "given", "name"]), NAMES, min_size=1))
def test_an_author_shown_in_flow_form_reads_back_as_itself(author):
    assert YAML(typ="safe").load(flow(author)) == author


@pytest.mark.parametrize(
    ("written", "authors"),
    [
        ("Colbert, V.", [{"family": "Colbert", "given": "V."}]),
        (["Colbert", "V. M."], [{"family": "Colbert", "given": "V. M."}]),
        (
            "Colbert, V.; Chiappe, C.",
            [{"family": "Colbert", "given": "V."}, {"family": "Chiappe", "given": "C."}],
        ),
        (["Donella H. Meadows"], [{"family": "Meadows", "given": "Donella H."}]),
        (["João da Costa"], [{"family": "da Costa", "given": "João"}]),
        (["Madonna"], [{"family": "Madonna"}]),
        (
            ["USAID", "Ministry of Education"],
            [{"name": "USAID"}, {"name": "Ministry of Education"}],
        ),
        (
            [{"family": "Writer"}, "Colbert, V."],
            [{"family": "Writer"}, {"family": "Colbert", "given": "V."}],
        ),
        ("", []),
    ],
)
def test_authors_written_as_text_are_split_as_people_and_organisations(written, authors):
    assert split_authors(written) == authors


def test_closest_keys_prefer_what_another_tools_name_means_here():
    assert closest("surname", ["family", "given", "name"]) == ["family"]
    assert closest("journal", ["url", "organisation"]) == []  # no far-fetched guess
    assert closest("journal", ["url", "container"]) == ["container"]
    assert closest("leverage_piont", ["id", "leverage_point", "rationale"]) == ["leverage_point"]
