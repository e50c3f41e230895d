"""The dependency tree of a parsed doc as plain tuples, built once and shared by the stages.

spaCy makes a new `Token` object on every `doc[i]`, `token.head` and step of `token.children`,
and decodes a new string on every `token.dep_`; the stages walk the tree a few hundred thousand
times an article, so that was most of their time. `tree(doc)` builds the tokens, heads,
dependency labels and children of a doc once, and the helpers here read them. The tree of the
doc last asked about is kept (one per thread of control); a doc is not changed after its parse.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Collection
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

import numpy
from spacy.attrs import DEP, HEAD, IDX, POS
from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True)
class Tree:
    """One doc's parse: its tokens (made once), each token's head index, dependency label,
    coarse part of speech (`Token.pos_`), character offset (`Token.idx`) and children's indices
    (in text order, as `Token.children` gives them), and each token's children by label (what
    `children` reads), filled in for a token when first asked: most tokens are never asked
    about."""

    tokens: tuple[Token, ...]
    heads: tuple[int, ...]
    deps: tuple[str, ...]
    kids: tuple[tuple[int, ...], ...]
    kid_by_dep: list[dict[str, tuple[Token, ...]] | None]  # label -> children, in text order
    pos: tuple[str, ...] = ()
    offsets: tuple[int, ...] = ()


_position = operator.attrgetter("i")
_NO_KIDS: dict[str, tuple[Token, ...]] = {}  # shared by every childless token; never written
_LAST: ContextVar[tuple[Doc, Tree] | None] = ContextVar("kg_last_tree", default=None)
T = TypeVar("T")


def _build(doc: Doc) -> Tree:
    # heads as offsets (unsigned), labels and parts of speech as string ids, character offsets
    columns = doc.to_array([HEAD, DEP, POS, IDX])
    offsets = columns[:, 0].astype(numpy.int64).tolist()
    heads = tuple(i + offset for i, offset in enumerate(offsets))
    labels = columns[:, 1].tolist()
    tags = columns[:, 2].tolist()
    strings = doc.vocab.strings
    names = {label: strings[label] for label in {*labels, *tags}}
    deps = tuple([names[label] for label in labels])
    kids: list[list[int]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h != i:
            kids[h].append(i)
    return Tree(tuple(doc), heads, deps, tuple(map(tuple, kids)), [None] * len(heads),
                tuple([names[tag] for tag in tags]), tuple(columns[:, 3].tolist()))


def _labelled(parse: Tree, i: int) -> dict[str, tuple[Token, ...]]:
    """Return the children of token `i` by label, made on the first call for it."""
    ks = parse.kids[i]
    tokens, deps = parse.tokens, parse.deps
    if not ks:
        labelled = _NO_KIDS
    elif len(ks) == 1:
        labelled = {deps[ks[0]]: (tokens[ks[0]],)}
    else:
        labelled = {}
        for k in ks:
            labelled[deps[k]] = (*labelled.get(deps[k], ()), tokens[k])
    parse.kid_by_dep[i] = labelled
    return labelled


def tree(doc: Doc) -> Tree:
    """Return the tree of `doc`, built on the first call for it.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Troops", "left", "Idlib"], heads=[1, 1, 1],
        ...           deps=["nsubj", "ROOT", "dobj"])
        >>> tree(doc).kids == tuple(tuple(c.i for c in t.children) for t in doc)
        True
        >>> tree(doc) is tree(doc)
        True
    """
    last = _LAST.get()
    if last is not None and last[0] is doc:
        return last[1]
    built = _build(doc)
    _LAST.set((doc, built))
    return built


def children(token: Token, *deps: str) -> list[Token]:
    """Return the dependents of `token` with one of the dependency labels `deps`, in text order
    (all of them if no label is given)."""
    doc = token.doc
    last = _LAST.get()
    parse = last[1] if last is not None and last[0] is doc else tree(doc)
    i = token.i
    if not deps:
        return [parse.tokens[k] for k in parse.kids[i]]
    by_dep = parse.kid_by_dep[i]
    if by_dep is None:
        by_dep = _labelled(parse, i)
    if not by_dep:  # half the tokens of a doc have no children
        return []
    if len(deps) == 1:
        only = by_dep.get(deps[0])
        return list(only) if only is not None else []
    found: list[Token] = []
    mixed = False
    for label in deps:
        some = by_dep.get(label)
        if some is not None:
            mixed = bool(found)
            found += some
    if mixed:  # children of two labels: back to text order, each once
        return sorted(set(found), key=_position)
    return found


def labels(token: Token) -> Collection[str]:
    """Return the dependency labels of the children of `token`, each once (not to be changed).

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Troops", "left", "Idlib"], heads=[1, 1, 1],
        ...           deps=["nsubj", "ROOT", "dobj"])
        >>> sorted(labels(doc[1])), list(labels(doc[0]))
        (['dobj', 'nsubj'], [])
    """
    parse = tree(token.doc)
    by_dep = parse.kid_by_dep[token.i]
    return (by_dep if by_dep is not None else _labelled(parse, token.i)).keys()


def head(token: Token) -> Token:
    """Return the head of `token` (itself for the root of a sentence), as `Token.head`."""
    parse = tree(token.doc)
    return parse.tokens[parse.heads[token.i]]


def dep(token: Token) -> str:
    """Return the dependency label of `token`, as `Token.dep_`."""
    return tree(token.doc).deps[token.i]


def ancestors(token: Token) -> list[Token]:
    """Return the heads above `token`, nearest first, as `Token.ancestors`."""
    parse = tree(token.doc)
    heads, i = parse.heads, token.i
    found: list[Token] = []
    while heads[i] != i and len(found) < len(heads):
        i = heads[i]
        found.append(parse.tokens[i])
    return found


def per_token(fn: Callable[[Token], T]) -> Callable[[Token], T]:
    """Remember what a function of a token's parse returns, for each token of the doc last
    asked about (several rules ask the same of one token; the answer must not be changed)."""
    memo: ContextVar[tuple[Doc, dict[int, T]] | None] = ContextVar(
        f"kg_memo_{fn.__qualname__}", default=None)

    @functools.wraps(fn)
    def remembered(token: Token) -> T:
        doc = token.doc
        last = memo.get()
        if last is None or last[0] is not doc:
            last = (doc, {})
            memo.set(last)
        found = last[1]
        i = token.i
        if i in found:
            return found[i]
        answer = found[i] = fn(token)
        return answer

    return remembered


_FEATURES: dict[tuple[str, str], tuple[str, ...]] = {}  # (morphology, field) -> its values


def feature(token: Token, field: str) -> tuple[str, ...]:
    """Return the values of one morphological feature of `token`, as `token.morph.get(field)`
    (which parses the analysis anew on every call; the answer depends on the analysis only, of
    which a model has a few hundred, so each is read once).

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["left"], morphs=["Tense=Past|VerbForm=Fin"])
        >>> feature(doc[0], "Tense"), feature(doc[0], "Number")
        (('Past',), ())
    """
    morph = token.morph
    where = (str(morph), field)
    found = _FEATURES.get(where)
    if found is None:
        found = _FEATURES[where] = tuple(morph.get(field, []))
    return found
