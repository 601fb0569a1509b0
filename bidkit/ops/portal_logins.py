"""E-tendering portal logins, one per bid: site, user name and password, in the keyring only.

Nothing of a login is written to the database, the settings, the logs, backups or exports: the
keyring holds it under a name made of the workspace's own random id and the bid's id, so two
workspaces never share one. Without a secure keyring BidKit says so and stores nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bidkit.errors import InputRefused
from bidkit.ops.changes import Changes
from bidkit.store.queries import get_bid
from bidkit.store.secrets import delete_secret, get_secret, set_secret
from bidkit.store.workspace import Workspace

MAX_FIELD = 500


@dataclass(frozen=True)
class PortalLogin:
    site: str
    user: str
    password: str


def _key(ws: Workspace, bid_id: int) -> str:
    from bidkit.ops.bid_overview import calendar_namespace

    return f"portal-login/{calendar_namespace(ws)}/bid-{bid_id}"


def _check_bid(ws: Workspace, bid_id: int) -> None:
    with ws.session() as session:
        get_bid(session, bid_id)


def save_portal_login(ws: Workspace, bid_id: int, site: str, user: str, password: str) -> Changes:
    """Keep the bid's portal login in the keyring (replacing any earlier one)."""
    _check_bid(ws, bid_id)
    site, user = site.strip(), user.strip()
    if not site or not user or not password:
        raise InputRefused("A portal login needs the site, the user name and the password.")
    for what, value in (("site", site), ("user name", user), ("password", password)):
        if len(value) > MAX_FIELD or any(ord(c) < 32 for c in value):
            raise InputRefused(f"That {what} is too long or holds control characters.")
    set_secret(_key(ws, bid_id), json.dumps({"site": site, "user": user, "password": password}))
    return Changes(note="Portal login kept in the system keyring")


def portal_login(ws: Workspace, bid_id: int) -> PortalLogin | None:
    """The bid's portal login, read from the keyring when asked for (None if there is none)."""
    _check_bid(ws, bid_id)
    raw = get_secret(_key(ws, bid_id))
    if not raw:
        return None
    try:
        value = json.loads(raw)
        return PortalLogin(str(value["site"]), str(value["user"]), str(value["password"]))
    except (ValueError, KeyError, TypeError):
        return None


def forget_portal_login(ws: Workspace, bid_id: int) -> Changes:
    """Remove the bid's portal login from the keyring (the user's action: the bid must exist)."""
    _check_bid(ws, bid_id)
    return drop_portal_login(ws, bid_id)


def drop_portal_login(ws: Workspace, bid_id: int) -> Changes:
    """Remove any login kept for `bid_id`, whose bid may already be deleted."""
    delete_secret(_key(ws, bid_id))
    return Changes(note="Portal login removed from the system keyring")
