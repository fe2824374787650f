"""The benchmark's web server and runner (`make bench`): the production settings, with one more
URL, the bare view the pages are compared with. Never used to serve anyone."""

from .production import *  # noqa: F403

ROOT_URLCONF = "mentora.demo.bench.urls"
