"""Where `imss-tui serve` listens: the address tried before indexing, and what to say.

A port in use, an unknown host or an address of another machine is found by binding (and
releasing) it before minutes of indexing, not after. textual-serve has no authentication, so
any address but loopback earns a warning.
"""

from __future__ import annotations

import errno
import ipaddress
import socket

from core.i18n import _
from tui.cli.common import UsageError

#: Hosts that mean "every interface of this machine": no browser can reach them by that name.
_WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


def listen_addresses(host: str, port: int) -> list[str]:
    """The addresses a server on `host:port` would bind, each tried now (and released), so a
    port in use or a foreign address is reported before minutes of indexing, not after.

    Binds the way asyncio's `create_server` does (SO_REUSEADDR, IPv6 sockets IPv6-only).
    Raises UsageError with the reason.
    """
    where = f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError) as err:
        message = _("--host {host}: not a known host name or address ({reason})")
        raise UsageError(message.format(host=repr(host), reason=err)) from None
    addresses: list[str] = []
    for family, kind, proto, _name, address in infos:
        try:
            sock = socket.socket(family, kind, proto)
        except OSError:
            continue  # a family this machine lacks (IPv6 off): asyncio skips it too
        with sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as err:
                raise UsageError(bind_error(where, err)) from None
        addresses.append(str(address[0]))
    if not addresses:
        raise UsageError(_("cannot listen on {where}: no usable address").format(where=where))
    return addresses


def bind_error(where: str, err: OSError) -> str:
    """One line saying why the server cannot listen on `where`."""
    reasons = {
        errno.EADDRINUSE: _("the port is in use (another server? try --port)"),
        errno.EADDRNOTAVAIL: _("not an address of this machine"),
        errno.EACCES: _("permission denied (ports below 1024 need privileges)"),
    }
    reason = reasons.get(err.errno or 0, err.strerror or str(err))
    return _("cannot listen on {where}: {reason}").format(where=where, reason=reason)


def exposure_warning(host: str, port: int, addresses: list[str]) -> str | None:
    """What to say when other machines can connect: anything but loopback addresses."""
    if all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        return None
    return _(
        "warning: serving on {host}:{port}, which other machines can reach. There is no "
        "authentication: anyone who reaches it reads these bulletins and runs the explorer as "
        "this user (its export writes files here)."
    ).format(host=host, port=port)


def public_url(host: str, port: int, explicit: str | None = None) -> str:
    """Where browsers find the server; the page's websocket and files are addressed from it."""
    if explicit:
        return explicit.rstrip("/")
    name = socket.gethostname() if host in _WILDCARD_HOSTS else host
    if ":" in name:  # an IPv6 literal goes in brackets in a URL
        name = f"[{name}]"
    return f"http://{name}:{port}"
