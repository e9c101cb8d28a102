"""Saving and opening workshop files so that nothing is lost.

A save writes the whole file atomically and first keeps the version it replaces beside it
(``NAME.previous.yml``), so a bad save or a wrong edit can be undone by hand. Opening checks
the file strictly and names the file, the line, the field and the fix. A facilitator merges
participants' ratings files: each good file replaces that participant's ratings, and a bad
or foreign file is reported and skipped while the others still merge.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from casebook import paths
from casebook.atomic import write_atomic
from casebook.content.validation import read_model_file
from casebook.errors import ContentError, Problem, UsageError, display_path
from casebook.workshop.model import (
    RATINGS_FORMAT,
    ParticipantRatings,
    RatingsFile,
    Workshop,
    json_schema,
)

FICTIONAL_HEADER = (
    "# FICTIONAL: a made-up school team's workshop, for trying casebook's workshop and for its\n"
    "# tests. No real school, person or answer is described here.\n"
)
SCHEMA_NAME = "workshop.schema.json"


def backup_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.previous{path.suffix}")


def workshop_path(given: str | Path, new: bool = False) -> Path:
    """The file a command names: a path as given (``workshops/team.yml``, ``./team.yml``),
    or a bare name (``riverside-sample``) looked up among the workshop files in
    ``workshops/``, never joined to the folder; with ``new``, a name of letters, digits and
    dashes may also be a workshop still to be saved there.

    Raises
    ------
    UsageError
        A bare name that is no workshop file there (the message lists those that are).
    """
    text = str(given)
    if "/" in text or "\\" in text or text.endswith((".yml", ".yaml")):
        return Path(given)
    available = paths.named_in(paths.WORKSHOPS, ".yml")
    if text not in available and not (new and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", text)):
        raise UsageError(
            f"no workshop '{text}' in workshops/; name a file there without .yml, or give "
            f"a path to a .yml file; available: {', '.join(available) or 'none'}"
        )
    return paths.WORKSHOPS / f"{text}.yml"


def load_workshop(path: Path) -> Workshop:
    """Open a workshop file.

    Raises
    ------
    ContentError
        The file is missing, is not YAML, is another kind of file, or breaks the schema.
    """
    path = Path(path)
    if not path.is_file():
        raise ContentError(
            [
                Problem(
                    display_path(path),
                    "",
                    "no such file",
                    "check the path, or start a new workshop",
                )
            ]
        )
    return read_model_file(path, Workshop)


def _yaml(data: dict) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 10**6  # no folding: a folded line can change what an escape reads back as
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def workshop_text(workshop: Workshop, header: str = "") -> str:
    """The file's text: ``header`` (comment lines), then the fields that hold something, in
    the schema's order."""
    data = workshop.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {"format": workshop.format, **data}
    if workshop.fictional and "FICTIONAL" not in header:
        header = FICTIONAL_HEADER + header
    return header + _yaml(data)


def leading_comments(path: Path) -> str:
    """The comment lines a file opens with (what it is, the schema line for editors)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def save_workshop(workshop: Workshop, path: Path) -> Path | None:
    """Write ``workshop`` to ``path`` atomically, keeping the version it replaces as
    ``NAME.previous.yml``, and the comment lines it opened with; return the backup's path
    (or None when there was no file).

    Raises
    ------
    ValueError
        When the text would not read back as the same workshop (nothing is written).
    """
    path = Path(path)
    text = workshop_text(workshop, leading_comments(path) if path.exists() else "")
    if Workshop.model_validate(_reload(text)) != workshop:  # never write what reads back else
        raise ValueError("the workshop would not read back as it is; nothing was written")
    backup = None
    if path.exists():
        backup = backup_path(path)
        write_atomic(backup, path.read_bytes())
    write_atomic(path, text)
    return backup


def _reload(text: str) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)


def ratings_text(ratings: ParticipantRatings) -> str:
    """A participant's own ratings file, to hand to the facilitator."""
    data = {"format": RATINGS_FORMAT, **ratings.model_dump(mode="json", exclude_none=True)}
    return _yaml(data)


def save_ratings(ratings: ParticipantRatings, path: Path) -> None:
    write_atomic(Path(path), ratings_text(ratings))


def merge_ratings(workshop: Workshop, files: list[Path]) -> tuple[Workshop, list[Problem]]:
    """The workshop with each good ratings file's participant added or replaced, and the
    problems of the files that were skipped."""
    participants = {p.participant: p for p in workshop.where_we_stand.participants}
    problems: list[Problem] = []
    for path in files:
        try:
            ratings = read_model_file(Path(path), RatingsFile)
        except ContentError as err:
            problems += err.problems
            continue
        participants[ratings.participant] = ParticipantRatings(
            participant=ratings.participant, ratings=ratings.ratings
        )
    stand = workshop.where_we_stand.model_copy(update={"participants": list(participants.values())})
    return workshop.model_copy(update={"where_we_stand": stand}), problems


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
