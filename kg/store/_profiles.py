"""Server profiles for the remote store (the endpoint paths and limits a server has by default)
and its HTTP authentication (basic or digest, from settings, the environment or `~/.netrc`).

A profile only fills in what is not given: explicit URLs always win.
"""

from __future__ import annotations

import netrc
import os
import re
import urllib.parse
from dataclasses import dataclass

import httpx

from kg.errors import ConfigError


@dataclass(frozen=True)
class Profile:
    """Where a server keeps its endpoints below its base URL, and what it announces."""

    name: str
    query: str | None  # path below the base URL (None: the URL must be given)
    update: str | None
    store: str | None  # Graph Store Protocol path, None: the server has none by default
    union_parameter: bool  # send oxigraph's `union-default-graph` with each query
    row_cap: int | None  # rows a result is cut at when the server does not say so itself
    # with credentials, some servers take them at other paths (Virtuoso's `-auth` endpoints)
    auth_query: str | None = None
    auth_store: str | None = None
    auth_scheme: str = "basic"  # what credentials are sent with when no scheme is chosen


PROFILES = {
    profile.name: profile
    for profile in (
        Profile("oxigraph", "/query", "/update", "/store", union_parameter=True, row_cap=None),
        # base URL: the dataset (`http://host:3030/ds`)
        Profile("fuseki", "/query", "/update", "/data", union_parameter=False, row_cap=None),
        # Virtuoso 7: one endpoint for query and update, SPARQL 1.1 Graph Store at
        # /sparql-graph-crud, results cut at ResultSetMaxRows (10,000 by default)
        Profile("virtuoso", "/sparql", "/sparql", "/sparql-graph-crud", union_parameter=False,
                row_cap=10_000, auth_query="/sparql-auth",
                auth_store="/sparql-graph-crud-auth", auth_scheme="digest"),
        Profile("generic", None, None, None, union_parameter=False, row_cap=None),
    )
}


@dataclass(frozen=True)
class Endpoints:
    """The URLs the remote store talks to."""

    query: str
    update: str
    store: str | None


def profile(name: str) -> Profile:
    """Return a server profile by name.

    Raises:
        ConfigError: If there is no such profile.
    """
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(f"unknown server {name!r}; known: {sorted(PROFILES)}") from None


def endpoints(base: str | None, server: Profile, *, query: str | None = None,
              update: str | None = None, store: str | None = "",
              authenticated: bool = False) -> Endpoints:
    """Fill in the URLs not given from the base URL and the profile (`store=""`: the profile's,
    `store=None`: no Graph Store endpoint).

    Raises:
        ConfigError: If a URL is neither given nor derivable.
    """
    root = base.rstrip("/") if base else None

    def path(given: str | None, plain: str | None, auth: str | None, what: str) -> str:
        if given:
            return given
        chosen = auth if authenticated and auth else plain
        if root is None or chosen is None:
            raise ConfigError(f"the remote store needs a {what} URL: give {what}_url, or an "
                              f"endpoint with a server profile that knows it "
                              f"({', '.join(n for n, p in PROFILES.items() if p.query)})")
        return root + chosen

    query_url = path(query, server.query, server.auth_query, "query")
    update_url = path(update, server.update, server.auth_query, "update")
    if store == "":
        chosen = server.auth_store if authenticated and server.auth_store else server.store
        store_url = root + chosen if root and chosen else None
    else:
        store_url = store
    return Endpoints(query_url, update_url, store_url)


@dataclass(frozen=True)
class Credentials:
    """A user name and password, never shown (`repr` leaves the password out)."""

    user: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password='***')"


def credentials(url: str, user: str | None, password: str | None) -> Credentials | None:
    """Find the credentials for a URL: given, else KG_STORE_USER / KG_STORE_PASSWORD, else the
    `~/.netrc` (or $NETRC) entry for its host.

    Raises:
        ConfigError: If a user is given without a password or the netrc file cannot be read.
    """
    user = user or os.environ.get("KG_STORE_USER") or None
    password = password or os.environ.get("KG_STORE_PASSWORD") or None
    if user and password:
        return Credentials(user, password)
    if user or password:
        raise ConfigError("remote store authentication needs both a user and a password "
                          "(settings user/password, or KG_STORE_USER and KG_STORE_PASSWORD)")
    host = urllib.parse.urlsplit(url).hostname or ""
    path = os.environ.get("NETRC") or os.path.expanduser("~/.netrc")
    if not os.path.isfile(path):
        return None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (OSError, netrc.NetrcParseError) as exc:
        raise ConfigError(f"cannot read {path}: {type(exc).__name__}") from None
    if entry is None or not entry[0] or not entry[2]:
        return None
    return Credentials(entry[0], entry[2])


def auth(scheme: str, found: Credentials | None) -> httpx.Auth | None:
    """Return the httpx authentication for a scheme ("basic", "digest", "none") and credentials.

    Raises:
        ConfigError: If a scheme is asked for without credentials.
    """
    if found is None:
        if scheme != "none":
            raise ConfigError(f"{scheme} authentication asked for, but no user and password "
                              f"were found (settings, KG_STORE_USER/KG_STORE_PASSWORD, ~/.netrc)")
        return None
    if scheme == "digest":
        return httpx.DigestAuth(found.user, found.password)
    return httpx.BasicAuth(found.user, found.password)


_USERINFO = re.compile(r"(?<=//)[^/@\s]*@")


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove user names and passwords from a message: URL user info and every known secret.

    Examples:
        >>> redact("cannot reach http://kg:s3cret@h/q (s3cret)", ("s3cret",))
        'cannot reach http://h/q (***)'
    """
    text = _USERINFO.sub("", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***").replace(urllib.parse.quote(secret, safe=""), "***")
    return text
