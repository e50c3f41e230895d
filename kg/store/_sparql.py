"""SPARQL text for the stores: named-query files, bound parameters as a `VALUES` block, data as
`INSERT DATA`, and telling an update from a query.

Values are never pasted into query text by hand: every term goes through rdflib's `n3()`
serialiser after a check that rdflib would refuse to serialise a bad IRI, and the `VALUES` block
is placed with the help of the SPARQL grammar's terminals (strings, IRIs, comments, names), as
rdflib's parser writes them, in one regular expression: building rdflib's whole grammar with
pyparsing takes longer than most queries (~0.1 s), so it is loaded only to tell an update.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.store.base import Triple

Term = URIRef | Literal

_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def read_query(name: str) -> str:
    """Return the text of `kg/queries/{name}.rq`.

    Raises:
        QueryError: If there is no such file.
    """
    path = resources.files("kg") / "queries" / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise QueryError(f"no named query {name!r} in kg/queries") from exc


def check_bindings(bindings: Mapping[str, object]) -> dict[str, tuple[Term, ...]]:
    """Check parameter names and values: SPARQL variable names bound to IRIs or literals.

    A parameter takes one term, or a tuple (or list) of terms for several rows: every one of them
    is a solution, none matches nothing. Repeated terms are bound once.

    Raises:
        QueryError: If a name is not a plain variable name or a value is not an IRI or literal.

    Examples:
        >>> check_bindings({"n": Literal(1), "a": (URIRef("https://example.org/a"),) * 2})
        {'n': (rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')),), 'a': (rdflib.term.URIRef('https://example.org/a'),)}
    """  # noqa: E501
    checked: dict[str, tuple[Term, ...]] = {}
    for name, value in bindings.items():
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        terms = tuple(value) if isinstance(value, tuple | list) else (value,)
        for term in terms:
            if not isinstance(term, URIRef | Literal):
                raise QueryError(
                    f"parameter {name!r} must be an rdflib URIRef or Literal (or a tuple of "
                    f"them), got {term!r}"
                )
            term_n3(term)  # the same terms are refused on every backend
        checked[name] = tuple(dict.fromkeys(terms))
    return checked


def term_n3(term: Node) -> str:
    """Serialise an IRI or literal for SPARQL text, refusing anything that could break out of it.

    Raises:
        QueryError: If the term is not an IRI or literal, or holds an invalid IRI.

    Examples:
        >>> term_n3(Literal('x" } ; DROP ALL ; { "'))
        '"x\\\\" } ; DROP ALL ; { \\\\""'
    """
    try:
        if isinstance(term, URIRef):
            return term.n3()
        if isinstance(term, Literal):
            if term.datatype is not None:
                URIRef(term.datatype).n3()  # rdflib raises on an IRI it cannot serialise
            return term.n3()
    except Exception as exc:  # rdflib raises a bare Exception for an invalid IRI
        raise QueryError(f"cannot put {term!r} into SPARQL text: {exc}") from exc
    raise QueryError(f"only IRIs and literals can be bound, got {term!r}")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


# The SPARQL 1.1 terminals, as rdflib.plugins.sparql.parser writes them.
_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
                  "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF"
                  "\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS_U = "_" + _PN_CHARS_BASE
_PN_CHARS = "\\-0-9\u00B7\u0300-\u036F\u203F-\u2040" + _PN_CHARS_U
_PLX = r"""(?:\\[_~.\-!$&"'()*+,;=/?#@%]|%[0-9a-fA-F]{2})"""
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = (f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})"
             f"(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?")
_SPARQL_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"

# Keywords that tell how a group joins the group around it: after OPTIONAL, MINUS, EXISTS, UNION
# or SERVICE it may leave its variables unbound there; after GRAPH (or nothing) it may not.
_LINKS = ("OPTIONAL", "MINUS", "EXISTS", "UNION", "SERVICE", "GRAPH")
_KEYWORDS = "|".join(("WHERE", "SELECT", "VALUES", *_LINKS))

# Tokens that may hide braces or keywords (comments, strings, IRIs, names), variables, then the
# keywords (whole words, in any case) and brackets that matter; the first that matches at a
# position wins, and everything else is skipped.
_TOKENS = (
    r"#.*",  # a comment
    r"""'''(?:(?:'|'')?(?:[^'\\]|\\['ntbrf\\]))*'''""",  # the four kinds of string
    r'"""(?:(?:"|"")?(?:[^"\\]|\\["ntbrf\\]))*"""',
    r"""'(?:[^'\n\r\\]|\\['ntbrf\\])*'(?!')""",
    r'"(?:[^"\n\r\\]|\\["ntbrf\\])*"(?!")',
    r'<[^<>"{}|^`\\\x00-\x20]*>',  # an IRI
    f"[?$]{_SPARQL_VARNAME}",  # a variable
    f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?",  # a prefixed name, or a prefix alone
    f"(?<![A-Za-z0-9_$])(?i:{_KEYWORDS})(?![A-Za-z0-9_$])",
    r"[{}()]",
)


@functools.cache
def _scanner() -> re.Pattern[str]:
    """Compile the scanner on first use (its Unicode classes take ~50 ms to compile)."""
    return re.compile("|".join(_TOKENS))


def _tokens(sparql: str) -> list[_Token]:
    return [
        _Token(found.group(), found.start(), found.end())
        for found in _scanner().finditer(sparql)
        if sparql[found.start()] != "#"  # comments are matched only to be skipped
    ]


def _where_group(tokens: Sequence[_Token]) -> int:
    """Return the index of the opening brace of the outermost WHERE group."""
    braces = parens = 0
    after_where = False
    first_top: int | None = None
    for index, token in enumerate(tokens):
        word = token.text.upper()
        if word == "(":
            parens += 1
        elif word == ")":
            parens -= 1
        elif word == "WHERE" and braces == 0 and parens == 0:
            after_where = True
        elif word == "{":
            if braces == 0 and parens == 0:
                if after_where:
                    return index
                if first_top is None:
                    first_top = index
            braces += 1
        elif word == "}":
            braces -= 1
    if after_where or first_top is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return first_top  # SELECT/ASK/DESCRIBE may leave out the WHERE keyword


@dataclass(frozen=True)
class _Group:
    """A group graph pattern: where a VALUES block may open it, and the variables inside it."""

    start: int  # offset just after the opening brace
    end: int  # offset of the closing brace
    names: frozenset[str]  # variables named anywhere inside, nested groups included
    sub_select: bool  # the group holds a sub-select, so it may hold nothing else
    parent: int  # the index of the group around it in the list of groups (-1: none)
    joined: bool  # every solution of the group around it extends one of this group's solutions


def _joined(tokens: Sequence[_Token], opening: int, after: int) -> bool:
    """Tell whether the group from `tokens[opening]` to `tokens[after - 1]` is a plain or GRAPH
    member of the group around it (not OPTIONAL, MINUS, EXISTS, SERVICE or a UNION branch)."""
    before = [token.text.upper() for token in tokens[max(opening - 2, 0):opening]]
    if before[-1:] and before[-1] in _LINKS or len(before) == 2 and before[0] == "SERVICE":
        return False
    return after >= len(tokens) or tokens[after].text.upper() != "UNION"


def _groups(
    tokens: Sequence[_Token], opening: int, found: list[_Group], parent: int = -1
) -> tuple[int, set[str]]:
    """Record the group opening at `tokens[opening]` and every group inside it, outermost first.

    Returns the index after its closing brace and the variables named inside it. The data of
    VALUES blocks are skipped: they are not groups.
    """
    slot = len(found)
    found.append(_Group(0, 0, frozenset(), False, parent, False))  # filled in below
    names: set[str] = set()
    index = opening + 1
    while index < len(tokens) and tokens[index].text != "}":
        text = tokens[index].text
        if text[0] in "?$":
            names.add(text[1:])
        elif text.upper() == "VALUES":
            while index < len(tokens) and tokens[index].text != "{":
                if tokens[index].text[0] in "?$":
                    names.add(tokens[index].text[1:])
                index += 1
            while index < len(tokens) and tokens[index].text != "}":
                index += 1
        elif text == "{":
            index, inner = _groups(tokens, index, found, slot)
            names |= inner
            continue
        index += 1
    if index >= len(tokens):
        raise QueryError("cannot bind parameters: a group of the query is not closed")
    sub_select = opening + 1 < index and tokens[opening + 1].text.upper() == "SELECT"
    joined = parent >= 0 and _joined(tokens, opening, index + 1)
    found[slot] = _Group(
        tokens[opening].end, tokens[index].start, frozenset(names), sub_select, parent, joined
    )
    return index + 1, names


@functools.lru_cache(maxsize=256)
def _binding_groups(sparql: str) -> tuple[_Group, ...]:
    """Return the WHERE group of a query and every group inside it (read once per query text)."""
    tokens = _tokens(sparql)
    found: list[_Group] = []
    _groups(tokens, _where_group(tokens), found)
    return tuple(found)


def values_block(bindings: Mapping[str, tuple[Term, ...]]) -> str:
    """Return `VALUES` blocks binding each parameter to its terms.

    Parameters with one term share a block of one row; a parameter with several terms (or none)
    gets a block of its own with a row per term, so the engine joins the rows of each block
    instead of reading a cross product.

    Examples:
        >>> values_block({"actor": (URIRef("https://example.org/a"),), "n": (Literal(2),)})
        'VALUES (?actor ?n) { (<https://example.org/a> "2"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
        >>> values_block({"a": (Literal("x"), Literal("y")), "b": ()})
        'VALUES (?a) { ("x") ("y") } VALUES (?b) { }'
    """  # noqa: E501
    single = {name: terms[0] for name, terms in bindings.items() if len(terms) == 1}
    blocks = []
    if single:
        names = " ".join(f"?{name}" for name in single)
        terms = " ".join(term_n3(term) for term in single.values())
        blocks.append(f"VALUES ({names}) {{ ({terms}) }}")
    for name, several in bindings.items():
        if len(several) != 1:
            rows = "".join(f"({term_n3(term)}) " for term in several)
            blocks.append(f"VALUES (?{name}) {{ {rows}}}")
    return " ".join(blocks)


def bind_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """Return the query with its parameters bound by `VALUES` blocks (see `check_bindings`).

    Every parameter is bound once for the whole WHERE group, so its filters and the projection
    see it: by a block opening the first plain or GRAPH group inside the WHERE group when there
    is one (every solution of the WHERE group extends one of that group's solutions, so this is
    the same as binding them at the top), else by a block opening the WHERE group. Every other
    group that names a parameter (OPTIONAL, UNION branches, MINUS, EXISTS, sub-selects, nested
    groups) also opens with a block binding the parameters it names. So each parameter is bound
    from the start wherever it is used, as if it were a constant: what rdflib's `initBindings`
    do (the memory store), and what lets an engine start its joins from the bound value
    (pyoxigraph joins a VALUES block with the other patterns of its own group first, but only
    after evaluating a GRAPH group it sits outside of). The query text is read once per text;
    later calls only format the blocks.

    Raises:
        QueryError: If a value cannot be serialised or the query has no WHERE group.

    Examples:
        >>> bind_values("SELECT ?s WHERE { ?s ?p ?o FILTER(?o > ?min) }", {"min": Literal(2)})
        'SELECT ?s WHERE { VALUES (?min) { ("2"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?s ?p ?o FILTER(?o > ?min) }'
        >>> bind_values("SELECT * { GRAPH ?g { ?s ?p ?o } FILTER(?o != ?n) }", {"n": Literal("x")})
        'SELECT * { GRAPH ?g { VALUES (?n) { ("x") } ?s ?p ?o } FILTER(?o != ?n) }'
        >>> bind_values("SELECT * { { ?s ?p ?o } UNION { ?s ?q ?o } }", {"o": Literal("x")})
        'SELECT * { VALUES (?o) { ("x") } { VALUES (?o) { ("x") } ?s ?p ?o } UNION { VALUES (?o) { ("x") } ?s ?q ?o } }'
        >>> bind_values("SELECT (EXISTS { ?s ?p 1 } AS ?e) { ?s ?p ?o }", {"o": Literal("x")})
        'SELECT (EXISTS { ?s ?p 1 } AS ?e) { VALUES (?o) { ("x") } ?s ?p ?o }'
        >>> bind_values("SELECT ?s { ?s ?p ?o }", {"o": (Literal("x"), Literal("y"))})
        'SELECT ?s { VALUES (?o) { ("x") ("y") } ?s ?p ?o }'
    """  # noqa: E501
    checked = check_bindings(bindings)
    if not checked:
        return sparql
    where, *inner = _binding_groups(sparql)
    every = values_block(checked)
    if where.sub_select:
        # a group holding a sub-select may hold nothing else: wrap the sub-select in a group
        inserts = [(where.start, f" {every} {{"), (where.end, "} ")]
    else:
        first = next((g for g in inner if g.parent == 0 and g.joined and not g.sub_select), where)
        inserts = [(first.start, f" {every}")]
    for group in inner:
        wanted = {name: term for name, term in checked.items() if name in group.names}
        if wanted and not group.sub_select and inserts[0][0] != group.start:
            inserts.append((group.start, f" {values_block(wanted)}"))
    parts: list[str] = []
    done = 0
    for offset, text in sorted(inserts):
        parts += [sparql[done:offset], text]
        done = offset
    parts.append(sparql[done:])
    return "".join(parts)


def term_writer() -> Callable[[Node], str]:
    """Return a function writing terms as in N-Triples, remembering what it wrote (IRIs and
    literals repeat a lot in a batch) and labelling blank nodes `_:b0`, `_:b1`, ... in the order
    it meets them, unique for the writer's lifetime.

    Raises (when called):
        QueryError: If a term cannot be serialised.
    """
    labels: dict[BNode, str] = {}
    seen: dict[Node, str] = {}  # IRIs and literals repeat a lot in a batch

    def n3(term: Node) -> str:
        if isinstance(term, BNode):
            return labels.setdefault(term, f"_:b{len(labels)}")
        text = seen.get(term)
        if text is None:
            text = seen[term] = term_n3(term)
        return text

    return n3


def replace_graphs_update(graphs: Iterable[tuple[URIRef, Iterable[Triple]]]) -> str:
    """Return one SPARQL update that replaces each named graph with the given triples.

    Blank nodes get labels unique in the request, as SPARQL update requires.

    Raises:
        QueryError: If a term cannot be serialised.
    """
    n3 = term_writer()
    parts = []
    for iri, triples in graphs:
        name = term_n3(iri)
        body = "\n".join(f"{n3(s)} {n3(p)} {n3(o)} ." for s, p, o in triples)
        parts.append(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
    return " ;\n".join(parts)


def is_update(sparql: str) -> bool:
    """Tell whether the text parses as a SPARQL update (used to explain a refused query).

    Examples:
        >>> is_update("DROP ALL")
        True
        >>> is_update("SELECT * WHERE { ?s ?p ?o }")
        False
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(sparql)
    except ParseException:
        return False
    return True


def refuse(sparql: str, problem: str) -> QueryError:
    """Return the error for a query the backend did not accept, naming updates as such."""
    if is_update(sparql):
        return QueryError(
            "refusing a SPARQL update: queries are read-only; allow it explicitly with "
            "kg query --allow-update, or store.update(..., allow_update=True)"
        )
    return QueryError(f"malformed SPARQL query: {problem}")


def allow(allow_update: bool) -> None:
    """Refuse an update unless it is explicitly allowed.

    Raises:
        QueryError: If `allow_update` is not True.
    """
    if allow_update is not True:
        raise QueryError("refusing to run a SPARQL update; pass allow_update=True to allow it")


def malformed_update(problem: str) -> QueryError:
    """Return the error for an update the backend could not parse."""
    return QueryError(f"malformed SPARQL update: {problem}")


# Words without which no query can reach outside the store: SERVICE, FROM (NAMED), and in an
# update LOAD and USING (NAMED). Codepoint escapes (\u0053ERVICE) are expanded first, as SPARQL
# engines expand them anywhere in the text; a query naming none of them is let through at once.
_OUTSIDE_WORDS = re.compile(r"service|from|using|load", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
FEDERATION_HINT = ("queries read only the stored article graphs; give kg query "
                   "--allow-federation (allow_federation=True) to let the engine fetch it")


def _expanded(sparql: str) -> str:
    def one(found: re.Match[str]) -> str:
        try:
            return chr(int(found.group(1) or found.group(2), 16))
        except ValueError:  # beyond Unicode: the parser refuses it
            return found.group()

    return _CODEPOINT.sub(one, sparql)


def check_federation(sparql: str, *, update: bool = False, allow: bool = False) -> None:
    """Refuse a query or update that would make the engine reach outside the store.

    `SERVICE` sends a request to any URL (or to the value of a variable), `FROM` and `FROM NAMED`
    make rdflib fetch a URL or read a local file, and an update's `LOAD` and `USING` do the same.
    The text is parsed with rdflib's SPARQL parser to find them (never by searching the text,
    which comments and literals could fool); the parse is skipped when none of these words occurs
    anywhere in the text, as then none can be a keyword.

    Raises:
        QueryError: If the text holds SERVICE, FROM, FROM NAMED, LOAD or USING and `allow` is
            not True, or it names one of them and cannot be parsed.

    Examples:
        >>> check_federation("SELECT * { ?s ?p 'SERVICE <http://example.org/>' } # FROM <x>")
        >>> check_federation("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
        Traceback (most recent call last):
        kg.errors.QueryError: refusing SERVICE <http://example.org/sparql>: queries read only the stored article graphs; give kg query --allow-federation (allow_federation=True) to let the engine fetch it
    """  # noqa: E501
    if allow is True:
        return
    text = _expanded(sparql)
    if not _OUTSIDE_WORDS.search(text):
        return
    found = _outside_reaches(sparql, update=update)
    if found:
        raise QueryError(f"refusing {found[0]}: {FEDERATION_HINT}")


def _outside_reaches(sparql: str, *, update: bool) -> list[str]:
    """Return what in the query reaches outside the store (`SERVICE <url>`, `FROM <url>`, ...)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate, traverse
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    found: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            found.append(f"SERVICE {dict(node)['term'].n3()}")

    try:
        if update:
            parts = list(translateUpdate(parseUpdate(sparql), initNs={}).algebra)
        else:
            parts = [translateQuery(parseQuery(sparql), initNs={}).algebra]
    except ParseException as exc:
        if update:
            raise malformed_update(str(exc)) from exc
        raise refuse(sparql, str(exc)) from exc
    except Exception as exc:  # rdflib raises bare Exceptions for unknown prefixes and the like
        raise QueryError(f"malformed SPARQL {'update' if update else 'query'}: {exc}") from exc
    for part in parts:
        fields = dict(part)  # CompValue.get resolves values as variables; read the plain dict
        if part.name == "Load":
            found.append(f"LOAD {fields['iri'].n3()}")
        for key in ("datasetClause", "using"):
            for clause in fields.get(key) or ():
                what = {"datasetClause": "FROM", "using": "USING"}[key]
                named = dict(clause).get("named")
                if named is not None:
                    found.append(f"{what} NAMED {named.n3()}")
                else:
                    found.append(f"{what} {dict(clause)['default'].n3()}")
        traverse(part, visit)
    return found


_MODIFIERS = re.compile(r"(?<![A-Za-z0-9_])(ORDER\s+BY|LIMIT|OFFSET|VALUES)(?![A-Za-z0-9_])",
                        re.IGNORECASE)


def _tail_words(sparql: str) -> set[str]:
    """Return the solution modifiers (ORDER BY, LIMIT, OFFSET, VALUES) after the WHERE group,
    comments, strings and IRIs blanked out first."""
    tail = _tail(sparql)
    return {" ".join(found.group(1).upper().split()) for found in _MODIFIERS.finditer(tail)}


def _tail(sparql: str) -> str:
    """Return the text after a query's WHERE group, comments, strings and IRIs blanked out."""
    where = _binding_groups(sparql)[0]
    return _blanked(sparql[where.end + 1:])


def page(sparql: str, variables: Sequence[str], size: int, offset: int) -> str:
    """Return a SELECT query's page `offset`..`offset + size` in a stable order: its own ORDER BY
    (if any) followed by the MD5 of the row's values, so no two pages overlap or skip a row. A
    SELECT DISTINCT (or REDUCED) becomes a sub-select the page is cut from: Virtuoso 7 counts an
    OFFSET over the rows before DISTINCT, and skips rows from the second page on.

    Raises:
        QueryError: If the query has its own LIMIT, OFFSET or trailing VALUES (kg cannot page it).

    Examples:
        >>> print(page("SELECT ?a { ?a ?p ?o }", ["a"], 10, 20))
        SELECT ?a { ?a ?p ?o }
        ORDER BY MD5(CONCAT(COALESCE(STR(?a), ""), "")) LIMIT 10 OFFSET 20
        >>> print(page("SELECT ?a ?b { ?a ?p ?b } ORDER BY DESC(?a)", ["a", "b"], 10, 0))
        SELECT ?a ?b { ?a ?p ?b } ORDER BY DESC(?a)
         MD5(CONCAT(COALESCE(STR(?a), ""), COALESCE(STR(?b), ""), "")) LIMIT 10 OFFSET 0
        >>> print(page("PREFIX x: <urn:x#> SELECT DISTINCT ?a { ?a x:p ?o } ORDER BY ?a", ["a"],
        ...            10, 0))
        PREFIX x: <urn:x#> SELECT ?a WHERE {
        SELECT DISTINCT ?a { ?a x:p ?o }
        } ORDER BY ?a
         MD5(CONCAT(COALESCE(STR(?a), ""), "")) LIMIT 10 OFFSET 0
    """
    words = _tail_words(sparql)
    if words & {"LIMIT", "OFFSET", "VALUES"}:
        raise QueryError(f"the query has its own {'/'.join(sorted(words - {'ORDER BY'}))}, so "
                         f"kg cannot read it page by page")
    # after the query's own keys, one key for the whole row: the MD5 of its values' text. Not
    # the variables themselves: Virtuoso orders a long literal by a prefix (two that share it
    # tie, and pages could overlap), refuses more than 20 keys for a DISTINCT, and sorts wrongly
    # by a variable named twice. Rows that differ only in blank nodes tie (no server keeps a
    # blank node's label from one request to the next).
    texts = ", ".join(f'COALESCE(STR(?{name}), "")' for name in variables)
    keys = f'MD5(CONCAT({texts}, ""))'
    order = "\n " if "ORDER BY" in words else "\nORDER BY "
    return f"{_distinct_inside(sparql, variables)}{order}{keys} LIMIT {size} OFFSET {offset}"


_DISTINCT = re.compile(r"\s+(?:DISTINCT|REDUCED)(?![A-Za-z0-9_])", re.IGNORECASE)
_ORDER_BY = re.compile(r"(?<![A-Za-z0-9_])ORDER\s+BY(?![A-Za-z0-9_])", re.IGNORECASE)
_VARIABLE = re.compile(f"[?$]({_SPARQL_VARNAME})")


def _distinct_inside(sparql: str, variables: Sequence[str]) -> str:
    """Return a SELECT DISTINCT as `SELECT ?vars WHERE { SELECT DISTINCT ... }` followed by its
    own ORDER BY, which the page is cut from; any other query as it is. A DISTINCT ordered by a
    variable it does not select is left as it is (outside its sub-select, that key is unbound).
    """
    text = _blanked(sparql)
    head = _FORMS.search(text)
    if head is None or head.group(1).upper() != "SELECT" or \
            not _DISTINCT.match(text, head.end()):
        return sparql
    where = _binding_groups(sparql)[0]
    ordered = _ORDER_BY.search(text, where.end + 1)
    cut = ordered.start() if ordered else len(sparql)
    if ordered and {found.group(1) for found in _VARIABLE.finditer(text, ordered.end())} - \
            set(variables):
        return sparql
    projection = " ".join(f"?{name}" for name in variables)
    return (f"{sparql[:head.start()]}SELECT {projection} WHERE {{\n"
            f"{sparql[head.start():cut].rstrip()}\n}}{' ' + sparql[cut:] if ordered else ''}")


def _blanked(sparql: str) -> str:
    """Return the query with its comments, strings and IRIs blanked out (offsets kept)."""
    blank = list(sparql)
    for found in _scanner().finditer(sparql):
        if found.group()[0] in "#'\"<":
            blank[found.start():found.end()] = " " * (found.end() - found.start())
    return "".join(blank)


_LIMIT = re.compile(r"(?<![A-Za-z0-9_])LIMIT\s+(\d+)", re.IGNORECASE)


def own_limit(sparql: str) -> int | None:
    """Return the LIMIT a query sets after its WHERE group, if any.

    Examples:
        >>> own_limit("SELECT * { ?s ?p 'LIMIT 3' } ORDER BY ?s LIMIT 10")
        10
    """
    limit = _LIMIT.search(_tail(sparql))
    return int(limit.group(1)) if limit else None


_FORMS = re.compile(r"(?<![A-Za-z0-9_:])(SELECT|CONSTRUCT|DESCRIBE|ASK)(?![A-Za-z0-9_])",
                    re.IGNORECASE)


def form(sparql: str) -> str:
    """Return the query form ("SELECT", "CONSTRUCT", "DESCRIBE" or "ASK"; "" if none is found):
    its first keyword outside comments, strings and IRIs.

    Examples:
        >>> form("PREFIX a: <http://x/ASK> CONSTRUCT { ?s ?p 'ASK' } WHERE {}")
        'CONSTRUCT'
    """
    first = _FORMS.search(_blanked(sparql))
    return first.group(1).upper() if first else ""


def construct_select(sparql: str) -> tuple[str, tuple[Triple, ...], tuple[str, ...]]:
    """Return a CONSTRUCT query as a SELECT DISTINCT of its template's variables (which a
    server's row cap lets kg read page by page), its template, and those variables.

    Raises:
        QueryError: If the query is not a CONSTRUCT that rdflib can parse.

    Examples:
        >>> construct_select("CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s ?q ?o }")[0]
        'SELECT DISTINCT ?s ?o WHERE { ?s ?q ?o }'
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import Variable

    try:
        algebra = translateQuery(parseQuery(sparql)).algebra
    except ParseException as exc:
        raise refuse(sparql, str(exc)) from exc
    except Exception as exc:  # rdflib raises bare Exceptions for unknown prefixes and the like
        raise QueryError(f"malformed SPARQL query: {exc}") from exc
    template = tuple(algebra.get("template") or ())
    if algebra.name != "ConstructQuery" or not template or \
            any(isinstance(term, BNode) for triple in template for term in triple):
        raise QueryError("only a CONSTRUCT query whose template has no blank nodes can be read "
                         "as a SELECT")
    names = tuple(dict.fromkeys(str(term) for triple in template for term in triple
                                if isinstance(term, Variable)))
    text = _blanked(sparql)
    head = _FORMS.search(text)
    assert head is not None  # rdflib parsed it as a CONSTRUCT
    rest = text[head.end():]
    end = head.end()
    if rest.lstrip().startswith("{"):  # the template group, up to its closing brace
        depth = 0
        for index, char in enumerate(text[head.end():], head.end()):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if char == "}" and depth == 0:
                end = index + 1
                break
    projection = " ".join(f"?{name}" for name in names)
    select = f"SELECT DISTINCT {projection}"
    return sparql[:head.start()] + select + sparql[end:], template, names


def instantiate(template: Sequence[Triple], names: Sequence[str],
                rows: Iterable[Sequence[Node | None]]) -> list[tuple[Node, Node, Node]]:
    """Return the triples a CONSTRUCT template makes of SELECT rows over its variables (in the
    order of `names`), once each; a triple with an unbound or misplaced term is left out, as
    SPARQL says."""
    from rdflib.term import Variable

    made: dict[tuple[Node, Node, Node], None] = {}
    for row in rows:
        bound = dict(zip(names, row, strict=True))
        for triple in template:
            terms = [bound.get(str(term)) if isinstance(term, Variable) else term
                     for term in triple]
            subject, predicate, obj = terms
            if subject is None or predicate is None or obj is None:
                continue
            if isinstance(subject, Literal) or not isinstance(predicate, URIRef):
                continue
            made[(subject, predicate, obj)] = None
    return list(made)
