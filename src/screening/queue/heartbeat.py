"""A running task keeps its Redis message from being handed to another worker.

Kombu's Redis transport emulates acknowledgement: a delivered message waits in a sorted set with
its delivery time, and any worker puts it back on the queue once that time is older than the
visibility timeout. A chunk's worker that is alive and busy must not lose its chunk that way; one
that died must lose it soon. So while a task runs, a thread of the worker process moves its
message's delivery time to now every third of the timeout: a killed worker stops moving it, and
its chunk is back on the queue one timeout later, however long chunks take.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis

log = logging.getLogger(__name__)

_clients: dict[str, redis.Redis] = {}
_clients_lock = threading.Lock()


def _client(broker_url: str) -> redis.Redis:
    with _clients_lock:
        client = _clients.get(broker_url)
        if client is None:
            client = _clients[broker_url] = redis.Redis.from_url(broker_url)
        return client


@contextmanager
def kept_visible(
    broker_url: str, unacked_index: str, delivery_tag: str | None, visibility_timeout: float
) -> Iterator[None]:
    """Within the block, refresh the message's delivery time every `visibility_timeout / 3`
    seconds (only if it is still there: XX never brings back a message acknowledged or
    already returned to the queue)."""
    if not delivery_tag:
        yield
        return
    stop = threading.Event()
    every = max(0.5, visibility_timeout / 3)

    def beat() -> None:
        client = _client(broker_url)
        while not stop.wait(every):
            try:
                client.zadd(unacked_index, {delivery_tag: time.time()}, xx=True)
            except redis.RedisError as error:  # one missed beat is harmless; the next may pass
                log.warning("could not keep message %s visible: %s", delivery_tag, error)

    thread = threading.Thread(target=beat, name="message-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)
