"""gunicorn settings for the web processes: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.
Every value can be changed from the environment (GUNICORN_*), see the README's production section."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Processes × threads: each process is one Python interpreter; threads serve requests that wait
# on the database. Rule of thumb: 2 × cores processes, 2–4 threads each.
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
# A request taking longer than this is killed (and logged); no page should take seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (systemd stop, a deploy) each process finishes its requests for up to this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle each process after this many requests (with jitter, so they do not all restart at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# No access log: URL paths can carry link tokens. Mentora logs one line per request itself, with
# the route pattern instead of the path (LOG_FORMAT=json for JSON lines).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the proxy in front (loopback by default).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# No runtime control socket (gunicornc): systemd's signals are how processes are managed here, and
# the units' file system is read-only outside var/.
control_socket_disable = True
