#!/usr/bin/env python3
"""Publish one web_scrape source and one job of it to sync-view's topics, then list the
tenant's examples-db through the read API, passing both records' positions so the answer
already holds them.

    python3 examples/python/publish_source_and_job.py \\
        --bootstrap localhost:9092 --api http://localhost:8080 --token "$TOKEN" --tenant acme

Needs kafka-python: `apt-get install python3-kafka` (Debian) or `pip install kafka-python`.
The values follow schemas/sync.sources.schema.json and schemas/sync.jobs.schema.json.
"""
import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timezone

from kafka import KafkaProducer

SOURCES = "sync.sources"
JOBS = "sync.jobs"
DATABASE = "examples-db"


def position(metadata):
    return f"{metadata.topic}:{metadata.partition}:{metadata.offset}"


def get(url, token, attempts=5):
    """A 503 means the view has not reached the positions yet: wait as told and ask again."""
    request = urllib.request.Request(url, headers={"x-chroma-token": token})
    for attempt in range(1, attempts + 1):
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            if e.code != 503 or attempt == attempts:
                return e.code, e.read().decode("utf-8")
            time.sleep(int(e.headers.get("Retry-After", "1")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="localhost:9092")
    parser.add_argument("--api", default="http://localhost:8080")
    parser.add_argument("--token", required=True)
    parser.add_argument("--tenant", required=True)
    args = parser.parse_args()

    source_id = str(uuid.uuid4())
    job_id = str(uuid.uuid4())
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    # Each value is a full snapshot; the record key is the entity id, so compaction keeps the last.
    source = {
        "id": source_id,
        "tenant": args.tenant,
        "database_name": DATABASE,
        "created_at": now,
        "version": 1,
        "web_scrape": {"starting_url": "https://docs.trychroma.com", "max_depth": 2},
    }
    job = {
        "id": job_id,
        "tenant": args.tenant,
        "source_id": source_id,
        "created_at": now,
        "version": 1,
        "status": "pending",
        "target_collection_name": "pages",
    }

    producer = KafkaProducer(
        bootstrap_servers=args.bootstrap,
        acks="all",
        key_serializer=str.encode,
        value_serializer=lambda value: json.dumps(value).encode("utf-8"),
    )
    try:
        source_at = position(producer.send(SOURCES, key=source_id, value=source).get(timeout=30))
        job_at = position(producer.send(JOBS, key=job_id, value=job).get(timeout=30))
    finally:
        producer.close()
    print(f"source {source_id} at {source_at}")
    print(f"job    {job_id} at {job_at}")

    # Both positions: a job is listed only once its source is applied too, and the two topics
    # are applied independently.
    query = urllib.parse.urlencode(
        [("database_name", DATABASE), ("min_position", source_at), ("min_position", job_at)])
    path = f"/api/v1/sources?{query}"
    status, body = get(args.api + path, args.token)
    print(f"GET {path} -> {status}")
    print(body)
    return 0 if status == 200 and job_id in body else 1


if __name__ == "__main__":
    sys.exit(main())
