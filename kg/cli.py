"""The `kg` command: thin wrappers over the library, and the only module that prints or exits.

Results go to stdout, one-line errors to stderr. Exit codes: 0 success, 1 a `KGError` or a
batch with failures, 2 a usage error.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import sys
import threading
import time
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
import typer.core

from kg.config import Settings, load_settings
from kg.errors import KGError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import BinaryIO

    from kg.export import RdfFormat
    from kg.export import TimelineFormat as TimelineWritten
    from kg.extract.pipeline import Pipeline


class _Group(typer.core.TyperGroup):
    """Turns a `KGError` from any command into one `error: ...` line and exit code 1, and joins
    the lines of each paragraph of the commands' help (rich keeps a docstring's line breaks,
    which cut sentences into ragged lines)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            if command.help:
                command.help = "\n\n".join(" ".join(part.split())
                                            for part in command.help.split("\n\n"))

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KGError as exc:
            if _State.debug:
                raise
            _fail(str(exc))
            raise typer.Exit(1) from exc


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Turn news articles into an event timeline knowledge graph.\n\n"
         "Example: kg ingest data/ && kg query --name timeline",
)


class _OneLine(logging.Formatter):
    """Log records as `warning: message` lines (with the logger name under --debug)."""

    def __init__(self, debug: bool) -> None:
        super().__init__()
        self.debug = debug

    def format(self, record: logging.LogRecord) -> str:
        where = f"{record.name}: " if self.debug else ""
        return f"{record.levelname.lower()}: {where}{record.getMessage()}"


class _State:
    debug = False
    remote: dict[str, object] = {}  # remote store settings given before the command


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    turtle = "turtle"
    trig = "trig"
    jsonld = "jsonld"
    nquads = "nquads"


class ExportFormat(StrEnum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    timelinejs = "timelinejs"
    csv = "csv"
    graphml = "graphml"


class TimelineFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    timelinejs = "timelinejs"
    jsonld = "jsonld"
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    graphml = "graphml"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


_INPUTS_HELP = "Files, folders, globs or - (JSONL on stdin)."
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="TOML settings file (or a pyproject.toml with \\[tool.kg]).")]
StoreOpt = Annotated[str | None, typer.Option(
    "--store", help="Store: a folder (embedded Oxigraph, the default .kg/store), "
                    "an http(s) SPARQL endpoint URL, or 'memory'.")]


class Engine(StrEnum):
    local = "local"
    dask = "dask"


JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Processes that extract (each loads the model once).")]
BatchOpt = Annotated[int | None, typer.Option(
    "--batch-size", min=1, help="Articles per nlp.pipe batch and per store transaction.")]
ProgressOpt = Annotated[bool | None, typer.Option(
    "--progress/--no-progress", help="Show a progress bar (default: on a terminal, not in CI).")]


def _settings(config: Path | None, store: str | None = None) -> Settings:
    if config is None and Path("pyproject.toml").is_file():
        candidate = Path("pyproject.toml")
        settings = load_settings(candidate) if "[tool.kg]" in candidate.read_text("utf-8") \
            else Settings()
    else:
        settings = load_settings(config)
    if _State.remote:
        remote = {"store": "remote", **_State.remote}
        try:
            settings = Settings.model_validate({**settings.model_dump(), **remote})
        except ValueError as exc:
            raise KGError(f"invalid remote store options: {exc}") from None
    if store is None:
        return settings
    if store == "memory":
        return settings.model_copy(update={"store": "memory"})
    if store.startswith(("http://", "https://")):
        return settings.model_copy(update={"store": "remote", "endpoint": store})
    return settings.model_copy(update={"store": "oxigraph", "store_path": store})


class Server(StrEnum):
    oxigraph = "oxigraph"
    fuseki = "fuseki"
    virtuoso = "virtuoso"
    generic = "generic"


class Auth(StrEnum):
    none = "none"
    basic = "basic"
    digest = "digest"


_REMOTE = "Remote store (before the command)"


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    server: Annotated[Server | None, typer.Option(
        "--server", rich_help_panel=_REMOTE,
        help="SPARQL server profile: fills in the endpoint URLs under --store URL.")] = None,
    query_url: Annotated[str | None, typer.Option(
        "--query-url", rich_help_panel=_REMOTE, help="SPARQL 1.1 Query endpoint URL.")] = None,
    update_url: Annotated[str | None, typer.Option(
        "--update-url", rich_help_panel=_REMOTE, help="SPARQL 1.1 Update endpoint URL.")] = None,
    graph_store_url: Annotated[str | None, typer.Option(
        "--graph-store-url", rich_help_panel=_REMOTE,
        help="Graph Store Protocol endpoint URL ('' for none: chunked INSERT DATA).")] = None,
    auth: Annotated[Auth | None, typer.Option(
        "--auth", rich_help_panel=_REMOTE, help="HTTP authentication scheme.")] = None,
    user: Annotated[str | None, typer.Option(
        "--user", envvar="KG_STORE_USER", rich_help_panel=_REMOTE,
        help="User name for the remote store; the password only from KG_STORE_PASSWORD or "
             "~/.netrc.")] = None,
    max_rows: Annotated[int | None, typer.Option(
        "--max-rows", min=1, rich_help_panel=_REMOTE,
        help="Rows the server cuts a result at, when it does not say so itself.")] = None,
) -> None:
    _State.debug = debug
    given = {"server": server and server.value, "query_url": query_url,
             "update_url": update_url, "store_url": graph_store_url,
             "auth": auth and auth.value, "user": user, "max_rows": max_rows}
    _State.remote = {key: value for key, value in given.items() if value is not None}
    if set(_State.remote) <= {"user"}:  # a user name from the environment alone is no request
        _State.remote = {}
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine(debug))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler],
                        force=True)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the per-article extraction output."""
    from kg.model import Extraction

    typer.echo(json.dumps(Extraction.model_json_schema(), indent=2))


@app.command("extract")
def extract_cmd(
    inputs: Annotated[list[str], typer.Argument(help=_INPUTS_HELP)],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
    strict: Annotated[bool, typer.Option(help="Stop at the first bad input.")] = False,
    config: ConfigOpt = None,
    out: Annotated[Path | None, typer.Option(
        help="Write N-Quads shards (part-000000.nq, ...) to this folder for a bulk loader "
             "(with --format nquads).")] = None,
    shard_size: Annotated[int, typer.Option(min=1, help="Articles per shard (with --out).")
                          ] = 1000,
    jobs: JobsOpt = 1,
    progress: ProgressOpt = None,
) -> None:
    """Extract articles and print what was read out of them, one object or document per article.

    Example: kg extract data/000_6fba463f02e9fc5b.txt --format json
    Bulk: kg extract corpus/ --format nquads --out shards/ --shard-size 1000 --jobs 2
    """
    from kg.export import write_extractions
    from kg.ingest.batches import extract

    settings = _settings(config)
    errors = _Errors(strict)
    if out is not None:
        from kg.ingest.batches import shard
        from kg.ingest.progress import Bar, estimate, wanted

        if fmt is not ExtractFormat.nquads:
            raise typer.BadParameter("--out writes N-Quads shards: give --format nquads")
        show = wanted(progress)
        with Bar(estimate(inputs) if show else None, enabled=show) as bar:
            written = shard(inputs, out, settings=settings, size=shard_size, jobs=jobs,
                            on_error=errors, on_progress=bar)
        typer.echo(f"wrote {written.articles} articles ({written.triples} triples) in "
                   f"{len(written.shards)} shards to {out}", err=True)
        errors.exit_if_any()
        return
    write_extractions(sys.stdout, extract(inputs, settings=settings, on_error=errors),
                      fmt.value, base_iri=settings.base_iri)
    errors.exit_if_any()


@app.command("ingest")
def ingest_cmd(
    inputs: Annotated[list[str], typer.Argument(help=_INPUTS_HELP)],
    store: StoreOpt = None,
    strict: Annotated[bool, typer.Option(help="Stop at the first bad input.")] = False,
    config: ConfigOpt = None,
    jobs: JobsOpt = 1,
    engine: Annotated[Engine, typer.Option(help="local: processes on this machine; dask: a "
                                                "Dask cluster (--scheduler).")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address, e.g. tcp://127.0.0.1:8786 (with --engine dask).")] = None,
    out: Annotated[Path | None, typer.Option(
        help="With --engine dask: have the workers write N-Quads shards here instead of "
             "storing (a folder all workers can reach).")] = None,
    batch_size: BatchOpt = None,
    progress: ProgressOpt = None,
    keep_stale: Annotated[bool, typer.Option(
        help="Keep graphs made by another extractor version (older code, lexicons, model or "
             "settings) instead of extracting their articles again.")] = False,
) -> None:
    """Extract articles and store one named graph per article (re-ingesting changes nothing).

    Example: kg ingest data/ --store .kg/store --jobs 2
    """
    from kg.identity import refresh
    from kg.identity.events import refresh_events
    from kg.ingest.batches import ingest
    from kg.ingest.progress import Bar, estimate, wanted
    from kg.store import open_store

    settings = _settings(config, store)
    if batch_size is not None:
        settings = settings.model_copy(update={"batch_size": batch_size})
    errors = _Errors(strict)
    show = wanted(progress)
    if engine is Engine.dask and scheduler is None:
        raise typer.BadParameter("--engine dask needs --scheduler ADDRESS")
    if engine is Engine.dask:
        try:
            import distributed  # noqa: F401
        except ImportError as exc:
            raise KGError("--engine dask needs Dask: pip install 'kg[distributed]'") from exc
    with Bar(estimate(inputs) if show else None, enabled=show) as bar:
        if engine is Engine.dask and out is not None:
            from kg.ingest.distributed import run

            summary = run(inputs, settings=settings, scheduler=str(scheduler), out=out,
                          partition=settings.batch_size, on_error=errors, on_progress=bar)
        else:
            with open_store(settings) as opened:
                if engine is Engine.dask:
                    from kg.ingest.distributed import run

                    summary = run(inputs, settings=settings, scheduler=str(scheduler),
                                  store=opened, partition=settings.batch_size,
                                  keep_stale=keep_stale, on_error=errors, on_progress=bar)
                    refresh(opened, base_iri=settings.base_iri)
                    refresh_events(opened, base_iri=settings.base_iri)
                else:
                    summary = ingest(inputs, opened, settings=settings, jobs=jobs,
                                     keep_stale=keep_stale, on_error=errors, on_progress=bar,
                                     identity=True)
    stale = (f"kept {summary.kept} stale" if keep_stale else f"refreshed {summary.refreshed}")
    typer.echo(f"ingested {summary.articles} articles ({summary.triples} triples), "
               f"{stale} made by another extractor version, "
               f"skipped {summary.skipped} unchanged, {summary.failed} failed "
               f"in {summary.seconds:.1f} s", err=True)
    errors.exit_if_any()


@app.command("query")
def query_cmd(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL text or a .rq file.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="A named query (see --list).")
                    ] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="k=v for --name.")
                     ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    limit: Annotated[int | None, typer.Option(help="Return at most this many rows.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Give up after this many seconds.")
                       ] = None,
    list_names: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    allow_update: Annotated[bool, typer.Option(
        "--allow-update", help="Run the text as a SPARQL UPDATE (refused without this flag).")
    ] = False,
    allow_federation: Annotated[bool, typer.Option(
        "--allow-federation", help="Let the query reach outside the store: SERVICE, FROM and "
                                   "FROM NAMED (and LOAD, USING in an update); refused without "
                                   "this flag.")] = False,
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Run a read-only SPARQL query (text, file or named) over every stored article.

    Examples: kg query --name timeline;  kg query --name events_by_place -p place=Idlib;
    kg query "SELECT ?name WHERE { ?a a kg:Actor ; kg:name ?name }"
    """
    from kg import query as queries
    from kg.store import open_store
    from kg.table import render

    if list_names:
        for entry in queries.list_queries():
            typer.echo(f"{entry.name}\t{entry.description}")
        return
    settings = _settings(config, store)
    with open_store(settings, mode="write" if allow_update else "read") as opened:
        if name is not None:
            params = dict(_pair(item) for item in param or [])
            with _unknown_names(fmt.value):
                result = queries.run_named(opened, name, base_iri=settings.base_iri,
                                           limit=limit, timeout=timeout,
                                           allow_federation=allow_federation, **params)
        elif sparql is not None and allow_update:
            opened.update(_sparql_text(sparql, ".ru"), allow_update=True,
                          allow_federation=allow_federation)
            typer.echo("update applied", err=True)
            return
        elif sparql is not None:
            result = queries.run_text(opened, _sparql_text(sparql, ".rq"),
                                      base_iri=settings.base_iri, limit=limit, timeout=timeout,
                                      allow_federation=allow_federation)
        else:
            raise typer.BadParameter("give SPARQL text, a .rq file, or --name")
    typer.echo(render(result, fmt.value), nl=False)
    if result.truncated:
        typer.echo(f"note: result cut to {limit} rows (--limit)", err=True)


def _sparql_text(sparql: str, suffix: str) -> str:
    """Return the SPARQL text given, or read from the file it names when it ends in `suffix`."""
    if not sparql.endswith(suffix):
        return sparql
    try:
        return Path(sparql).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise KGError(f"cannot read the query file {sparql!r}: {reason}") from exc


@contextlib.contextmanager
def _output(out: Path | None) -> Iterator[BinaryIO]:
    """Give the stream an --out goes to: stdout, or the file written whole (a temporary file
    beside it renamed over it at the end), so a failed command leaves the file as it was."""
    if out is None:
        yield sys.stdout.buffer
        return
    from kg.files import whole_file

    try:
        with whole_file(out) as stream:
            yield stream
    except OSError as exc:
        if isinstance(exc, KGError):
            raise
        reason = exc.strerror or str(exc)
        if not out.parent.is_dir():
            reason = f"no folder {str(out.parent)!r}"
        raise KGError(f"cannot write --out {str(out)!r}: {reason}") from exc


def _pair(item: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep or not key:
        raise typer.BadParameter(f"parameter {item!r} is not key=value")
    return key.strip(), value


@app.command("export")
def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.trig,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default stdout)."
                                             )] = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write the whole graph as Turtle, TriG, N-Quads or JSON-LD, or the whole timeline as
    TimelineJS3 JSON, CSV or GraphML (actor-event-place graph for Gephi).

    Example: kg export --format trig --out graph.trig
    """
    from kg.export import export_store
    from kg.store import open_store

    settings = _settings(config, store)
    if fmt.value in ("timelinejs", "csv", "graphml"):
        _write_timeline(settings, {}, fmt.value, out)
        return
    with open_store(settings, mode="read") as opened, _output(out) as handle:
        export_store(opened, handle, cast("RdfFormat", fmt.value), base_iri=settings.base_iri)


@app.command("timeline")
def timeline_cmd(
    place: Annotated[str | None, typer.Option(help="A place by name, alias, id or IRI "
                                                   "(places inside it count too).")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor taking part, by name, alias, id "
                                                   "or IRI.")] = None,
    event_type: Annotated[str | None, typer.Option(
        "--type", help="An event class, e.g. business.deal or business, or a PLOVER type, "
                       "e.g. ASSAULT.")] = None,
    start: Annotated[str | None, typer.Option("--from", callback=_day_option,
                                              help="First day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", callback=_day_option,
                                            help="Last day (YYYY-MM-DD).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", callback=_day_option,
        help="Only what was the case on this day (YYYY-MM-DD): events whose time span holds "
             "it (a year-only event holds on each day of its year).")] = None,
    known_then: Annotated[bool, typer.Option(
        "--known-then", help="With --as-of, only what articles published by that day report "
                             "(what could be known then).")] = False,
    article: Annotated[str | None, typer.Option(help="Only events of this article id.")] = None,
    statements: Annotated[bool, typer.Option(
        "--statements/--no-statements",
        help="With --actor, also the actor's statements, as events of type STATEMENT.")] = True,
    factuality: Annotated[str, typer.Option(
        help="Which events by how real the text makes them: 'factual' (asserted, also through "
             "someone who says so), 'all', or a comma list of asserted, negated, possible, "
             "planned, demanded, ruled_out, reported.")] = "factual",
    each_report: Annotated[bool, typer.Option(
        "--each-report", help="One row per report: every article's event, even where several "
                              "report one happening (table, csv, timelinejs and graphml show "
                              "one row per event cluster otherwise; json and the RDF formats "
                              "always carry every report, each with its cluster).")] = False,
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f")] = TimelineFormat.table,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default stdout)."
                                             )] = None,
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print the events that match in chronological order, with dates at their granularity and
    their sources; undated events are listed after them. Events the text does not assert
    (negated, possible, planned, demanded, ruled out) show with --factuality, marked. A
    happening several articles report is one row, with its report count (--each-report shows
    every report).

    Examples: kg timeline --actor Turkey --factuality all --no-statements;
    kg timeline --as-of 2019-08-20 --known-then
    """
    if known_then and as_of is None:
        raise typer.BadParameter("--known-then needs --as-of DAY", param_hint="'--known-then'")
    filters: dict[str, object] = {
        "place": place, "actor": actor, "event_type": event_type, "start": start, "end": end,
        "article": article, "with_statements": statements,
        "factuality": _factualities(factuality)}
    with _unknown_names(fmt.value):
        _write_timeline(_settings(config, store), filters, fmt.value, out,
                        day=None if as_of is None else date.fromisoformat(as_of),
                        known_then=known_then,
                        clustered=not each_report and fmt.value in _CLUSTERED_FORMATS)


# the formats people read show one row per event cluster; machine formats keep every report
_CLUSTERED_FORMATS = frozenset({"table", "csv", "timelinejs", "graphml"})


def _day_option(value: str | None) -> str | None:
    """Check a day option (--from, --to, --as-of) as the user typed it: YYYY-MM-DD."""
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day as YYYY-MM-DD") from None
    return value


def _unknown_names(fmt: str) -> contextlib.AbstractContextManager[None]:
    """A name the store does not hold is an error (exit 1, with the nearest names) in a table
    for people; in a machine format it is a warning and an empty, well-formed answer, so a batch
    asking about many names (a benchmark's targets) does not stop at the first one."""
    if fmt == "table":
        return contextlib.nullcontext()
    from kg.query import unknown_names_as_empty

    return unknown_names_as_empty(
        lambda error: typer.echo(f"warning: {error}; the answer is empty", err=True))


def _factualities(text: str) -> tuple[str, ...] | None:
    """Return the factualities `--factuality` names: None for "all"; unknown names are refused
    before the store is opened, with the known ones."""
    from kg.timeline import FACTUAL, FACTUALITIES

    words = tuple(w.strip().lower() for w in text.split(",") if w.strip())
    if words == ("all",):
        return None
    if words == ("factual",):
        return FACTUAL
    unknown = [word for word in words if word not in FACTUALITIES]
    if unknown or not words:
        raise typer.BadParameter(f"unknown factuality {text!r}; give all, factual or a comma list "
                                 f"of {', '.join(FACTUALITIES)}", param_hint="'--factuality'")
    return words


def _write_timeline(settings: Settings, filters: dict[str, object], name: str,
                    out: Path | None, *, day: date | None = None, known_then: bool = False,
                    clustered: bool = False) -> None:
    from kg.export import write_timeline
    from kg.store import open_store
    from kg.timeline import as_of, one_per_cluster, timeline

    with open_store(settings, mode="read") as opened:
        found = timeline(opened, base_iri=settings.base_iri, **filters)  # type: ignore[arg-type]
        if day is not None:
            found = as_of(found, day, reported_by=known_then)
        if clustered:
            found = one_per_cluster(found)
        fmt = cast("TimelineWritten", name)
        if out is None:
            write_timeline(sys.stdout, found, fmt, store=opened, base_iri=settings.base_iri)
            return
        with _output(out) as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
            write_timeline(text, found, fmt, store=opened, base_iri=settings.base_iri)
            text.flush()
            text.detach()  # the stream is closed (or thrown away) by _output


@app.command("validate")
def validate_cmd(store: StoreOpt = None, config: ConfigOpt = None) -> None:
    """Check every stored article graph against the SHACL shapes in ontology/shapes.ttl."""
    from kg.audit import validate_store
    from kg.rdf import is_article_graph
    from kg.store import open_store

    settings = _settings(config, store)
    with open_store(settings, mode="read") as opened:
        reports = validate_store(opened, skip=lambda iri: not is_article_graph(
            iri, settings.base_iri))
    bad = [(iri, report) for iri, report in reports if not report.conforms]
    for iri, report in bad:
        _fail(f"{iri}: {report.violation_count} SHACL violation(s)")
        if _State.debug:
            typer.echo(report.text, err=True)
    typer.echo(f"{len(reports) - len(bad)} of {len(reports)} article graphs conform")
    if bad:
        raise typer.Exit(1)


@app.command("stats")
def stats_cmd(store: StoreOpt = None, config: ConfigOpt = None) -> None:
    """Count the stored articles, actors, places, events, statements and triples."""
    from kg import query as queries
    from kg.store import open_store
    from kg.table import render

    settings = _settings(config, store)
    with open_store(settings, mode="read") as opened:
        result = queries.run_named(opened, "stats", base_iri=settings.base_iri)
        typer.echo(render(result, "table"), nl=False)
        typer.echo(f"triples: {opened.triples_count()}")


@app.command("remove")
def remove_cmd(article: Annotated[str, typer.Argument(help="The article id to retract.")],
               store: StoreOpt = None, config: ConfigOpt = None) -> None:
    """Retract one article's graph and its provenance graph, its actors from the identity graph
    where no other article names them, and its events from their event clusters."""
    from kg.identity import refresh
    from kg.identity.events import refresh_events
    from kg.rdf import graph_iri, provenance_iri
    from kg.store import open_store

    settings = _settings(config, store)
    try:
        iri = graph_iri(article, settings.base_iri)
    except ValueError as exc:
        raise KGError(f"{article!r} is not an article id: it has no letters or digits") from exc
    with open_store(settings, mode="write") as opened:
        if not opened.remove(iri):
            raise KGError(f"no stored article {article!r}")
        opened.remove(provenance_iri(article, settings.base_iri))
        refresh(opened, base_iri=settings.base_iri)
        refresh_events(opened, base_iri=settings.base_iri)
    typer.echo(f"removed {article}")


@app.command("serve")
def serve_cmd(
    store: StoreOpt = None,
    bind: Annotated[str, typer.Option(
        "--bind", help="HOST:PORT to listen on (other machines reach it only if you say so).")
    ] = "127.0.0.1:7878",
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds per query.")] = 30.0,
    config: ConfigOpt = None,
) -> None:
    """Serve the embedded store read-only over SPARQL, with a query page in the browser.

    Example: kg serve --store .kg/store   (then open http://127.0.0.1:7878/)
    """
    import signal

    from kg.store.serve import serving

    settings = _settings(config, store)
    if settings.store != "oxigraph":
        raise KGError("kg serve serves the embedded store (a folder); a remote store is a "
                      "SPARQL server already")
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    with serving(settings.store_path, bind, timeout=timeout) as url:
        typer.echo(f"serving {settings.store_path} read-only: SPARQL at {url}/query, "
                   f"query page at {url}/ (Ctrl-C stops)", err=True)
        stop.wait()


class ActorsFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


actors_app = typer.Typer(help="The canonical actors of the store, across its articles.",
                         invoke_without_command=True)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors_cmd(
    ctx: typer.Context,
    fmt: Annotated[ActorsFormat, typer.Option("--format", "-f")] = ActorsFormat.table,
    described: Annotated[bool, typer.Option(
        "--described", help="Also list the actors an article only describes ('a military "
                            "source', 'some families'), each its article's own.")] = False,
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List each named canonical actor with its kind, names, aliases, article count and mentions.

    Example: kg actors --format jsonl
    """
    if ctx.invoked_subcommand is not None:
        return
    from kg.identity import canonical_actors, refresh
    from kg.store import open_store

    settings = _settings(config, store)
    with open_store(settings, mode="read") as opened:
        refresh(opened, base_iri=settings.base_iri)
        found = canonical_actors(opened, base_iri=settings.base_iri, described=described)
    if fmt is ActorsFormat.json:
        typer.echo(json.dumps([a.model_dump(mode="json") for a in found], indent=1))
    elif fmt is ActorsFormat.jsonl:
        for actor in found:
            typer.echo(actor.model_dump_json())
    else:
        typer.echo(f"{'name':<32} {'kind':<12} {'articles':>8} {'mentions':>8}  aliases")
        for actor in found:
            typer.echo(f"{actor.name[:32]:<32} {actor.kind:<12} {actor.articles:>8} "
                       f"{len(actor.mentions):>8}  {'; '.join(actor.aliases)}")


@actors_app.command("merge")
def actors_merge_cmd(
    first: Annotated[str, typer.Argument(help="An actor by name, alias, id or IRI.")],
    second: Annotated[str, typer.Argument(help="Another actor, which is the same one.")],
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Record that two actors are one (kept across re-ingest), and rebuild the identity graph."""
    _decide(first, second, same=True, store=store, config=config)


@actors_app.command("split")
def actors_split_cmd(
    first: Annotated[str, typer.Argument(help="A name the actor goes by.")],
    second: Annotated[str, typer.Argument(help="Another of its names, which is someone else.")],
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Record that the nodes named FIRST and those named SECOND are two actors (kept across
    re-ingest), and rebuild the identity graph."""
    _decide(first, second, same=False, store=store, config=config)


def _decide(first: str, second: str, *, same: bool, store: str | None,
            config: Path | None) -> None:
    from kg.identity import decide, nodes_named
    from kg.identity.events import rebuild_events
    from kg.store import open_store

    settings = _settings(config, store)
    with open_store(settings, mode="write") as opened:
        ones = nodes_named(opened, first, base_iri=settings.base_iri)
        others = nodes_named(opened, second, base_iri=settings.base_iri)
        decide(opened, [(a, b) for a in ones for b in others if a != b], same=same,
               base_iri=settings.base_iri)
        rebuild_events(opened, base_iri=settings.base_iri)  # clusters share canonical actors
    typer.echo(f"{'merged' if same else 'split'} {first!r} and {second!r}")


events_app = typer.Typer(help="The event clusters of the store: happenings several articles "
                              "report, and where the reports disagree.",
                         invoke_without_command=True)
app.add_typer(events_app, name="events")


@events_app.callback()
def events_cmd(
    ctx: typer.Context,
    least: Annotated[int, typer.Option("--least", min=1, help="Only clusters with at least this "
                                                              "many reports.")] = 2,
    fmt: Annotated[ActorsFormat, typer.Option("--format", "-f")] = ActorsFormat.table,
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List each event cluster with its reports (article, date, source, event, and the event's
    id, which `kg events merge/split` take) side by side.

    Example: kg events --least 3; kg events conflicts
    """
    if ctx.invoked_subcommand is None:
        _list_clusters(least=least, disputed=False, fmt=fmt, store=store, config=config)


@events_app.command("conflicts")
def events_conflicts_cmd(
    fmt: Annotated[ActorsFormat, typer.Option("--format", "-f")] = ActorsFormat.table,
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List the event clusters whose reports disagree (the time, who did it, whether it
    happened), each report's claim side by side with its article and source."""
    _list_clusters(least=2, disputed=True, fmt=fmt, store=store, config=config)


@events_app.command("merge")
def events_merge_cmd(
    first: Annotated[str, typer.Argument(help="An article-level event: its id (event/a1-e10, "
                                              "as `kg events --format json` gives) or IRI.")],
    second: Annotated[str, typer.Argument(help="Another event, told to be the same happening.")],
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Put two reports in one event cluster, whatever the evidence (kept across re-ingest).

    Example: kg events merge event/a1-e10 event/a2-e25
    """
    _decide_events(first, second, same=True, store=store, config=config)


@events_app.command("split")
def events_split_cmd(
    first: Annotated[str, typer.Argument(help="An article-level event: its id or IRI.")],
    second: Annotated[str, typer.Argument(help="Another event, never to share its cluster.")],
    store: StoreOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Keep two reports out of one event cluster (kept across re-ingest).

    Example: kg events split event/a1-e10 event/a2-e25
    """
    _decide_events(first, second, same=False, store=store, config=config)


def _decide_events(first: str, second: str, *, same: bool, store: str | None,
                   config: Path | None) -> None:
    from kg.identity.events import decide_events, known_events
    from kg.store import open_store

    settings = _settings(config, store)
    with open_store(settings, mode="write") as opened:
        iris = [ref if ref.startswith(("http://", "https://")) else
                f"{settings.base_iri}{ref if ref.startswith('event/') else f'event/{ref}'}"
                for ref in (first, second)]
        missing = [ref for ref, iri in zip((first, second), iris, strict=True)
                   if iri not in known_events(opened, iris, base_iri=settings.base_iri)]
        if missing:
            raise KGError(f"no event {missing[0]!r} in the store; give an id as "
                          f"`kg events --format json` lists them (event/a1-e10) or an IRI")
        decide_events(opened, [(iris[0], iris[1])], same=same, base_iri=settings.base_iri)
    typer.echo(f"{'merged' if same else 'split'} {first!r} and {second!r}")


def _list_clusters(*, least: int, disputed: bool, fmt: ActorsFormat, store: str | None,
                   config: Path | None) -> None:
    from kg.store import open_store
    from kg.timeline import event_clusters, one_per_cluster

    settings = _settings(config, store)
    with open_store(settings, mode="read") as opened:
        found = event_clusters(opened, least=least, disputed=disputed,
                               base_iri=settings.base_iri)
    if fmt is ActorsFormat.json:
        typer.echo(json.dumps([g.model_dump(mode="json") for g in found], indent=1))
        return
    if fmt is ActorsFormat.jsonl:
        for group in found:
            typer.echo(group.model_dump_json())
        return
    for group in found:
        # the report whose time tells the happening best stands for the cluster
        first = one_per_cluster(group.entries).all[0] if group.entries else None
        what = f"{first.display_date}  {first.type}  {first.headline}" if first else ""
        differs = f"  disagree on: {', '.join(group.differs)}" if group.differs else ""
        typer.echo(f"{group.iri}  {group.reports} reports  {what}{differs}")
        for entry in group.entries:
            claims = "; ".join(f"{c.aspect}={c.value}" for c in group.claims
                               if c.report == entry.id)
            source = f" according to {entry.source.name}" if entry.source else ""
            typer.echo(f"    {entry.display_date:<12} {entry.article.citation}{source}: "
                       f"{entry.headline}" + (f"  [{claims}]" if claims else "")
                       + f"  ({entry.id})")  # the id `kg events merge/split` take
    typer.echo(f"({len(found)} clusters)")


@app.command("eval")
def eval_cmd(
    gold: Annotated[list[Path], typer.Argument(
        help="Gold folders, one JSON file per document (the README's 'gold format'); "
             "e.g. gold, the hand-annotated sample.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents per folder."
                                              )] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    errors: Annotated[str | None, typer.Option(
        help="List misses and false positives of a task (timex, entities, events, statements, "
             "statements_derived, identity).")
                      ] = None,
    parse_cache: Annotated[Path | None, typer.Option(
        help="Keep the spaCy parses in this folder and reuse them, so a re-run only costs the "
             "extraction stages (for tuning rules).")] = None,
    by_rule: Annotated[bool, typer.Option(
        "--by-rule", help="Also print, per extraction rule, the events and statements it made "
                          "that match gold (tp) and that do not (fp).")] = False,
    ablate: Annotated[bool, typer.Option(
        "--ablate", help="Also print, per rule, how every score changes when that rule is "
                         "switched off (use with --parse-cache).")] = False,
    rules: Annotated[list[str] | None, typer.Option(
        "--rules", help="With --ablate: only the rules whose name starts with this prefix "
                        "(repeatable), e.g. statements.veto.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Score extraction on gold data: TIMEX, entities, events and statements, per corpus; a
    TimeLine corpus (docs.jsonl and gold.json) scores the cross-document event clusters.

    Example: kg eval gold   (the sample article, annotated by hand)
    """
    from kg.eval import evaluate, render, render_errors
    from kg.eval.clusters import render_clusters, score_clusters, timeline_corpora
    from kg.extract import Pipeline

    pipeline = Pipeline(_settings(config))
    corpora = timeline_corpora(gold)
    for corpus in corpora:
        found = score_clusters(corpus, pipeline=pipeline)
        typer.echo(found.model_dump_json() if as_json else render_clusters(found))
    gold = [g for g in gold if g not in corpora and not (corpora and g in
                                                         {c.parent for c in corpora})]
    if not gold:
        return
    if by_rule or ablate:
        _eval_rules(gold, pipeline, limit=limit, as_json=as_json, parse_cache=parse_cache,
                    by_rule=by_rule, ablate=ablate, prefixes=rules or ())
        return
    report = evaluate(gold, pipeline=pipeline, limit=limit, details=errors is not None,
                      parse_cache=parse_cache)
    typer.echo(report.model_dump_json(indent=2) if as_json else render(report))
    if errors:
        typer.echo(render_errors(report, errors))


def _eval_rules(gold: list[Path], pipeline: Pipeline, *, limit: int | None, as_json: bool,
                parse_cache: Path | None, by_rule: bool, ablate: bool,
                prefixes: Sequence[str]) -> None:
    """Score the gold, then each rule (`--by-rule`) and each rule switched off (`--ablate`)."""
    from kg.eval import render
    from kg.eval.ablate import ablate as run_ablation
    from kg.eval.ablate import render_ablations
    from kg.eval.gold import load_gold
    from kg.eval.rules import render_rules, score_rules
    from kg.eval.run import gold_results, score
    from kg.extract import rule_tables

    started = time.perf_counter()
    docs = load_gold(gold, limit=limit)
    names = [rule.name for table in rule_tables() for rule in table
             if not prefixes or any(rule.name.startswith(p) for p in prefixes)]
    if prefixes and not names:
        raise typer.BadParameter(f"no rule name starts with {list(prefixes)}", param_hint="--rules")
    if ablate:
        report, ablations, results = run_ablation(docs, names, pipeline=pipeline,
                                                  parse_cache=parse_cache)
    else:
        results = list(gold_results(docs, pipeline=pipeline, parse_cache=parse_cache))
        report, ablations = score(docs, results), []
    scores = score_rules(docs, results) if by_rule else []
    report = report.model_copy(update={"seconds": round(time.perf_counter() - started, 2)})
    if as_json:
        typer.echo(json.dumps({"report": report.model_dump(mode="json"),
                               "by_rule": [s.model_dump(mode="json") for s in scores],
                               "ablations": [a.model_dump(mode="json") for a in ablations]},
                              indent=2))
        return
    typer.echo(render(report))
    if by_rule:
        typer.echo("\n" + render_rules(scores))
    if ablate:
        typer.echo("\n" + render_ablations(ablations))


class _Errors:
    """Reports each bad input on one stderr line, counts them, and stops at the first if strict."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.count = 0

    def __call__(self, error: KGError) -> None:
        self.count += 1
        message = str(error)
        # one line per error whatever a file name or record holds (readers escape names already)
        _fail(message if message.isprintable() else
              "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message))
        if self.strict:
            raise typer.Exit(1)

    def exit_if_any(self) -> None:
        if self.count:
            raise typer.Exit(1)


def main() -> None:
    """Run the `kg` command."""
    app()
