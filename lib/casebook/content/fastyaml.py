"""A faster YAML loader that gives ruamel's answer or none.

``parse_yaml`` reads with ruamel's safe loader (YAML 1.2, duplicate keys refused). PyYAML's
libyaml loader is faster but reads YAML 1.1 (``yes`` is True, ``010`` is 8, ``1:30`` is 5400)
and keeps the last of two equal keys. This is PyYAML's parser with ruamel's own YAML 1.2
resolver table, building the plain values ``_plain`` returns. Whatever it is unsure of (a
syntax error, a duplicate key, a tag, an alias, a merge key) raises ``FastPathUnavailable``:
the caller then parses with ruamel, which also words the author's error with its line.
"""

from __future__ import annotations

import functools
import re
from typing import Any, ClassVar

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode

_TAG = "tag:yaml.org,2002:"
_ODD_KEYS = {_TAG + "merge", _TAG + "value", _TAG + "timestamp"}


class FastPathUnavailable(Exception):
    """The fast path cannot promise ruamel's result for this text; parse it with ruamel."""


def load_fast(text: str) -> Any:
    """Return exactly what ``_plain(YAML(typ="safe").load(text))`` would (see yamlfile.py),
    or raise FastPathUnavailable whenever it cannot promise that (any parse error, a duplicate
    key, a tag, anything unusual) so the caller falls back to the ruamel path, which produces
    the author-facing error messages with line numbers."""
    if text.startswith("%") or "\n%" in text:  # a directive (%YAML, %TAG): rare, left to ruamel
        raise FastPathUnavailable("a line starts with '%'")
    at = text.find("!")  # any tag, even !!str: ruamel's older libyaml reads some apart
    while at >= 0:  # (a regular expression for this took a third of the parsing time)
        if at == 0 or text[at - 1].isspace() or text[at - 1] in ",[]{}:?-\ufeff":
            raise FastPathUnavailable("a tag")
        at = text.find("!", at + 1)
    try:
        return _loader_class()(text).get_single_data()
    except FastPathUnavailable:
        raise
    except Exception as err:  # a YAMLError, a lone surrogate, 2020-13-45: ruamel decides
        raise FastPathUnavailable(f"{type(err).__name__}: {err}") from err


def _refuse(why: str) -> Any:
    raise FastPathUnavailable(why)


_PYYAML_READS = ("null", "bool", "float", "str", "seq", "map")


class _Constructor(SafeConstructor):
    """PyYAML's safe constructor building plain values. Explicit tags are refused before
    parsing, so only tags from ruamel's resolver table reach it, and for those PyYAML's null,
    bool, float and str read as ruamel's do; int and timestamp are read here as ruamel's."""

    def construct_scalar(self, node: Any) -> Any:
        return node.value if type(node) is ScalarNode else _refuse("a tag on a collection")

    def construct_yaml_int(self, node: Any) -> int:
        """As ruamel reads YAML 1.2: ``_`` dropped, ``0b``/``0o``/``0x`` prefixes, and a
        leading zero is decimal (PyYAML reads ``010`` as octal 8)."""
        text = self.construct_scalar(node).replace("_", "")
        sign = -1 if text[:1] == "-" else 1
        text = text[1:] if text[:1] in ("+", "-") else text
        base = {"0b": 2, "0o": 8, "0x": 16}.get(text[:2], 10)
        return sign * int(text if base == 10 else text[2:], base)

    def construct_yaml_timestamp(self, node: Any) -> str:
        """ruamel's own reading (it rounds fractions PyYAML truncates), as ``_plain``'s text."""
        from ruamel.yaml.util import create_timestamp, timestamp_regexp

        match = timestamp_regexp.match(self.construct_scalar(node))
        return create_timestamp(**match.groupdict()).isoformat() if match else _refuse("date")

    def construct_sequence(self, node: Any, deep: bool = False) -> list[Any]:
        return [self._child(node, child, deep) for child in node.value]

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[str, Any]:
        """``str`` keys as ``_plain`` makes them; a duplicate is refused whether ruamel sees it
        (``1`` and ``1.0``) or ``str()`` makes it (``1`` and ``"1"``)."""
        seen: set[Any] = set()
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag in _ODD_KEYS:
                _refuse("a collection, merge, '=' or timestamp key")  # _plain: str(datetime)
            key = self._child(node, key_node, deep)
            text = str(key)
            if key in seen or text in mapping:
                _refuse(f"a duplicate key {text!r}")
            seen.add(key)
            mapping[text] = self._child(node, value_node, deep)
        return mapping

    def _child(self, node: Any, child: Any, deep: bool) -> Any:
        """Refuse aliases (the plain result must share no list or dict) and, in a flow
        collection, what ruamel's older libyaml (0.1.7) refuses but PyYAML's reads: a plain
        scalar with ``:`` or ``?`` (``[a:b]``, ``[a?b]``) and an empty key (``[?]``)."""
        if child in self.constructed_objects:
            _refuse("an alias")
        if node.flow_style and type(child) is ScalarNode and not child.style:
            if ":" in child.value or "?" in child.value:
                _refuse("':' or '?' in a plain scalar in a flow collection")
        elif node.flow_style and type(child) is MappingNode and child.value:
            key = child.value[0][0]
            if type(key) is ScalarNode and key.value == "" and not key.style:
                _refuse("an empty key in a flow collection")
        return self.construct_object(child, deep)

    yaml_constructors: ClassVar[dict[Any, Any]] = {
        **{_TAG + t: getattr(SafeConstructor, f"construct_yaml_{t}") for t in _PYYAML_READS},
        _TAG + "int": construct_yaml_int,
        _TAG + "timestamp": construct_yaml_timestamp,
        None: lambda self, node: _refuse(f"the tag {node.tag}"),  # !!binary, !!set, ...
    }


@functools.cache
def _loader_class() -> type:
    """The loader, built on first use so that importing this module costs only ``yaml``.
    Its implicit resolvers are ruamel's YAML 1.2 ones, from ruamel's own table in its order,
    as its ``VersionedResolver`` picks them: the two agree by construction."""
    from ruamel.yaml.resolver import implicit_resolvers
    from yaml.cyaml import CParser  # an ImportError where PyYAML was built without libyaml

    class Resolver(yaml.resolver.BaseResolver):
        yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            Resolver.add_implicit_resolver(tag, re.compile(regexp.pattern, regexp.flags), first)

    class Loader(CParser, _Constructor, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            Resolver.__init__(self)

    return Loader
