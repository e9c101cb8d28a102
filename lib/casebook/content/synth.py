"""A synthetic corpus of any size, for measuring builds and apps at scale.

``casebook synth --cases N --out DIR`` writes N valid case files. It makes them from the real
corpus, not from invented text: the real cases first, then copies of them chosen at random
(``--seed``) under fresh ids. Every id a case owns is renamed (the case, its interventions
and outcomes, the headline and the timeline links to them). Related-case links and coding
reviews are dropped, since a copy's relatives and second coding are not in the copy. So the synthetic corpus keeps the real
taxonomy's spread of leverage points, approaches, grades, outcomes, timeline events and
citations, and shares the real sources across cases the way the real ones do. Its figures
are as realistic as the corpus it copies, and no fact in it is new.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from casebook import paths
from casebook.content.corpus import is_case_file
from casebook.content.yamlfile import read_front_matter
from casebook.errors import ContentError, UsageError, display_path

SHARED_FILES = (
    paths.SOURCES_FILE,
    paths.PERSPECTIVES_FILE,
    paths.QUOTES_FILE,
    paths.CLAIMS_FILE,
    paths.CODERS_FILE,
)


def synthesise(cases: int, out: Path, seed: int = 1, source: Path | None = None) -> int:
    """Write a corpus of ``cases`` case files into ``out`` (which must not hold one yet)."""
    source = Path(source or paths.CASESTUDIES)
    out = Path(out)
    originals = sorted(p for p in source.iterdir() if is_case_file(p))
    if cases < len(originals):
        # the shared files (quotes, claims) name real cases, so every real case comes along
        raise UsageError(
            f"--cases must be at least {len(originals)}, the cases in {display_path(source)}"
        )
    if out.exists() and any(is_case_file(p) for p in out.iterdir()):
        raise UsageError(f"{display_path(out)} already holds case files; choose an empty folder")
    out.mkdir(parents=True, exist_ok=True)
    for name in SHARED_FILES:
        if (source / name).exists():
            shutil.copyfile(source / name, out / name)
    if (source / paths.CODINGS_FOLDER).is_dir():  # the real cases' second coding
        shutil.copytree(source / paths.CODINGS_FOLDER, out / paths.CODINGS_FOLDER)
    parsed = []
    for path in originals:
        shutil.copyfile(path, out / path.name)
        front, problems = read_front_matter(path, display_path(path))
        if front is None:
            raise ContentError(problems)
        parsed.append((front.meta.data, front.body))
    rng = random.Random(seed)
    for number in range(cases - len(originals)):
        data, body = rng.choice(parsed)
        copy = _renamed(data, f"s{number + 1:06d}")
        (out / f"{copy['id']}.md").write_text(_case_file(copy, body), encoding="utf-8")
    return cases


def _renamed(data: dict, suffix: str) -> dict:
    """A deep copy of a case's front matter with every id it owns given ``suffix``."""
    import copy

    case = copy.deepcopy(data)
    new = {}
    case["id"] = f"{data['id']}-{suffix}"
    for kind in ("interventions", "outcomes"):
        for item in case.get(kind, []):
            new[item["id"]] = item["id"] = f"{item['id']}-{suffix}"
            item.pop("review", None)
    case["headline"] = [new.get(h, h) for h in case.get("headline", [])]
    for event in case.get("timeline", []):
        if event.get("intervention"):
            event["intervention"] = new.get(event["intervention"], event["intervention"])
    case.pop("related", None)
    return case


def _case_file(data: dict, body: str) -> str:
    import yaml

    # libyaml's emitter: fifteen times faster than ruamel's pure-Python one, which matters
    # at 100,000 cases. It quotes every string YAML 1.1 would read as another type, a
    # superset of YAML 1.2's, so the loader reads back the same values.
    front = yaml.dump(
        data,
        Dumper=yaml.CSafeDumper,
        allow_unicode=True,
        width=4096,
        sort_keys=False,
        default_flow_style=False,
    )
    return f"---\n{front}---\n{body}"
