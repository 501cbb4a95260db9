"""Which hosts an outbound list download may reach: never an internal address, unless the
operator named that host (a mirror inside the network)."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


class BlockedAddressError(ValueError):
    """A URL whose host is not a public address, and not one the operator allowed."""


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Hosts the operator allowed by name (the mirror's); every other host must be public."""

    allowed_hosts: frozenset[str] = frozenset()

    def check(self, url: str) -> None:
        """Raise BlockedAddressError unless `url` may be fetched."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            raise BlockedAddressError(f"{url}: not an http(s) URL")
        if host in self.allowed_hosts:
            return
        if parts.scheme != "https":
            raise BlockedAddressError(f"{url}: a publisher's file is fetched over https only")
        for address in _addresses(host, parts.port or 443):
            if not address.is_global:
                raise BlockedAddressError(
                    f"{url}: {host} resolves to {address}, not a public address"
                )


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    # A name that does not resolve raises OSError: the caller treats it as unreachable.
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0]) for info in infos]
