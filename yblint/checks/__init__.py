"""One module a check; each registers itself with ``yblint.check.register_check``/``register_type``."""
