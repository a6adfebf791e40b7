"""The ZGW ecosystem (VNG Zaakgericht Werken): decisions as a Besluiten API `besluit`, and
notifications to subscribers after the Notificaties API pattern (signed, retried, stored).

`besluit` and `notificatie` are pure mappings; `bezorging` delivers in the background.
"""
