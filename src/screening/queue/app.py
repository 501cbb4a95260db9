"""The Celery application: broker, queue and the delivery guarantees a chunk of a job relies on.

A chunk is acknowledged only after its results are in the database (acks late), so a worker that
dies mid-chunk leaves the message unacknowledged and the broker hands it to another worker:
- RabbitMQ (amqp://) at once, when the dead worker's connection drops;
- Redis (redis://) once the message has gone unacknowledged for the visibility timeout. That
  timeout is short (30 s by default) because a worker running a task keeps its message's
  delivery time current (screening.queue.heartbeat): a long chunk is never handed out twice,
  a dead worker's chunk is back within about 30 to 40 seconds.
Results never travel through Celery: they land in the database.
"""

from __future__ import annotations

from celery import Celery
from kombu.connection import Connection

from screening.config import Settings

START_JOB_TASK = "screening.start_job"
SCREEN_CHUNK_TASK = "screening.screen_chunk"
UNACKED_INDEX = "unacked_index"  # kombu's Redis sorted set: delivery tag -> delivery time
BROKER_PING_SECONDS = 2.0
AMQP_HEARTBEAT_SECONDS = 20  # a worker's machine lost without a word is noticed this fast


def queue_name(settings: Settings) -> str:
    """The deployment's queue: deployments (and test runs) sharing a broker never meet."""
    return f"{settings.queue_prefix}.chunks"


def is_redis(broker_url: str) -> bool:
    return broker_url.startswith(("redis://", "rediss://", "redis+socket://"))


def redis_key_prefix(settings: Settings) -> str:
    return f"{settings.queue_prefix}:"


def broker_transport_options(settings: Settings) -> dict[str, object]:
    if not is_redis(settings.broker_url):
        return {}
    timeout = settings.queue_visibility_timeout
    return {
        "global_keyprefix": redis_key_prefix(settings),
        "visibility_timeout": timeout,
        # Workers sweep for messages of lost workers; sweep often enough that a lost chunk waits
        # about one visibility timeout, not the default 100 s on top.
        "unacked_restore_interval": max(1.0, min(10.0, timeout / 6)),
        "unacked_restore_throttle": 1,
    }


def ping_broker(broker_url: str) -> None:
    """Connect to the broker once; raises (kombu's OperationalError) if it cannot be reached."""
    connection = Connection(broker_url, connect_timeout=BROKER_PING_SECONDS)  # type: ignore[no-untyped-call]
    with connection:
        connection.ensure_connection(  # type: ignore[no-untyped-call]
            max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_PING_SECONDS
        )


def create_celery(settings: Settings) -> Celery:
    """The Celery app for `settings.broker_url` (tasks registered by screening.queue.tasks)."""
    app = Celery("screening", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        broker_transport_options=broker_transport_options(settings),
        broker_connection_retry_on_startup=True,
        broker_heartbeat=AMQP_HEARTBEAT_SECONDS,
        task_default_queue=queue_name(settings),
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        # A worker that loses the broker stops its chunks: they are redelivered, not half-acked.
        worker_cancel_long_running_tasks_on_connection_loss=True,
        worker_send_task_events=False,
    )
    return app
