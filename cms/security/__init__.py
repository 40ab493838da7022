"""Security and data-integrity rules shared by every app (issue 15): safe CSV export and import,
response headers, staff sessions, protection of Site and section roots, mail in production.

See docs/security.md for what applies where.
"""
