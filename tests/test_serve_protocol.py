"""`screening serve`'s HTTP protocol: a response's head goes to the socket with its body, and
what the app answers is what uvicorn's own protocol answers, byte for byte."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import uvicorn

from screening.commands.serve_protocol import HOLD_BELOW_BYTES, HeadWithBody

HEAD = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n"

T = TypeVar("T")


def _run_on_own_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on a thread of its own: the test worker's main thread may hold another
    test's running loop (the page tests' Playwright, kept for the whole session)."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(asyncio.run(coroutine))
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def _readable(peer: socket.socket) -> bytes:
    try:
        return peer.recv(1 << 20)
    except BlockingIOError:
        return b""


async def _over_socket(check: Callable[[HeadWithBody, socket.socket], Awaitable[None]]) -> None:
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    loop = asyncio.get_running_loop()
    transport, _ = await loop.connect_accepted_socket(asyncio.Protocol, ours)
    try:
        await check(HeadWithBody(transport, loop), peer)  # type: ignore[arg-type]
    finally:
        transport.close()
        peer.close()


async def _settle(peer: socket.socket) -> bytes:
    for _ in range(50):
        await asyncio.sleep(0.01)
        received = _readable(peer)
        if received:
            return received
    return b""


def test_a_head_goes_out_with_the_body_written_after_it() -> None:
    async def check(transport: HeadWithBody, peer: socket.socket) -> None:
        transport.write(HEAD)
        assert _readable(peer) == b""  # held while the event loop's turn lasts
        transport.write(b"hello")
        assert await _settle(peer) == HEAD + b"hello"

    _run_on_own_thread(_over_socket(check))


def test_a_write_alone_goes_out_when_the_turn_ends() -> None:
    async def check(transport: HeadWithBody, peer: socket.socket) -> None:
        transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        assert await _settle(peer) == b"HTTP/1.1 100 Continue\r\n\r\n"

    _run_on_own_thread(_over_socket(check))


def test_a_large_write_is_not_held_and_keeps_the_order() -> None:
    large = b"x" * HOLD_BELOW_BYTES

    async def check(transport: HeadWithBody, peer: socket.socket) -> None:
        transport.write(large)
        transport.write(HEAD)
        transport.write(large)
        received = b""
        while len(received) < 2 * len(large) + len(HEAD):
            received += await _settle(peer)
        assert received == large + HEAD + large

    _run_on_own_thread(_over_socket(check))


def test_closing_sends_what_is_held_first() -> None:
    async def check(transport: HeadWithBody, peer: socket.socket) -> None:
        transport.write(HEAD)
        transport.close()
        assert await _settle(peer) == HEAD

    _run_on_own_thread(_over_socket(check))


async def _hello(scope: dict, receive: Callable, send: Callable) -> None:  # type: ignore[type-arg]
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", b"5")],
        }
    )
    await send({"type": "http.response.body", "body": b"hello"})


def _answers(http: str, requests: bytes) -> bytes:
    """What a uvicorn server with protocol `http` answers `requests` on one connection."""

    async def serve_and_ask() -> bytes:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        config = uvicorn.Config(_hello, http=http, log_level="warning", date_header=False)
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve(sockets=[listener]))
        while not server.started:
            await asyncio.sleep(0.01)
        reader, writer = await asyncio.open_connection(*listener.getsockname())
        writer.write(requests)
        answer = await reader.read()  # the last request closes the connection
        writer.close()
        server.should_exit = True
        await task
        return answer

    return _run_on_own_thread(serve_and_ask())


def test_uvicorn_answers_as_with_its_own_protocol() -> None:
    requests = (
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    ours = _answers("screening.commands.serve_protocol:HttpProtocol", requests)
    assert ours == _answers("httptools", requests)
    assert ours.count(b"hello") == 3
