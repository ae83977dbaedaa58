"""A user's `--kb` file, read safely and checked against its documented shape.

The shape (resources/kb/README.md, "Adding your own actors"): a list of entries (an entry
with `kind` is an organisation, the others people), or a mapping with `people:`,
`organisations:` (or `organizations:`) and `states:`. Every problem is a `KBFileError` that
names the file, the line and the field, e.g.
`my-actors.yaml, line 7, roles[0].from: "2020-13-01" is not a date (YYYY-MM-DD)`.

YAML is loaded with the safe loader only (`!!python/...` tags are refused, never run), and
anchors/aliases are refused: they let a few lines stand for exponentially many entries.
Unknown fields are reported as warnings, not errors, so a file written for a later
version of detente still loads.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import yaml

from detente.errors import DetenteError

log = logging.getLogger(__name__)

MAX_BYTES = 64 << 20
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster  # a knowledge base of people, not a corpus

_PERSON = {"id", "name", "aliases", "country", "gender", "roles"}
_ORG = {"id", "name", "kind", "aliases", "country", "sector", "org", "members", "sectors", "adjectives"}
_ROLE = {"title", "sector", "from", "to", "country", "org", "office"}
_STATE = {"name", "names", "demonyms", "capital", "capitals", "seats"}
_KINDS = ("igo", "group")
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_GENDERS = ("m", "f", "male", "female")


class KBFileError(DetenteError, ValueError):
    """A user knowledge-base file that cannot be used, with where and why."""

    def __init__(self, path: Path, line: int | None, field: str | None, problem: str) -> None:
        where = ", ".join(p for p in (str(path), f"line {line}" if line else None, field) if p)
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.field, self.problem = path, line, field, problem


def read_user_kb(path: Path) -> Any:
    """The content of a user KB file, after checking it has the documented shape."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise KBFileError(path, None, None, f"file is larger than {MAX_BYTES >> 20} MB")
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KBFileError(path, None, None, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise KBFileError(path, None, None, f"cannot read it: {exc.strerror or exc}") from None
    try:
        root = yaml.compose(text, Loader=_LOADER)
        _Checker(path).document(root)
        return yaml.load(text, Loader=_LOADER)
    except KBFileError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "not valid YAML"
        if "python/" in str(exc) or "could not determine a constructor" in str(problem):
            problem = f"{problem} (only plain YAML is read: tags such as !!python are refused)"
        raise KBFileError(path, line, None, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise KBFileError(path, None, None, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise KBFileError(path, None, None, "YAML nested too deeply") from None


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, field: str | None, problem: str) -> KBFileError:
        return KBFileError(self.path, node.start_mark.line + 1, field, problem)

    def visit(self, node: yaml.Node, field: str | None) -> None:
        if id(node) in self.seen:  # the same node twice: an alias (*name) of an anchor
            raise self.fail(node, field, "YAML anchors and aliases (&name, *name) are not supported here")
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:  # !!python/..., !custom: never constructed, refused
            raise self.fail(node, field, f"tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is refused: "
                                         "only plain YAML values are read")

    def document(self, root: yaml.Node | None) -> None:
        if root is None:
            return  # an empty file adds nothing
        self.visit(root, None)
        if isinstance(root, yaml.SequenceNode):
            self.entries(root, "")
        elif isinstance(root, yaml.MappingNode):
            for key, value in self.mapping(root, None):
                if key == "people":
                    self.entries(value, "people", kind="person")
                elif key in ("organisations", "organizations"):
                    self.entries(value, key, kind="org")
                elif key == "states":
                    self.states(value)
                else:
                    log.warning("%s, line %d: unknown section %r ignored (expected people, organisations, "
                                "states)", self.path, value.start_mark.line + 1, key)
        else:
            raise self.fail(root, None, "expected a list of people and organisations, or a mapping with "
                                        "people:, organisations: and states:")

    def mapping(self, node: yaml.Node, field: str | None) -> list[tuple[str, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, field, f"expected a mapping (key: value), found {_what(node)}")
        pairs = []
        for key, value in node.value:
            self.visit(key, field)
            self.visit(value, field)
            if not isinstance(key, yaml.ScalarNode):
                raise self.fail(key, field, "a key must be a plain word")
            pairs.append((key.value, value))
        return pairs

    def sequence(self, node: yaml.Node, field: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, field, f"expected a list, found {_what(node)}")
        for item in node.value:
            self.visit(item, field)
        return node.value

    def entries(self, node: yaml.Node, section: str, kind: str | None = None) -> None:
        for i, entry in enumerate(self.sequence(node, section or "entries")):
            where = f"{section or 'entries'}[{i}]"
            fields = dict(self.mapping(entry, where))
            if kind == "org" or (kind is None and "kind" in fields):
                self.organisation(entry, fields, where)
            else:
                self.person(entry, fields, where)

    def person(self, node: yaml.Node, fields: dict[str, yaml.Node], where: str) -> None:
        self.required(node, fields, where, ("id", "name"))
        self.known(fields, where, _PERSON)
        self.scalars(fields, where, ("id", "name", "country"))
        self.scalar_list(fields, where, "aliases")
        if "gender" in fields:
            value = self.scalar(fields["gender"], f"{where}.gender")
            if value is not None and value.lower() not in _GENDERS:
                raise self.fail(fields["gender"], f"{where}.gender", f"{value!r} is not m or f")
        for i, role in enumerate(self.sequence(fields["roles"], f"{where}.roles") if "roles" in fields else []):
            self.role(role, f"{where}.roles[{i}]")

    def organisation(self, node: yaml.Node, fields: dict[str, yaml.Node], where: str) -> None:
        self.required(node, fields, where, ("id",))
        self.known(fields, where, _ORG)
        self.scalars(fields, where, ("id", "name", "country", "sector", "org"))
        if "kind" in fields:
            kind = self.scalar(fields["kind"], f"{where}.kind")
            if kind not in _KINDS:
                raise self.fail(fields["kind"], f"{where}.kind", f"{kind!r} is not one of {', '.join(_KINDS)}")
        for name in ("aliases", "members", "adjectives"):
            self.scalar_list(fields, where, name)
        for i, role in enumerate(self.sequence(fields["sectors"], f"{where}.sectors") if "sectors" in fields else []):
            self.role(role, f"{where}.sectors[{i}]")

    def role(self, node: yaml.Node, where: str) -> None:
        fields = dict(self.mapping(node, where))
        self.known(fields, where, _ROLE)
        self.scalars(fields, where, ("title", "sector", "country", "org", "office"))
        for name in ("from", "to"):
            if name in fields:
                self.date(fields[name], f"{where}.{name}")

    def states(self, node: yaml.Node) -> None:
        for iso3, entry in self.mapping(node, "states"):
            where = f"states.{iso3}"
            if iso3 == "_cities":
                for code, cities in self.mapping(entry, where):
                    self.sequence(cities, f"{where}.{code}")
                    self.scalar_list({"cities": cities}, f"{where}.{code}", "cities")
                continue
            if isinstance(entry, yaml.ScalarNode) and entry.tag.endswith(":null"):
                continue
            fields = dict(self.mapping(entry, where))
            self.known(fields, where, _STATE)
            self.scalars(fields, where, ("name", "capital"))
            for name in ("names", "demonyms", "capitals"):
                self.scalar_list(fields, where, name)
            if "seats" in fields:
                for seat, sector in self.mapping(fields["seats"], f"{where}.seats"):
                    self.scalar(sector, f"{where}.seats.{seat}")

    # -- fields --------------------------------------------------------------------------
    def required(self, node: yaml.Node, fields: dict[str, yaml.Node], where: str, names: tuple[str, ...]) -> None:
        for name in names:
            if name not in fields or self.scalar(fields[name], f"{where}.{name}") in (None, ""):
                raise self.fail(node, f"{where}.{name}", f"missing required field {name!r}")

    def known(self, fields: dict[str, yaml.Node], where: str, allowed: set[str]) -> None:
        for name, value in fields.items():
            if name not in allowed:
                log.warning("%s, line %d, %s: unknown field %r ignored (known: %s)", self.path,
                            value.start_mark.line + 1, where, name, ", ".join(sorted(allowed)))

    def scalar(self, node: yaml.Node, field: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, field, f"expected a single value, found {_what(node)}")
        return None if node.tag.endswith(":null") else node.value

    def scalars(self, fields: dict[str, yaml.Node], where: str, names: tuple[str, ...]) -> None:
        for name in names:
            if name in fields:
                self.scalar(fields[name], f"{where}.{name}")

    def scalar_list(self, fields: dict[str, yaml.Node], where: str, name: str) -> None:
        if name in fields:
            for i, item in enumerate(self.sequence(fields[name], f"{where}.{name}")):
                self.scalar(item, f"{where}.{name}[{i}]")

    def date(self, node: yaml.Node, field: str) -> None:
        value = self.scalar(node, field)
        if value is None or value == "":
            return
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            try:  # a datetime is read as its day
                dt.datetime.fromisoformat(value.strip())
            except ValueError:
                raise self.fail(node, field, f"{value!r} is not a date (YYYY-MM-DD), nor null") from None


def _what(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"{node.value!r}"
