"""The load test's client, run as its own process: `python -m benchmarks.loadclient ...`.

Threads, one keep-alive http.client connection each, against 127.0.0.1 only, for a fixed time
and at most a fixed number of requests. Prints one JSON object: requests, req/s, p50/p99 in ms,
non-2xx responses and connection errors.
"""

import argparse
import http.client
import json
import threading
import time

MAX_REQUESTS = 500_000


def worker(port: int, path: str, cookie: str, deadline: float, results: list, lock) -> None:
    latencies, non_2xx, errors = [], 0, 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie, "Host": "127.0.0.1"}
    while time.perf_counter() < deadline and len(latencies) < MAX_REQUESTS:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
        if not 200 <= response.status < 300:
            non_2xx += 1
    connection.close()
    with lock:
        results.append((latencies, non_2xx, errors))


def drive(port: int, path: str, cookie: str, duration: float, connections: int) -> dict:
    results, lock = [], threading.Lock()
    started = time.perf_counter()
    deadline = started + duration
    threads = [threading.Thread(target=worker, args=(port, path, cookie, deadline, results, lock))
               for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(x for result in results for x in result[0])

    def pct(share: float) -> float:
        if not latencies:
            return 0.0
        return round(latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000, 1)

    return {"requests": len(latencies), "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": pct(0.50), "p99_ms": pct(0.99),
            "non_2xx": sum(r[1] for r in results), "errors": sum(r[2] for r in results)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--cookie", required=True)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    print(json.dumps(drive(args.port, args.path, args.cookie, min(args.duration, 120.0),
                           min(args.connections, 64))))


if __name__ == "__main__":
    main()
