"""Where the server may send a webhook: public addresses, and what the operator allows.

A tenant names the URL, so without a check a tenant could make the server POST to its own
loopback, the private network or the cloud's metadata service (SSRF). A URL's host is resolved
once and every address it gives must be public (or allowed by SCREENING_WEBHOOK_ALLOW, host
names or CIDRs, for intranet ERPs); the connection then goes to that checked address and no other,
so a name that resolves differently a moment later (DNS rebinding) changes nothing. Cloud metadata
addresses are refused even when an allowed range contains them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Instance metadata services: AWS, GCP, Azure, OpenStack (169.254.169.254), AWS over IPv6,
# Alibaba Cloud, Oracle Cloud's older address. Never a webhook's target, whatever is allowed.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "192.0.0.192")
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # an IPv4 address wrapped in IPv6 by a gateway


class AddressRefusedError(ValueError):
    """The URL's host is, or resolves to, an address webhooks may not reach."""


class HostNotFoundError(LookupError):
    """The URL's host does not resolve."""


@dataclass(frozen=True, slots=True)
class EgressPolicy:
    """Which non-public destinations the operator allows: host names (exact, or `.suffix` for
    every name under it) and networks (a CIDR, or one address)."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> EgressPolicy:
        """From SCREENING_WEBHOOK_ALLOW's items: `erp.intra.example`, `.intra.example`,
        `10.20.0.0/16`, `192.168.1.5`, `[fd12::1]`. ValueError names a bad item."""
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for raw in entries:
            entry = raw.strip().strip("[]").lower()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
                continue
            except ValueError:
                pass
            if "/" in entry or not _looks_like_host_name(entry):
                raise ValueError(f"{raw!r} is neither a host name nor an IP address or CIDR")
            hosts.add(entry)
        return cls(frozenset(hosts), tuple(networks))

    def allows_host(self, host: str) -> bool:
        name = host.lower().rstrip(".")
        return name in self.hosts or any(
            entry.startswith(".") and name.endswith(entry) for entry in self.hosts
        )

    def allows_address(self, address: IPAddress) -> bool:
        if address in METADATA_ADDRESSES:
            return False
        return is_public(address) or any(address in network for network in self.networks)


def is_public(address: IPAddress) -> bool:
    """A globally routable unicast address. Loopback, private, link-local, shared (CGNAT),
    reserved, multicast and unspecified addresses are not; nor is an IPv6 address that carries
    an IPv4 one (mapped, NAT64, 6to4, Teredo) unless that IPv4 address is public."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
    return bool(address.is_global) and not address.is_multicast


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def _looks_like_host_name(entry: str) -> bool:
    labels = entry.lstrip(".").split(".")
    return all(label and len(label) <= 63 for label in labels) and all(
        c.isalnum() or c in "-." for c in entry
    )


@dataclass(frozen=True, slots=True)
class Destination:
    """A URL's host and port with the addresses it resolved to, all checked."""

    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]


def url_host_port(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL; ValueError if it has none."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an absolute http:// or https:// URL")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.scheme, parts.hostname, port


def resolve_destination(url: str, policy: EgressPolicy) -> Destination:
    """Resolve the URL's host once and check every address it gives.

    AddressRefusedError when any address is not allowed: a name that answers with a public and
    a private address is refused whole, since any of them could be the one connected to.
    HostNotFoundError when the name does not resolve.
    """
    scheme, host, port = url_host_port(url)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise HostNotFoundError(host) from error
    addresses = tuple(dict.fromkeys(str(item[4][0]) for item in found))
    host_allowed = policy.allows_host(host)
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if address in METADATA_ADDRESSES or not (host_allowed or policy.allows_address(address)):
            raise AddressRefusedError(f"{host} resolves to a non-public address ({kind(address)})")
    return Destination(scheme, host, port, addresses)


def kind(address: IPAddress) -> str:
    """What sort of address it is, for the error a tenant reads (never the address itself)."""
    if isinstance(address, ipaddress.IPv6Address):
        address = _embedded_ipv4(address) or address
    if address in METADATA_ADDRESSES:
        return "cloud metadata"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_private:
        return "private"
    if address.is_multicast:
        return "multicast"
    return "reserved"
