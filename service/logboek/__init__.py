"""Logboek Dataverwerkingen (Logius): the processing log, as OpenTelemetry spans.

`logboek.Logboek` records; `register` maps soorten to processing activities; `bestand`
writes the records as JSON lines. Used by the services in `service.decisions`.
"""
