from pathlib import Path

import pytest

from casebook import paths
from casebook.content.taxonomy import load_taxonomy
from casebook.errors import ContentError


def test_twelve_leverage_points_in_meadows_order():
    tax = load_taxonomy()
    assert sorted(tax.leverage_points) == list(range(1, 13))
    assert tax.leverage_points[12].name.startswith("Constants, parameters, numbers")
    assert tax.leverage_points[6].name.startswith("The structure of information flows")
    assert tax.leverage_points[3].name == "The goals of the system"
    assert tax.leverage_points[1].name == "The power to transcend paradigms"
    for point in tax.leverage_points.values():
        assert point.description and point.education_example and point.teaching_prompt


def test_characteristics_follow_abson_2017():
    tax = load_taxonomy()
    groups = {c.id: sorted(c.points, reverse=True) for c in tax.characteristics.values()}
    assert groups == {
        "parameters": [12, 11, 10],
        "feedbacks": [9, 8, 7],
        "design": [6, 5, 4],
        "intent": [3, 2, 1],
    }
    assert [tax.characteristic_of(p) for p in (12, 9, 6, 3)] == [
        "parameters",
        "feedbacks",
        "design",
        "intent",
    ]


def test_vocabularies_are_complete():
    tax = load_taxonomy()
    assert list(tax.approaches) == ["top-down", "mixed", "bottom-up"]
    assert all(a.colour.startswith("#") for a in tax.approaches.values())
    assert list(tax.levels) == ["national", "regional", "municipal", "school", "network", "global"]
    assert [g.id for g in sorted(tax.evidence_grades.values(), key=lambda g: -g.rank)] == [
        "strong",
        "moderate",
        "limited",
        "anecdotal",
    ]
    for grade in tax.evidence_grades.values():
        assert grade.criteria


def _copy_taxonomy(tmp_path: Path) -> Path:
    target = tmp_path / "taxonomy"
    target.mkdir()
    for path in paths.TAXONOMY.glob("*.yml"):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_a_point_in_the_wrong_characteristic_is_reported(tmp_path):
    taxonomy = _copy_taxonomy(tmp_path)
    path = taxonomy / "leverage_points.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("characteristic: intent", "characteristic: design", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError) as err:
        load_taxonomy(taxonomy)
    assert "point 3 says 'design' but characteristics.yml puts it in ['intent']" in str(err.value)


def test_a_missing_point_and_an_unknown_field_are_both_reported(tmp_path):
    taxonomy = _copy_taxonomy(tmp_path)
    path = taxonomy / "leverage_points.yml"
    text = path.read_text(encoding="utf-8").replace("- number: 9\n", "- number: 13\n")
    (taxonomy / "levels.yml").write_text(
        "- id: national\n  name: National\n  description: x\n  colour: red\n"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_taxonomy(taxonomy)
    report = str(err.value)
    assert "leverage_points.yml:" in report
    assert "less than or equal to 12" in report
    assert "levels.yml:4: [0].colour: unknown field 'colour'" in report


def test_an_id_listed_twice_is_reported_with_its_file(tmp_path):
    taxonomy = _copy_taxonomy(tmp_path)
    path = taxonomy / "approaches.yml"
    text = path.read_text(encoding="utf-8")
    entry = text[text.index("- id: mixed") : text.index("- id: bottom-up")]
    path.write_text(text + entry, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_taxonomy(taxonomy)
    [problem] = err.value.problems
    assert Path(problem.file).name == "approaches.yml"
    assert (problem.field, problem.message) == ("id", "ids appear more than once: mixed")
    assert "approaches.yml: id: ids appear more than once: mixed" in str(err.value)
