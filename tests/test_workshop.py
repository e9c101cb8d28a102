"""The shared-purpose workshop: its file (saved, opened, refused, merged), its views, the
canvas in a real browser, the notebook under papermill and the app in a real browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casebook import paths
from casebook.cli import main
from casebook.content.taxonomy import load_taxonomy
from casebook.errors import ContentError
from casebook.workshop import views
from casebook.workshop.model import json_schema
from casebook.workshop.store import (
    backup_path,
    load_workshop,
    merge_ratings,
    save_ratings,
    save_workshop,
    schema_text,
)

SAMPLE = paths.ROOT / "workshops" / "riverside-sample.yml"


@pytest.fixture
def sample(tmp_path) -> Path:
    return Path(shutil.copy(SAMPLE, tmp_path / "team.yml"))


def refused(path: Path) -> str:
    with pytest.raises(ContentError) as err:
        load_workshop(path)
    return str(err.value)


def test_the_sample_says_it_is_fictional_in_its_first_lines():
    first = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# FICTIONAL:")
    assert load_workshop(SAMPLE).fictional


def test_save_and_open_round_trip_and_keep_the_previous_version(sample):
    workshop = load_workshop(sample)
    assert save_workshop(workshop, sample) == backup_path(sample)
    assert load_workshop(sample) == workshop
    assert load_workshop(backup_path(sample)) == workshop
    revised = workshop.model_copy(update={"team": "Riverside, second session"})
    before = sample.read_bytes()
    save_workshop(revised, sample)
    assert load_workshop(sample).team == "Riverside, second session"
    assert backup_path(sample).read_bytes() == before  # the version it replaced
    assert sample.read_text(encoding="utf-8").startswith("# FICTIONAL:")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "{statement: vision, level: 2, evidence: Most",
            "{statement: vison, level: 2, evidence: Most",
            "team.yml:13: where_we_stand.participants[0].ratings[0].statement: "
            "'vison' is not a statement; use one of: vision, decisions, "
            "all-students, belonging",
        ),
        (
            "{statement: vision, level: 1}",
            "{statement: vision, level: 5}",
            "team.yml:19: where_we_stand.participants[1].ratings[0].level: "
            "Input should be less than or equal to 4",
        ),
        (
            "purpose_check: {asked: 18, could_say: 4}",
            "purpose_check: {asked: 18, could_say: 40}",
            "team.yml:29: where_we_stand.purpose_check: could_say (40) is more than asked (18)",
        ),
        (
            "  revisit: Every spring",
            "  revisits: Every spring",
            "room.revisits: unknown field 'revisits'",
        ),
        ("  missing: [students, community]", "  missing: [pupils]", "'pupils' is not a group"),
        (
            "  - {name: Class councils, leverage_point: 4, serves: yes}",
            "  - {name: Class councils, leverage_point: 13, serves: maybe}",
            "alignment[3].leverage_point: Input should be less than or equal to 12",
        ),
    ],
)
def test_a_bad_workshop_file_names_the_file_the_line_and_the_field(sample, old, new, expected):
    text = sample.read_text(encoding="utf-8")
    assert old in text
    sample.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert expected in refused(sample)


def test_a_foreign_file_is_named_as_not_a_workshop(tmp_path):
    case = Path(shutil.copy(paths.CASESTUDIES / "sobral.md", tmp_path / "sobral.yml"))
    assert "sobral.yml" in refused(case)
    ratings = tmp_path / "ratings.yml"
    ratings.write_text("format: casebook-workshop-ratings/1\nparticipant: A\nratings: []\n")
    report = refused(ratings)
    assert "ratings.yml:1: format: Input should be 'casebook-workshop/1'" in report
    missing = tmp_path / "nowhere.yml"
    assert "nowhere.yml: no such file" in refused(missing)


def test_participants_ratings_files_merge_and_a_bad_one_is_named_and_skipped(sample, tmp_path):
    from casebook.workshop.model import ParticipantRatings, Rating

    workshop = load_workshop(sample)
    dee = tmp_path / "dee.yml"
    save_ratings(
        ParticipantRatings(participant="Dee", ratings=[Rating(statement="vision", level=4)]), dee
    )
    amara = tmp_path / "amara.yml"
    save_ratings(
        ParticipantRatings(participant="Amara", ratings=[Rating(statement="belonging", level=1)]),
        amara,
    )
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "format: casebook-workshop-ratings/1\nparticipant: Eve\nratings:\n  - {statement: vision, level: 9}\n"
    )
    foreign = tmp_path / "foreign.yml"
    foreign.write_text("just: a list\n")
    empty = tmp_path / "empty.yml"
    empty.write_text("format: casebook-workshop-ratings/1\nparticipant: Fay\nratings: []\n")
    merged, problems = merge_ratings(workshop, [dee, amara, bad, foreign, empty])
    people = {p.participant: p for p in merged.where_we_stand.participants}
    assert set(people) == {"Amara", "Ben", "Chloe", "Dee"}
    assert [r.level for r in people["Amara"].ratings] == [1]  # her new file replaces her ratings
    reports = [f"{Path(p.file).name}:{p.line}: {p.field}" for p in problems]
    assert "bad.yml:4: ratings[0].level" in reports
    assert any(r.startswith("foreign.yml:1: format") for r in reports)
    assert "empty.yml:3: ratings" in reports  # a file with no ratings adds no one
    assert load_workshop(sample) == workshop  # nothing is saved until the facilitator saves


def test_the_group_view_names_the_widest_disagreement():
    workshop = load_workshop(SAMPLE)
    ratings = {v.id: v for v in views.group_ratings(workshop)}
    assert list(ratings) == ["vision", "decisions", "all-students", "belonging"]
    assert ratings["decisions"].spread == 2  # Chloe 1, Ben 3
    assert ratings["decisions"].counts == {1: 1, 2: 1, 3: 1, 4: 0}
    assert views.most_disagreed(workshop).id == "decisions"
    assert views.purpose_check_share(workshop) == 0.22


def test_the_alignment_table_reaches_from_parameters_to_intent():
    table = views.alignment_table(load_workshop(SAMPLE), load_taxonomy())
    by = {row["characteristic"]: row["counts"] for row in table}
    assert [row["characteristic"] for row in table] == [
        "parameters",
        "feedbacks",
        "design",
        "intent",
    ]
    assert by["parameters"] == {"yes": 0, "partly": 1, "no": 1}
    assert by["intent"] == {"yes": 1, "partly": 0, "no": 0}
    assert views.off_purpose(load_workshop(SAMPLE)) == ["Purchased phonics scheme"]


def test_the_examples_come_from_the_corpus_data(real_corpus):
    examples = views.purpose_examples(real_corpus)
    assert [e.case_title for e in examples[:3]] == [
        real_corpus.case(c).title for c in ("lindsay-unified", "chugach", "rsu2-mt-ararat")
    ]
    chugach = examples[1]
    assert len(chugach.values) == 8 and "trust and teamwork" in chugach.values
    rsu2 = examples[2]
    assert any(speaker == "Bill Zima" for _, speaker in rsu2.quotes)
    assert len(examples) == sum(1 for c in real_corpus.cases if c.purpose)


def test_the_published_schema_is_the_models_and_accepts_the_sample():
    import jsonschema
    from ruamel.yaml import YAML

    committed = paths.ROOT / "workshops" / "workshop.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(), "run 'make data'"
    data = json.loads(json.dumps(YAML(typ="safe").load(SAMPLE.read_text()), default=str))
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    validator = jsonschema.Draft202012Validator(json_schema())
    for path, bad in [
        (("where_we_stand", "participants", 0, "ratings", 0, "level"), 7),
        (("where_we_stand", "participants", 0, "ratings", 0, "statement"), "vison"),
        (("room", "missing", 0), "pupils"),
    ]:
        changed = json.loads(json.dumps(data))
        target = changed
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = bad
        assert not validator.is_valid(changed), path  # an editor flags it too
    changed = json.loads(json.dumps(data))
    changed["conversation"]["answers"]["nonsense"] = "x"
    assert not validator.is_valid(changed)


def test_the_canvas_command_writes_html_and_word_and_refuses_what_it_cannot(
    sample, tmp_path, capsys
):
    from docx import Document

    out = tmp_path / "out"
    assert main(["canvas", str(sample), "--format", "html,docx", "--out", str(out)]) == 0
    html = (out / "team-canvas.html").read_text(encoding="utf-8")
    assert "Every child at Riverside leaves curious" in html and "Fictional sample." in html
    text = "\n".join(p.text for p in Document(out / "team-canvas.docx").paragraphs)
    assert "Every child at Riverside leaves curious" in text and "Our protocol" in text
    before = (out / "team-canvas.html").read_bytes()
    assert main(["canvas", str(sample), "--format", "html,png", "--out", str(out)]) == 1
    assert "unknown canvas format png; use html, pdf, docx" in capsys.readouterr().err
    sample.write_text(sample.read_text().replace("team:", "teem:"), encoding="utf-8")
    assert main(["canvas", str(sample), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "team.yml" in err and "Traceback" not in err
    assert (out / "team-canvas.html").read_bytes() == before


@pytest.mark.browser
def test_the_canvas_is_one_page_offline_and_keeps_hostile_text_inert(sample, tmp_path):
    from browser import HOSTILE, offline_page

    from casebook.workshop.canvas import canvas_html

    workshop = load_workshop(sample)
    hostile = workshop.model_copy(
        update={
            "team": f"Riverside {HOSTILE}",
            "living_it": workshop.living_it.model_copy(update={"purpose": f"Purpose {HOSTILE}"}),
        }
    )
    page_file = tmp_path / "canvas.html"
    page_file.write_text(canvas_html(hostile, load_taxonomy()), encoding="utf-8")
    with offline_page(1123, 794) as page:
        page.goto(page_file.as_uri())
        page.wait_for_selector("section.purpose blockquote")
        assert HOSTILE in page.inner_text("section.purpose blockquote")
        assert page.evaluate("window.pwned") is None
        assert page.locator("img[src=x]").count() == 0
        assert page.locator(".seg").count() > 0  # the charts drew
        for paper in ("A4", "Letter"):
            pdf = page.pdf(format=paper, landscape=True)
            assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1, paper
        page.screenshot(path=str(tmp_path / "canvas.png"))
        assert page.errors == [] and page.blocked == []


@pytest.mark.kernel
def test_the_workshop_notebook_runs_with_the_sample(run_notebook, sample):
    executed = run_notebook("workshop.ipynb", file=str(sample))
    outputs = [o for cell in executed.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)


@pytest.mark.browser
def test_the_workshop_app_saves_what_a_team_enters_and_shows_it_again(corpus_dir, tmp_path):
    from browser import offline_page, voila_server

    file = tmp_path / "team.yml"
    with voila_server(paths.NOTEBOOKS / "workshop.ipynb", corpus_dir, workshop=file) as url:
        with offline_page(1200, 1000) as page:
            page.goto(url, wait_until="commit", timeout=60000)
            page.wait_for_selector("text=Shared-purpose workshop", timeout=120000)
            # rate a statement
            page.get_by_label("Your name").fill("Dee")
            page.locator("select").first.select_option(
                label="Mostly: true for most of us, most of the time"
            )
            page.get_by_role("button", name="Record my ratings").click()
            page.wait_for_selector("text=Recorded Dee's ratings", timeout=30000)
            # answer a question
            page.get_by_role("tab", name="The conversation").click()
            page.locator("textarea").first.fill("So that every child can read the world.")
            # tag an initiative
            page.get_by_role("tab", name="Alignment check").click()
            page.get_by_label("Initiative").fill("Class councils")
            point = page.locator(".widget-dropdown:has(label:text-is('Point')) select")
            four = next(o for o in point.locator("option").all_inner_texts() if o.startswith("4"))
            point.select_option(label=four)
            page.get_by_role("button", name="Serves the purpose").click()
            page.get_by_role("button", name="Add initiative").click()
            page.wait_for_selector("table.portfolio >> text=Class councils", timeout=30000)
            page.get_by_role("button", name="Save", exact=True).click()
            page.wait_for_selector("text=Saved to team.yml", timeout=30000)
            assert page.errors == [] and page.blocked == []
        saved = load_workshop(file)
        assert saved.where_we_stand.participants[0].participant == "Dee"
        assert saved.conversation.answers["exist"] == "So that every child can read the world."
        assert saved.alignment[0].name == "Class councils" and saved.alignment[0].serves == "yes"
        with offline_page(1200, 1000) as page:  # reload: a new kernel opens the saved file
            page.goto(url, wait_until="commit", timeout=60000)
            page.wait_for_selector("text=Shared-purpose workshop", timeout=120000)
            page.get_by_role("tab", name="The conversation").click()
            assert (
                page.locator("textarea").first.input_value()
                == "So that every child can read the world."
            )
            page.get_by_role("tab", name="Alignment check").click()
            page.wait_for_selector("table.portfolio >> text=Class councils", timeout=30000)
            page.get_by_role("tab", name="Where we stand").click()
            page.wait_for_selector("text=The group (1 participant)", timeout=30000)
            page.screenshot(path=str(tmp_path / "workshop.png"), full_page=True)
            assert page.errors == [] and page.blocked == []


def test_the_app_records_a_participant_and_offers_their_own_ratings_file(sample, tmp_path):
    import base64
    import re

    from casebook.workshop.app import WorkshopApp

    app = WorkshopApp(sample)
    # the group table puts the statement the team is furthest apart on first
    group = app.w_group.value
    assert group.index("Key decisions, including") < group.index("The school community shares")
    app.w_participant.value = "Dee"
    app.w_levels["belonging"].value = 4
    app.w_evidence["belonging"].value = "Every child has an adult they trust."
    app.record_ratings()
    assert "Recorded Dee's ratings of 1 statements" in app.w_status.value.replace("&#39;", "'")
    # the next person in the room starts from nothing chosen
    assert app.w_participant.value == "" and app.w_levels["belonging"].value == 0
    encoded = re.search(r'href="data:text/yaml;base64,([^"]+)"', app.w_status.value).group(1)
    own = tmp_path / "ratings-Dee.yml"
    own.write_bytes(base64.b64decode(encoded))
    merged, problems = merge_ratings(load_workshop(sample), [own])
    assert problems == []
    dee = next(p for p in merged.where_we_stand.participants if p.participant == "Dee")
    assert dee.ratings[0].evidence == "Every child has an adult they trust."
    # nothing named, nothing recorded
    app.w_participant.value = ""
    app.record_ratings()
    assert "Give your name" in app.w_status.value


def test_a_save_that_would_not_validate_leaves_the_file_as_it_was(sample):
    from casebook.workshop.app import WorkshopApp

    app = WorkshopApp(sample)
    before = sample.read_bytes()
    app.w_asked.value, app.w_could.value = 3, 9  # more could say it than were asked
    app.save()
    assert "Not saved, and the file is as it was" in app.w_status.value
    assert sample.read_bytes() == before and not backup_path(sample).exists()


def test_the_duplicate_participant_is_named_where_it_is(sample):
    text = sample.read_text(encoding="utf-8").replace("participant: Chloe", "participant: Amara")
    sample.write_text(text, encoding="utf-8")
    report = refused(sample)
    assert "where_we_stand.participants: Amara appears twice among the participants" in report


def test_a_save_keeps_the_files_opening_comments(sample):
    save_workshop(load_workshop(sample), sample)
    assert "# yaml-language-server: $schema=workshop.schema.json\n" in sample.read_text()
    assert sample.read_text().startswith("# FICTIONAL:")


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_any_text_saves_and_reads_back_the_same_or_is_not_written(sample, text):
    workshop = load_workshop(SAMPLE)
    living = workshop.living_it.model_copy(
        update={"purpose": text.strip(), "commitments": [text.strip()]}
    )
    changed = workshop.model_copy(update={"living_it": living, "team": text.strip()})
    before = sample.read_bytes()
    try:
        save_workshop(changed, sample)
    except ValueError:
        assert sample.read_bytes() == before  # refused: nothing written
        return
    assert load_workshop(sample) == changed
    shutil.copy(SAMPLE, sample)


def test_a_workshop_is_named_inside_workshops_or_given_as_a_path(tmp_path):
    from casebook.errors import UsageError
    from casebook.workshop.store import workshop_path

    assert workshop_path("riverside-sample") == SAMPLE
    assert workshop_path(tmp_path / "team.yml") == tmp_path / "team.yml"
    assert workshop_path("our-team", new=True) == paths.WORKSHOPS / "our-team.yml"
    for name in ("..", "our-team", "workshop.schema"):
        with pytest.raises(UsageError) as err:
            workshop_path(name)
        assert "available: riverside-sample" in str(err.value)
    with pytest.raises(UsageError):
        workshop_path("..", new=True)
