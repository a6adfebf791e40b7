"""The werkbank: server-rendered web pages for reviewers, officers and policy staff.

Mounted at /werkbank/ by `service.api.app` as its own FastAPI sub-application
(`app.maak_werkbank`), with its own session cookie, CSRF check, security headers and HTML
error pages. Pages are Jinja2 templates; there is no JavaScript and nothing is loaded from
another host (the Content-Security-Policy forbids it).

Adding a page (e.g. /werkbank/regels/):

1. A module `service/werkbank/<naam>.py` with `router = APIRouter()` and a route that asks
   for the logged-in principal and renders a template:

       @router.get("/regels", name="regels")
       async def regels(request: Request, principal: Ingelogd, omgeving: OmgevingDep) -> Response:
           gegevens = <a service in service.decisions (or below) that checks access>
           return toon(request, "regels.html", gegevens=gegevens)

   `Ingelogd` sends anonymous visitors to the login page; ask `service.decisions.toegang`
   (or a service that does) whether this principal may see what the page shows — never
   decide access in the page, and never query the repository or write audit rows here
   (import-linter refuses both).
2. A template `templates/<naam>.html` that starts with `{% extends "basis.html" %}` and fills
   the blocks `titel` and `inhoud` (one `<h1>`). A form that changes something posts
   `<input type="hidden" name="csrf_token" value="{{ csrf_token }}">`, and its route adds
   `dependencies=[CsrfGecontroleerd]`.
3. Register the router in `PAGINAS` in `app.py`, and (if it belongs in the main menu) a
   `Menu` entry in `navigatie.py`, with who sees it.
4. A browser test in tests/werkbank/ that opens the page and runs the axe check
   (`geen_ernstige_schendingen`), like the existing ones.
"""
