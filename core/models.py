"""The records that flow through the pipeline: documents, claims, sources, quantities, hedges, flags.

These pydantic models are the JSON contract of ``claims check --format json``
(``claims schema`` prints their JSON Schema). Database tables live in
``claims.db`` and are converted from these models in one place.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
import warnings
from enum import Enum
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1.0"


def stable_id(prefix: str, *parts: object) -> str:
    """A short id derived only from ``parts``: the same input gives the same id on every run."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8)
    return f"{prefix}_{digest.hexdigest()}"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class ClaimIds:
    """Claim ids of one document that survive edits elsewhere in it.

    A claim's id hashes the sentence (normalised: Unicode NFC, runs of white space as one
    space), who it is attributed to (its paragraph context: "he said" in another paragraph is
    another claim) and how many equal sentences came before it, never the whole text or
    offsets: adding a blank line or editing another sentence keeps every other claim's id,
    so decisions about it still apply (to a copy of the text under another path too).
    """

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], int] = {}

    def __call__(self, sentence: str, source_id: str | None) -> str:
        key = (_norm(sentence), source_id or "")
        n = self._seen[key] = self._seen.get(key, 0) + 1
        return stable_id("c", key[0], key[1], n)


def trusted_builder(cls: type[BaseModel], sample: dict[str, Any]) -> Callable[[dict[str, Any]], BaseModel]:
    """A fast constructor for records whose fields the caller has already typed.

    Extraction builds thousands of small records per MB of news; pydantic validation
    costs more than finding them. The fast path fills the instance directly; it is used
    only if, on ``sample``, it gives exactly what validated construction gives (checked
    once, at import), otherwise validated construction is returned. The fields ``sample``
    leaves out take their (plain, not factory) defaults, as validated construction gives them.
    """
    fields = frozenset(cls.model_fields)
    given = frozenset(sample)
    defaults = {n: f.default for n, f in cls.model_fields.items() if n not in given and f.default_factory is None}
    new, put = object.__new__, object.__setattr__
    if given == fields:
        # every field is set, so all instances share one set: pydantic only ever adds a name to it (on
        # assignment, a no-op here) and copies it for model_copy; a set per record cost ~700 bytes each
        all_set = set(fields)
        shared = _shared_keys_dict(cls, sample) if len(fields) >= _SPLIT_MIN_FIELDS else None

        def fast(d: dict[str, Any]) -> BaseModel:
            obj = new(cls)
            if shared is not None:
                values = shared.copy()
                values.update(d)
                d = values
            put(obj, "__dict__", d)
            put(obj, "__pydantic_fields_set__", all_set)
            put(obj, "__pydantic_extra__", None)
            put(obj, "__pydantic_private__", None)
            return obj
    else:
        # a set of its own per record: assigning a defaulted field adds its name to it
        def fast(d: dict[str, Any]) -> BaseModel:
            obj = new(cls)
            put(obj, "__pydantic_fields_set__", set(d))
            d.update(defaults)
            put(obj, "__dict__", d)
            put(obj, "__pydantic_extra__", None)
            put(obj, "__pydantic_private__", None)
            return obj

    def checked(d: dict[str, Any]) -> BaseModel:
        return cls(**d)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a sample the fast path mis-types warns when dumped: it is not used
            a, b = fast(dict(sample)), cls(**sample)
            same = (given | set(defaults) == fields and a == b and a.model_dump() == b.model_dump()
                    and a.model_dump_json() == b.model_dump_json() and repr(a) == repr(b)
                    and a.model_fields_set == b.model_fields_set and list(a.__dict__) == list(b.__dict__))
    except Exception:  # noqa: BLE001 - a pydantic that works differently: validate
        same = False
    return fast if same else checked


#: records with this many fields or more keep their values in a key-sharing dict (see below)
_SPLIT_MIN_FIELDS = 12


def _shared_keys_dict(cls: type[BaseModel], sample: dict[str, Any]) -> dict[str, Any] | None:
    """A dict of ``cls``'s fields that shares its keys with the class (CPython's split-table
    instance dicts): its copies hold only the values, 288 bytes for a claim or a figure against
    464 for a dict of its own (a MB of news makes ~20,000 of them). None where that is not so."""
    obj = object.__new__(cls)
    for k in cls.model_fields:
        object.__setattr__(obj, k, sample[k])
    shared = obj.__dict__
    combined = dict(sample)
    return shared if sys.getsizeof(shared.copy()) < sys.getsizeof(combined) else None


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Mode(str, Enum):
    """How a claim is attributed to its source."""

    direct_quote = "direct_quote"
    indirect = "indirect"
    according_to = "according_to"
    continued = "continued"


class Span(BaseModel):
    """Character offsets into the document text (``text[start:end]``)."""

    start: int
    end: int


class Source(BaseModel):
    """Who makes a claim, as resolved for one claim."""

    id: str = Field(description="Canonical id, e.g. 'uk-mod'.")
    name: str = Field(description="Display name, e.g. 'UK Ministry of Defence'.")
    mention: str = Field(description="The words naming the source as written in the text.")
    mention_start: int | None = None
    mention_end: int | None = None
    cue: str | None = Field(None, description="The reporting cue: 'said', 'according to', 'statement'...")
    mode: Mode
    kind: str | None = Field(None, description="person, organisation, government, intelligence...")
    parent: str | None = Field(None, description="Canonical id of the parent organisation, if any.")
    country: str | None = None


class Quantity(BaseModel):
    """A number stated in a claim, with its bounds and what it counts."""

    value: float
    text: str
    start: int
    end: int
    low: float | None = Field(None, description="Lower bound implied by qualifiers and rounding.")
    high: float | None = Field(None, description="Upper bound implied by qualifiers and rounding.")
    qualifier: str | None = Field(None, description="'at least', 'more than', 'about', 'up to'...")
    unit: str | None = Field(None, description="'percent', 'USD', 'km'... or None for a count.")
    counts: str | None = Field(None, description="What is counted, as written: 'civilian casualties'.")
    measure: str | None = Field(None, description=(
        "Normalised measure, the counted thing and the event: 'killed', 'civilians.casualties', "
        "'drones.launched', 'drones.shot_down', 'personnel.lost', 'tanks'."))
    approximate: bool = False
    scope: Literal["part", "place"] | None = Field(None, description=(
        "None: the whole the source reports on (the country, the whole front); 'place': limited to `place` "
        "(a direction, an oblast, a city); 'part': a sub-count of another figure of the same measure "
        "('including 40 over Kyiv', 'N of them')."))
    place: str | None = Field(None, description="The direction, oblast or city the figure is limited to.")
    period: str | None = Field(None, description=(
        "The period counted: 'cumulative' (since the invasion, in total), 'day' (over the past day, the day's "
        "change), 'night' (overnight), 'week', 'days' (the past N days), 'date' (a dated day or period), "
        "'rate' (per day), or None when the sentence and its context state none."))
    period_start: str | None = Field(None, description=(
        "ISO date the period starts, resolved against the publication date (never after it); None for a "
        "cumulative count that says only 'so far'."))
    period_end: str | None = Field(None, description="ISO date the period ends (the publication date for "
                                                     "cumulative, day and night figures).")
    period_text: str | None = Field(None, description="The words stating the period: 'overnight', 'since February 24'.")
    source: str | None = Field(None, description="Canonical id of the source giving the figure (the claim's source).")


class DateMention(BaseModel):
    """A date or period stated in a claim."""

    text: str
    start: int
    end: int
    date: str | None = Field(None, description="ISO date when it can be resolved.")
    role: Literal["point", "since", "period"] = "point"


class Hedge(BaseModel):
    """An epistemic hedge cue and, where it is estimative, its probability range."""

    cue: str
    start: int
    end: int
    kind: str = Field(description="estimative, modal, evidential, hearsay")
    negated: bool = False
    low: float | None = None
    high: float | None = None
    scale: str | None = None


class Flag(BaseModel):
    """A finding raised by a checker about a claim (or a document)."""

    model_config = ConfigDict(use_enum_values=False)

    id: str = ""
    checker: str = Field("", description="The checker's name; defaults to the plugin's name.")
    code: str = Field(description="Stable slug, e.g. 'hedged' or 'sum-mismatch'.")
    severity: Severity = Severity.info
    message: str
    claim_id: str | None = None
    evidence: Span | None = Field(None, description="Span inside the document the flag points at.")
    related: list[str] = Field(default_factory=list, description="Ids of related claims.")
    data: dict[str, Any] = Field(default_factory=dict)
    status: str | None = Field(None, description="Review status, e.g. 'dismissed'.")

    def with_id(self, text: str | None = None) -> "Flag":
        """Fill ``id`` from claim, checker, code and the evidence's words (``text`` is the document's),
        so the same flag on an edited version of a document has the same id (never offsets)."""
        if not self.id:
            ev = ""
            if self.evidence is not None:
                ev = _norm(text[self.evidence.start:self.evidence.end]) if text else self.evidence.end - self.evidence.start
            self.id = stable_id("f", self.claim_id, self.checker, self.code, ev, self.data.get("key", ""))
        return self


_make_span = trusted_builder(Span, {"start": 0, "end": 1})
_make_flag = trusted_builder(Flag, {
    "id": "", "checker": "hedge", "code": "hedged", "severity": Severity.info, "message": "hedged",
    "claim_id": None, "evidence": _make_span({"start": 0, "end": 1}), "related": [], "data": {"key": "0"},
    "status": None})


def new_flag(checker: str, code: str, message: str, severity: Severity = Severity.info, *,
             claim_id: str | None = None, evidence: tuple[int, int] | None = None,
             related: list[str] | None = None, data: dict[str, Any] | None = None) -> Flag:
    """A :class:`Flag` built without validation, for checkers whose values are already typed
    (``severity`` a :class:`Severity`, ``evidence`` the ``(start, end)`` offsets): a checker
    raises thousands on a long page, and validation costs more than the check."""
    return _make_flag({
        "id": "", "checker": checker, "code": code, "severity": severity, "message": message,
        "claim_id": claim_id,
        "evidence": _make_span({"start": evidence[0], "end": evidence[1]}) if evidence is not None else None,
        "related": related if related is not None else [], "data": data if data is not None else {},
        "status": None})


#: The structural kinds of text a reader can report; ``paragraph`` is prose.
BLOCK_KINDS = ("paragraph", "heading", "quote", "list-item", "caption", "table-row", "title")

#: Why a table's header row is not a claim: it stays in the text, its cells name the columns below.
TABLE_HEADER = "table-header"


class Claim(BaseModel):
    """One sentence of a document, with its attribution and the facts extracted from it."""

    id: str
    text: str
    start: int
    end: int
    line: int
    paragraph: int
    block: str = Field("paragraph", description="The kind of block the claim stands in: " + ", ".join(BLOCK_KINDS) + ".")
    link: str | None = Field(None, description="For a web page: its URL with a text fragment (#:~:text=) that finds the sentence.")
    source: Source | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    hedges: list[Hedge] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    status: str | None = Field(None, description="Review status when the claim has been reviewed.")


class Skipped(BaseModel):
    """Text set aside as not a claim (boilerplate), never silently dropped."""

    text: str
    start: int
    end: int
    line: int
    reason: str


class Paragraph(BaseModel):
    index: int
    start: int
    end: int
    line: int
    kind: str = "paragraph"


_make_paragraph = trusted_builder(Paragraph, {"index": 0, "start": 0, "end": 1, "line": 1, "kind": "paragraph"})


def new_paragraph(index: int, start: int, end: int, line: int, kind: str = "paragraph") -> Paragraph:
    """A :class:`Paragraph` from the pipeline's own offsets, without validation."""
    return _make_paragraph({"index": index, "start": start, "end": end, "line": line, "kind": kind})


class Cell(BaseModel):
    """One cell of a table row: its offsets in the document text and its column header."""

    start: int
    end: int
    header: str | None = None


class TextBlock(BaseModel):
    """A structural block a reader found, with offsets into the reader's text."""

    kind: str = Field("paragraph", description="One of BLOCK_KINDS.")
    start: int
    end: int
    cells: list[Cell] = Field(default_factory=list, description="Table rows only: the row's cells.")


class DocumentIn(BaseModel):
    """What a reader makes of the bytes of one input: the text to check and what is known about it.

    ``text`` is the text that is checked, stored and shown: every offset indexes it. A reader
    may rebuild it (main text of a web page, text layer of a PDF); ``blocks`` then say where its
    headings, paragraphs, captions and table rows are. With no blocks the segmenter finds the
    paragraphs itself.
    """

    text: str
    format: str = Field("text", description="The reader that made it: text, markdown, html, pdf, feed...")
    path: str | None = Field(None, description="Set by readers that split one input into several documents (feed items).")
    encoding: str = "utf-8"
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="ISO publication date from the document's own metadata or dateline.")
    url: str | None = Field(None, description="Where the document was fetched from, or its link.")
    canonical_url: str | None = None
    language: str | None = None
    blocks: list[TextBlock] = Field(default_factory=list)
    chrome_removed: bool = Field(False, description="The reader has already set page chrome aside (a web page's "
                                 "main text, a PDF's body), so the segmenter's rules for pasted pages stay off.")
    skipped: list[Skipped] = Field(default_factory=list, description="Content the reader set aside, with reasons.")
    warnings: list[str] = Field(default_factory=list)


class CheckError(BaseModel):
    """A plugin that raised while checking."""

    plugin: str
    hook: str
    claim_id: str | None = Field(None, description="The first claim it failed on.")
    message: str = Field(description="The first failure's one-line reason.")
    count: int = Field(1, description="How many calls of this hook failed on the document.")
    traceback: str | None = None


class Summary(BaseModel):
    """Figures about one document; plugins may add their own through ``summarize_document``."""

    model_config = ConfigDict(extra="allow")

    claims: int = 0
    attributed: int = 0
    sources: int = 0
    hedged: int = 0
    quantities: int = 0
    flags: dict[str, int] = Field(default_factory=dict)
    relations: dict[str, int] = Field(default_factory=dict, description="Arithmetic relations found/checked/consistent.")
    conflicts: int = 0
    corroborated: int = 0
    dismissed: int = 0


class Document(BaseModel):
    """A checked document: its claims, skipped lines and summary."""

    path: str
    sha256: str
    format: str = "text"
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = Field(default_factory=list)
    text: str = Field("", exclude=True, description="Full text (not serialised).")
    paragraphs: list[Paragraph] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list, description="Document-level flags not tied to one claim.")
    errors: list[CheckError] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    _state: dict[str, dict[str, Any]] | None = PrivateAttr(default=None)

    def state(self, plugin: str) -> dict[str, Any]:
        """Scratch space a plugin can keep between its hooks for this document (not serialised)."""
        # read the private-attribute store directly: pydantic's attribute path costs ~4 us a call
        private = self.__pydantic_private__
        state = private.get("_state")
        if state is None:
            state = private["_state"] = {}
        return state.setdefault(plugin, {})

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None."""
        index = self.state("claims.document").get("index")
        if index is None or len(index) != len(self.claims):
            index = {c.id: c for c in self.claims}
            self.state("claims.document")["index"] = index
        return index.get(claim_id)


class InputError(BaseModel):
    path: str
    message: str


class Report(BaseModel):
    """The top-level output of ``claims check``."""

    schema_version: str = SCHEMA_VERSION
    documents: list[Document] = Field(default_factory=list)
    errors: list[InputError] = Field(default_factory=list)
