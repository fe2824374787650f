"""The benchmark (`make bench`, `make bench-check`, `make bench-export`): a data set built in bulk at
two sizes, pages measured over HTTP against gunicorn with the production settings, and targets.
Nothing here is used by the product; `config.settings.bench` is the only way in."""
