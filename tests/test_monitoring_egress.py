"""Which addresses a webhook may reach: public ones, and what the operator allows; never the
cloud's metadata service. Addresses are written as IP literals, so no DNS is needed."""

from __future__ import annotations

import ipaddress

import pytest

from screening.egress import (
    AddressRefusedError,
    EgressPolicy,
    HostNotFoundError,
    is_public,
    resolve_destination,
)

NOT_PUBLIC = [
    "127.0.0.1",  # loopback
    "127.8.9.10",
    "10.1.2.3",  # private
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # link-local: the metadata service
    "100.64.0.1",  # shared address space (carrier-grade NAT)
    "100.100.100.200",  # Alibaba Cloud's metadata service
    "0.0.0.0",  # unspecified: reaches this host
    "224.0.0.1",  # multicast
    "::1",
    "fe80::1",
    "fc00::1",  # unique local
    "fd00:ec2::254",  # AWS metadata over IPv6
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "64:ff9b::808:808"]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_a_url_naming_an_internal_address_is_refused(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(AddressRefusedError, match="resolves to a non-public address"):
        resolve_destination(f"https://{host}/hooks", EgressPolicy())


def test_an_allowed_network_lets_its_addresses_through() -> None:
    policy = EgressPolicy.parse(["10.20.0.0/16", "192.168.1.5"])
    assert resolve_destination("http://10.20.3.4:8080/erp", policy).addresses == ("10.20.3.4",)
    assert resolve_destination("http://192.168.1.5/erp", policy).addresses == ("192.168.1.5",)
    with pytest.raises(AddressRefusedError, match="private"):
        resolve_destination("http://10.21.0.1/erp", policy)


def test_the_metadata_service_is_refused_even_inside_an_allowed_range() -> None:
    policy = EgressPolicy.parse(["169.254.0.0/16"])
    with pytest.raises(AddressRefusedError, match="cloud metadata"):
        resolve_destination("http://169.254.169.254/latest/meta-data/", policy)


def test_an_allowed_host_name_and_its_subdomains() -> None:
    policy = EgressPolicy.parse(["erp.intra.example", ".corp.example"])
    assert policy.allows_host("ERP.intra.example")
    assert policy.allows_host("a.b.corp.example")
    assert not policy.allows_host("evil-corp.example")
    assert not policy.allows_host("intra.example")


def test_a_host_that_does_not_resolve_is_told_apart() -> None:
    with pytest.raises(HostNotFoundError):
        resolve_destination("https://no-such-host.invalid/hooks", EgressPolicy())


@pytest.mark.parametrize("entry", ["10.0.0.0/33", "erp host", "http://erp.example", "a/b"])
def test_a_malformed_allow_entry_is_named(entry: str) -> None:
    with pytest.raises(ValueError, match="neither a host name nor an IP address or CIDR"):
        EgressPolicy.parse([entry])
