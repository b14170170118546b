"""A small asyncio HTTP/1.1 client for the benches (loopback only): one connection per request, as gunicorn's
sync workers close each connection anyway. Cheap enough not to compete with the server for the CPU."""

import asyncio
import time


async def http_request(
    port: int, method: str, path: str, *, headers: dict | None = None, body: bytes = b"", timeout: float = 30
) -> tuple[int, bytes, float]:
    """(status, body, seconds) of one request to 127.0.0.1:``port``."""
    started = time.perf_counter()
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        raw = await asyncio.wait_for(reader.read(-1), timeout)
    finally:
        writer.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head else 0
    if b"transfer-encoding: chunked" in head.lower():
        payload = _unchunk(payload)
    return status, payload, time.perf_counter() - started


def _unchunk(data: bytes) -> bytes:
    out, position = [], 0
    while True:
        end = data.index(b"\r\n", position)
        size = int(data[position:end].split(b";")[0], 16)
        if size == 0:
            return b"".join(out)
        out.append(data[end + 2 : end + 2 + size])
        position = end + 4 + size


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]
