"""Where a storefront page miss spends its time: queries and a cProfile of the request, in process.

    .venv/bin/python bench/page_profile.py [--products 2000] [--requests 30] [--top 25]

Seeds the throw-away `storebench` market (as bench/storefront_load.py does), then requests random
product pages and search pages through Django's test client (DEBUG off, page cache off: every
request is a miss, as for a visitor arriving from a search engine), and prints the number of
queries per page and the functions where the time goes. The market is dropped afterwards.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["ASOUD_PAGE_CACHE"] = "false"

import storefront_load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    storefront_load.django_setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    storefront_load.market_fill(args.products)
    try:
        client = Client(HTTP_HOST=storefront_load.HOST)
        pages = {
            "product (random)": lambda: f"/p/bulk-{random.randint(0, args.products - 1)}/",
            "search (random word)": lambda: f"/search/?q={random.choice(['saffron', 'tea', 'rug', 'pistachio'])}",
        }
        for name, url in pages.items():
            client.get(url())  # warm the process-wide caches
            profiler = cProfile.Profile()
            queries = []
            started = time.perf_counter()
            for _ in range(args.requests):
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    profiler.enable()
                    response = client.get(url())
                    profiler.disable()
                assert response.status_code == 200, response.status_code
                queries.append(len(captured))
            elapsed = (time.perf_counter() - started) / args.requests
            print(f"\n== {name}: {elapsed * 1000:.1f} ms a request, {max(queries)} queries at most ==")
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())
    finally:
        storefront_load.market_drop()


if __name__ == "__main__":
    main()
