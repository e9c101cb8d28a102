"""What an author probably meant, proposed in the form the file needs.

A message that says only what is wrong leaves the author to guess the right form; these
functions turn the mistake itself into the proposal: a misspelt key into the closest keys
allowed at that place, an unknown value into the closest allowed value, and authors written
as text ("Colbert, V.", or a list a YAML flow sequence split at its commas) into the
structured form, ``- {family: Colbert, given: V.}``. A proposal is a guess to check, and
the messages say so by showing it, never by applying it.
"""

from __future__ import annotations

import difflib
import re

# Names authors reach for from other tools, and the field each means here; offered only
# where that field is allowed at the place of the unknown key.
SYNONYMS = {
    "last": "family",
    "last_name": "family",
    "lastname": "family",
    "surname": "family",
    "family_name": "family",
    "first": "given",
    "first_name": "given",
    "firstname": "given",
    "forename": "given",
    "given_name": "given",
    "organisation": "name",
    "organization": "name",
    "author": "authors",
    "organization_name": "organisation",
    "link": "url",
    "href": "url",
    "address": "url",
    "website": "url",
    "archive": "archive_url",
    "wayback": "archive_url",
    "date": "year",
    "journal": "container",
    "booktitle": "container",
    "book": "container",
    "number": "issue",
    "page": "pages",
}


def closest(word: str, choices, n: int = 3) -> list[str]:
    """The choices most like ``word`` (a typo, a name from another tool, another case)."""
    choices = [str(c) for c in choices]
    if SYNONYMS.get(word.lower()) in choices:
        return [SYNONYMS[word.lower()]]  # a name from another tool means one thing here
    lowered = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.7)
    return [lowered[c] for c in found]


def did_you_mean(candidates: list[str]) -> str:
    """'; did you mean 'a'?' or '; did you mean 'a' or 'b'?', or '' for no candidates."""
    if not candidates:
        return ""
    quoted = [f"'{c}'" for c in candidates]
    spoken = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {spoken}?"


# Words that make a name an organisation's rather than a person's.
ORGANISATION_WORDS = frozenset(
    """academy agency alliance association authority bank board campaign centre center
    coalition college commission committee company corporation council department
    education foundation fund fundación fundacion government group initiative institute
    instituto international ministry ministerio national network office organisation
    organization partnership press programme program project school secretariat service
    services society trust unesco unicef university universidad usaid oecd of for the""".split()  # noqa: SIM905
)
# Particles that stay with the family name ("von Wehrden", "da Costa").
PARTICLES = {"da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le"}
PARTICLES |= {"van", "von", "ten", "ter", "y"}
INITIALS = re.compile(r"^(?:[A-ZÀ-Þ][a-z]?\.?[ -]?)+$")
PLAIN = re.compile(r"^[^\W\d_][\w .'’-]*$")


def _is_organisation(text: str, long: bool = True) -> bool:
    """Whether ``text`` names an organisation: an acronym, a name with a word such as
    "Ministry" or "of" in it, or (``long``) one too long for a person's."""
    words = text.replace(",", " ").split()
    if len(words) == 1:
        return len(words[0]) > 1 and words[0].isupper() and not words[0].endswith(".")
    named = any(w.lower().strip(".") in ORGANISATION_WORDS for w in words)
    return named or (long and len(words) > 4)


def _person(text: str) -> dict:
    """One person from "Family, Given" or "Given Family" (particles kept with the family)."""
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return {"family": family, "given": given} if given else {"family": family}
    words = text.split()
    if len(words) == 1:
        return {"family": words[0]}
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}


def _one_name(text: str) -> dict:
    text = " ".join(text.split())
    return {"name": text} if _is_organisation(text) else _person(text)


def split_authors(value) -> list[dict]:
    """The authors ``value`` (text, or a list of texts and mappings) most likely names."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if _is_organisation(text, long=False) and "," not in text and ";" not in text:
            return [{"name": " ".join(text.split())}]
        chunks = [c for c in re.split(r";|\s+and\s+|\s*&\s*", text) if c.strip()]
        if len(chunks) == 1 and text.count(",") > 1:
            return split_authors(text.split(","))  # "Colbert, V., Chiappe, C."
        return [_one_name(c) for c in chunks]
    items = [v.strip() if isinstance(v, str) else v for v in value or []]
    words = [v for v in items if isinstance(v, str)]
    # "[Colbert, Vicky, Chiappe, Clemencia]": a flow list split every name at its comma
    pairs = len(words) == len(items) and len(items) % 2 == 0
    pairs = pairs and all(" " not in v and not _is_organisation(v) for v in words)
    out, n = [], 0
    while n < len(items):
        item = items[n]
        following = items[n + 1] if n + 1 < len(items) else None
        if not isinstance(item, str):
            out.append(item)
        elif " " not in item and isinstance(following, str) and not _is_organisation(item):
            if pairs or INITIALS.match(following):
                out.append({"family": item, "given": following})
                n += 1
            else:
                out.append(_one_name(item))
        elif item:
            out.append(_one_name(item))
        n += 1
    return out


# Plain words YAML reads as something other than text.
NOT_TEXT = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def _scalar(text) -> str:
    """``text`` as a YAML flow scalar: plain where YAML reads it back as the same text."""
    text = str(text)
    if PLAIN.match(text) and text.lower() not in NOT_TEXT:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(author) -> str:
    """One author as a YAML flow mapping: ``{family: Colbert, given: V.}``."""
    if not isinstance(author, dict):
        return _scalar(author)
    return "{" + ", ".join(f"{key}: {_scalar(value)}" for key, value in author.items()) + "}"
