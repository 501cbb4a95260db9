"""One HTTP POST to a checked destination, connected to the address that was checked.

http.client over a socket opened to the pinned address: the Host header, TLS server name and
certificate check use the URL's host name, but no second DNS look-up happens. Redirects are never
followed (a 3xx is an answer like any other): the signed body goes to the URL the tenant gave or
nowhere, and a redirect cannot lead the server to an internal address.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Mapping
from urllib.parse import urlsplit

from screening.egress import Destination

MAX_RESPONSE_BYTES = 64 * 1024  # read and dropped: a receiver's answer is never stored


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, destination: Destination, address: str, timeout: float) -> None:
        super().__init__(destination.host, destination.port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, destination: Destination, address: str, timeout: float) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(destination.host, destination.port, timeout=timeout, context=self._tls)
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        try:
            self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise


def post_pinned(
    destination: Destination, url: str, body: bytes, headers: Mapping[str, str], timeout: float
) -> int:
    """POST `body` to `url` through `destination`'s checked addresses, in turn until one
    connects; the HTTP status. OSError (and its kin) when none can be reached."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _PinnedHTTPSConnection if destination.scheme == "https" else _PinnedHTTPConnection
    last_error: OSError = OSError("the host has no address")
    for address in destination.addresses:
        connection = kind(destination, address, timeout)
        try:
            connection.request("POST", target, body=body, headers=dict(headers))
            response = connection.getresponse()
            response.read(MAX_RESPONSE_BYTES)
            return int(response.status)
        except ConnectionRefusedError as error:
            last_error = error  # the next address may answer
        finally:
            connection.close()
    raise last_error
