"""Reading settings from environment variables, with one clear error for a bad value."""

import os
import socket
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from error


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


_SMTP_SCHEMES = {
    "smtp": (False, False),  # plain SMTP (a relay on a private network)
    "smtp+tls": (True, False),  # STARTTLS, usually port 587
    "smtp+ssl": (False, True),  # TLS from the first byte, usually port 465
    "smtps": (False, True),
}


def parse_email_url(url: str) -> dict[str, object]:
    """EMAIL_URL → Django's EMAIL_* settings. smtp://user:pass@host:port, smtp+tls://… (STARTTLS)
    or smtp+ssl://… (implicit TLS). User and password are URL-decoded, so quote ':' '@' '/'."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in _SMTP_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtp+tls:// or smtp+ssl://, not {parts.scheme!r}."
        )
    if not parts.hostname:
        raise ImproperlyConfigured(
            "EMAIL_URL must name a host, e.g. smtp+tls://user:pass@smtp.example.com:587."
        )
    use_tls, use_ssl = _SMTP_SCHEMES[parts.scheme]
    default_port = 465 if use_ssl else 587 if use_tls else 25
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or default_port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


_ALL_INTERFACES = {"", "0.0.0.0", "::", "[::]"}  # noqa: S104 - recognised, not bound to


def lan_address() -> str:
    """This machine's address on its network (the one another machine reaches it by), without
    sending anything: a UDP socket only picks its route. The host name when there is no route."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never answers, and nothing is sent
            return str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()


def dev_server(host: str, port: str, *, lan: Callable[[], str] = lan_address) -> tuple[str, list[str]]:
    """`make run`'s HOST and PORT → the SITE_URL e-mailed links point at, and the host names the
    development server must answer to besides localhost. Bound to every interface (0.0.0.0, ::),
    links name this machine's network address and any host name is accepted (development only)."""
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ImproperlyConfigured(f"PORT must be a port number (1-65535), not {port!r}.")
    host = host.strip()
    if host in _ALL_INTERFACES:
        return f"http://{_url_host(lan())}:{int(port)}", ["*"]
    return f"http://{_url_host(host)}:{int(port)}", [_url_host(host)]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
