"""The benchmark's web server and runner (`make bench`): the production settings, with one more
URL, the bare view the pages are compared with. Never used to serve anyone."""

import os

# The benchmark is one process, so a local-memory cache is honest there when no Redis answers;
# production proper refuses to start without REDIS_URL.
os.environ["MENTORA_BENCHMARK"] = "1"

from .production import *  # noqa: F403

ROOT_URLCONF = "mentora.demo.bench.urls"
