"""Join rules: combine the attributions the cue rules found, one function per rule.

They run after the cue rules, in the order of `join_rules`: continue a quote over the next
quotation, join the attributions of one cue, drop a cue inside a longer one, join a cue with the
raising verb, participle or "continue" that introduces it, and fold cues that lie inside another
attribution's content into it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from kg.extract.common.budget import check
from kg.extract.common.text import doc_text
from kg.extract.statements.parts import CONTINUING, PREP_CUES, Attribution, Range, kids, trimmed
from kg.extract.statements.scene import Scene

_CONTRASTS = frozenset({"while", "whereas", "though", "although", "but"})


Join = Callable[[Scene, list[Attribution]], list[Attribution]]


def continue_quote(scene: Scene, found: list[Attribution]) -> list[Attribution]:
    """Extend a direct quote over a following quotation that has no cue of its own."""
    doc = scene.doc
    cues = [a.cue[0] for a in found]
    out: list[Attribution] = []
    for att in found:
        if not att.direct or not scene.quotes:
            out.append(att)  # `Token.sent` walks the whole sentence: asked only when needed
            continue
        end = max(att.content[1], att.cue_token.sent.end_char)
        for qa, qb in scene.quotes:
            if qa < end:
                continue
            span = doc.char_span(qa, qb, alignment_mode="expand")
            last = span[-1].sent.end_char if span is not None else qb
            if doc_text(doc)[end:qa].strip() or any(qa <= c < last for c in cues):
                break
            att = replace(att, content=(att.content[0], qb))
            end = max(qb, last)
        out.append(att)
    return out


def unnest(scene: Scene, found: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies in the indirect content of another cue.

    "X said Y wants Z": what Y wants is part of what X said, and PolNeAR-style annotation seldom
    splits it off. Before its cue, a content's own main clause does not nest ("Y wants Z, X said"),
    but cues deeper in it do ("Y, who wants Z, left, X said"). A cue with a named speaker under a
    "Name:" label and a relative clause judging its antecedent ("X proposed a toll, which Y called
    unfair") do not nest. A speaker's own follow-up ("X said A, adding B") stays, and the earlier
    content ends where it starts; the speaker's infinitive or gerund is no follow-up ("X pledged to
    oppose Y"); a follow-up that is all of the earlier content is one cue with it ("X went on to
    praise Y", "X issued a statement saying Y"). Another speaker's cue set against the content ("X
    said A, while Y said B") stays too, and ends it. "According to Z", "Z reported" and "In a Z
    poll" nest every cue of their content, quoted or before them ("“A,” X said, according to Z"). A
    content running over several sentences (a paragraph after "X wrote:") nests the cues of all of
    them.
    """
    doc = scene.doc
    out: list[Attribution | None] = list(found)
    for n, att in enumerate(found):
        check()
        main = att.cue_token.dep_ in ("ccomp", "advcl", "ROOT")
        for m, other in enumerate(out):
            # the cheap tests first: most pairs fail them, and every pair is tried
            if other is None or m == n or not other.content[0] <= att.cue[0] < other.content[1]:
                continue
            # "X said Y, according to Z": Z's report holds what X said, whatever the order
            relayed = _relays(other.cue_token)
            if m == n or m > n and main and not relayed or other is None or \
                    other.direct and not relayed or \
                    _labelled_by(att, other) or _reports_antecedent(att.cue_token) or \
                    not other.content[0] <= att.cue[0] < other.content[1] or \
                    att.speaker is not None and _passive_clause(other):
                continue
            if _coordinated(att.cue_token, other.cue_token) and other.speaker is not None:
                att = replace(att, speaker=other.speaker, speaker_range=other.speaker_range)
                out[n] = att
            if m < n and _contrasted(att, other):
                cut = trimmed(doc, other.content[0], _before_conjunction(att.cue_token).idx)
                if cut is not None:
                    out[m] = replace(other, content=cut)
                    continue
            # "X pledged to oppose Y", "X praised Y for backing Z": what X pledged or praised
            if att.speaker is None or att.speaker != other.speaker or \
                    att.cue_token.dep_ in ("xcomp", "pcomp"):
                out[n] = None
                break
            cut = trimmed(doc, other.content[0], _before_conjunction(att.cue_token).idx)
            if cut is not None and m < n:
                out[m] = replace(other, content=cut)
            elif cut is None and m < n:  # "X went on to praise Y": one cue, "went on to praise"
                out[m] = replace(other, cue=(other.cue[0], att.cue[1]), content=att.content,
                                 direct=att.direct)
                out[n] = None
                break
    return [a for a in out if a is not None]


def outside_other_cues(_scene: Scene, found: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue word lies inside a longer cue of another attribution.

    "X expressed concern about Y" is one attribution; the noun rule would find "concern about"
    again inside the light-verb cue "expressed concern about".
    """
    # cues by start, the longer first: a cue lies inside another exactly when a cue before it
    # in this order ends at or after it (a sort and one pass, not every pair)
    inside: set[Range] = set()
    reach = -1
    for cue in sorted({a.cue for a in found}, key=lambda c: (c[0], -c[1])):
        if reach >= cue[1]:
            inside.add(cue)
        reach = max(reach, cue[1])
    return [a for a in found if a.cue not in inside]


def one_per_cue(_scene: Scene, found: list[Attribution]) -> list[Attribution]:
    """Join the attributions of one cue into one whose content runs over all of theirs.

    "“A,” miners chanted, “B.”" is one attribution with its content in two pieces, A and B.
    """
    out: dict[Range, Attribution] = {}
    for att in found:
        seen = out.get(att.cue)
        out[att.cue] = att if seen is None else replace(
            seen, content=(min(seen.content[0], att.content[0]),
                           max(seen.content[1], att.content[1])))
    return list(out.values())


def _join(found: list[Attribution],
          outer_of: Callable[[Attribution, Callable[[], list[Attribution]]], Attribution | None],
          *, widen: bool = False) -> list[Attribution]:
    """Join each attribution with the outer one `outer_of` finds for it into one attribution.

    The joined cue runs from the outer cue over the inner one, with the outer speaker; its
    content ends where the later of the two contents ends and starts where the outer one does
    (or the earlier of the two, if `widen`). `outer_of` gets the attribution and a function
    that lists those still standing, in order.
    """
    # what is still standing, kept as a list with tombstones plus a count per value, so each
    # join costs O(1) instead of rebuilding and searching the whole list (quadratic in cues)
    order: list[Attribution] = list(found)
    gone: set[int] = set()  # positions in `order` joined away
    where: dict[int, list[int]] = {}  # id of an attribution -> its positions in `order`
    standing: Counter[Attribution] = Counter(found)
    for position, att in enumerate(order):
        where.setdefault(id(att), []).append(position)

    def live() -> list[Attribution]:
        return [a for i, a in enumerate(order) if i not in gone]

    def drop(att: Attribution) -> None:
        for position in where.pop(id(att), []):
            if position not in gone:
                gone.add(position)
                standing[att] -= 1

    for att in found:
        outer = outer_of(att, live) if standing[att] > 0 else None
        if outer is None or standing[outer] <= 0:
            continue
        drop(outer)
        drop(att)
        start = min(outer.content[0], att.content[0]) if widen else outer.content[0]
        joined = replace(outer, cue=(outer.cue[0], att.cue[1]),
                         content=(start, max(outer.content[1], att.content[1])))
        where.setdefault(id(joined), []).append(len(order))
        order.append(joined)
        standing[joined] += 1
    return sorted(live(), key=lambda a: a.cue[0])


def raised(scene: Scene, found: list[Attribution]) -> list[Attribution]:
    """Join a raising-verb cue and the cue of its predicate into one: "X seemed to indicate Y".

    The cue runs from the raising verb over the predicate's cue ("seemed to indicate",
    "appeared pleased with"); like the raising verb's own, the attribution has no source and
    holds the whole impression, from X to the end of what the predicate reports.
    """
    return _under(found, scene.lex.raising_verbs, ("xcomp", "acomp"))


def introduced(_scene: Scene, found: list[Attribution]) -> list[Attribution]:
    """Join a cue and a participle that introduces the same content: "X emailed Y saying: “A”".

    The participle stands between the cue and the content both found ("explained it by saying:",
    "sent a message saying:"); the cue runs over both, and the speaker is the cue's (the parser
    often takes "supporters saying" for a noun and its participle).
    """

    def outer_of(att: Attribution, live: Callable[[], list[Attribution]]) -> Attribution | None:
        if att.cue_token.tag_ != "VBG" or att.content[0] < att.cue[1]:
            return None  # only a participle before its content is looked up
        earlier = [a for a in live() if a.cue[1] <= att.cue[0] and a.content[0] == att.content[0]]
        return earlier[-1] if earlier else None

    return _join(found, outer_of)


def continued(_scene: Scene, found: list[Attribution]) -> list[Attribution]:
    """Join "continue"/"go on" and the cue it continues into one: "X continued his attacks on Y".

    The cue runs over both ("went on to say", "Continuing to explain"), the speaker is the one
    who continues, and the content holds what both report ("continued her attacks on Y: “A”").
    """
    return _under(found, CONTINUING, ("xcomp", "dobj"), widen=True)


def _under(found: list[Attribution], lemmas: frozenset[str], deps: tuple[str, ...], *,
           widen: bool = False) -> list[Attribution]:
    """Join each cue that hangs (by one of `deps`) after a cue verb of `lemmas` with that verb."""
    by_token = {a.cue_token.i: a for a in found if a.cue_token.lemma_.lower() in lemmas}

    def outer_of(att: Attribution, _live: Callable[[], list[Attribution]]) -> Attribution | None:
        token = att.cue_token
        outer = by_token.get(token.head.i)
        if outer is None or token.dep_ not in deps or token.i < outer.cue_token.i:
            return None
        return outer

    return _join(found, outer_of, widen=widen)


def _labelled_by(att: Attribution, label: Attribution) -> bool:
    """Return whether a cue under a "Name: text" label has a named speaker of its own.

    Under "JOEL BENENSON: This is a man who said ..." or a headline "X: I Fear Y" the label's
    speaker says it all; a section "Rubio: Retirement accounts. Senator Rubio proposed ..." has
    its own attributions.
    """
    return label.cue_token.text == ":" and att.speaker is not None and \
        att.speaker.pos_ == "PROPN"


def _relays(cue: Token) -> bool:
    """Return whether a cue hands on a report: "according to Z", "Z reported", "in a Z poll"."""
    return cue.lower_ in PREP_CUES or cue.lemma_.lower() == "report"


def _coordinated(cue: Token, outer: Token) -> bool:
    """Return whether a cue without a subject of its own is a second verb of the outer cue's
    speaker that the parse joined to the reported clause: "X said A and [promised] B".

    The same tense as the outer cue tells it from a verb of the clause ("X said Y left and
    hid").
    """
    return cue.dep_ == "conj" and cue.tag_ == outer.tag_ and cue.i > outer.i and \
        not kids(cue, "nsubj", "nsubjpass")


def _contrasted(att: Attribution, outer: Attribution) -> bool:
    """Return whether a cue of another speaker answers the outer content ("A, while Y said B").

    The parser often hangs a "while"/"but" clause inside the outer content; a clause with a
    speaker of its own, set against the outer one, is the second speaker's words.
    """
    cue = att.cue_token
    if att.speaker is None or att.speaker == outer.speaker or att.speaker.i > cue.i:
        return False
    marks = [c.lower_ for c in kids(cue, "mark")]
    joined = cue.dep_ == "conj" and any(c.lower_ in _CONTRASTS for c in kids(cue.head, "cc"))
    return joined or any(w in _CONTRASTS for w in marks)


def _before_conjunction(cue: Token) -> Token:
    """Return the first token of a cue's clause, its coordinating conjunction included."""
    doc = cue.doc
    start = cue.left_edge
    while start.i > 0 and doc[start.i - 1].dep_ == "cc" and doc[start.i - 1].head == cue.head:
        start = doc[start.i - 1]
    return start


def _passive_clause(att: Attribution) -> bool:
    """Return whether an attribution is a whole passive clause ("X is known as Y"), cue inside."""
    return att.content[0] <= att.cue[0] < att.content[1] and bool(kids(att.cue_token, "nsubjpass"))


def _reports_antecedent(cue: Token) -> bool:
    """Return whether a relative-clause cue judges its antecedent ("a toll, which X called bad")."""
    if cue.dep_ != "relcl":
        return False
    gaps = [*kids(cue, "dobj"), *(s for c in kids(cue, "ccomp") for s in kids(c, "nsubj"))]
    return any(t.tag_ in ("WDT", "WP") for t in gaps)
