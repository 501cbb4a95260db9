"""The HTTP protocol `screening serve` runs under uvicorn: uvicorn's own (httptools), a
response's status line and headers sent to the socket with its body, one send rather than two.

uvicorn writes a response's head, then its body, each to the transport, which sends each at
once: two system calls a request (on loopback the receiving side's processing is in them too),
~7% of a serving process's CPU under single screens. The protocol here hands uvicorn's a
transport that holds a small write until the next one or the end of the event loop's turn; the
body follows its head within the same turn, so they go out together. Nothing else of uvicorn's
is changed: the protocol is its class with another transport, through asyncio's Transport
interface only.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# A write this long or longer goes out at once (and any held before it): a head is far
# shorter, and a large body's writes are not held, so uvicorn's flow control sees them as it
# would (its transport's buffer is what pauses it).
HOLD_BELOW_BYTES = 16 * 1024


class HeadWithBody(asyncio.Transport):
    """A connection's transport that holds one short write until the next write (sent joined
    with it) or the end of the event loop's turn; closing sends what it holds first."""

    __slots__ = ("_held", "_loop", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport = transport
        self._loop = loop
        self._held: bytes | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        held = self._held
        if held is not None:
            self._held = None
            self._transport.write(held + data)
        elif len(data) < HOLD_BELOW_BYTES:
            self._held = bytes(data)
            self._loop.call_soon(self._send_held)
        else:
            self._transport.write(data)

    def _send_held(self) -> None:
        held = self._held
        if held is not None:
            self._held = None
            if not self._transport.is_closing():
                self._transport.write(held)

    def writelines(self, list_of_data: Any) -> None:
        self.write(b"".join(list_of_data))

    def close(self) -> None:
        self._send_held()
        self._transport.close()

    def write_eof(self) -> None:
        self._send_held()
        self._transport.write_eof()

    def abort(self) -> None:
        self._held = None
        self._transport.abort()

    def can_write_eof(self) -> bool:
        return self._transport.can_write_eof()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._transport.get_protocol()

    def is_reading(self) -> bool:
        return self._transport.is_reading()

    def pause_reading(self) -> None:
        self._transport.pause_reading()

    def resume_reading(self) -> None:
        self._transport.resume_reading()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self._transport.set_write_buffer_limits(high, low)

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + len(self._held or b"")

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._transport.get_write_buffer_limits()


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, its responses' heads sent with their bodies."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(HeadWithBody(transport, self.loop))


# uvicorn's `http` setting: a class path, so that the processes it spawns import it too.
HTTP_PROTOCOL = f"{__name__}:{HttpProtocol.__name__}"
