"""The web page at /ui/: plain HTML and JavaScript over the REST API, no build step, nothing from a CDN.

api/static/ holds index.html, app.js and style.css; its vendor/ folder the JavaScript of the npm
packages pinned in package.json / package-lock.json, copied there by `make ui` (`npm ci`). Every view
has its own URL (/ui/person/{id}, /ui/event/{id}, /ui/place/{id}, /ui/agency/{id}, /ui/search?q=): the server answers
index.html for each and app.js draws the view the address names, so a page can be bookmarked.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
VIEWS = ("person", "event", "place", "agency")
VENDOR_HINT = "the page's JavaScript libraries are missing: run `make ui` (npm ci) to install them"


def install(app: FastAPI) -> None:
    """Serve the page at /ui/ and send / there."""
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")

    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html", headers={"Cache-Control": "no-cache"})

    @app.get("/", include_in_schema=False)
    async def home() -> RedirectResponse:
        return RedirectResponse("/ui/")

    @app.get("/ui", include_in_schema=False)
    @app.get("/ui/", include_in_schema=False)
    @app.get("/ui/search", include_in_schema=False)
    async def start() -> FileResponse:
        return index()

    @app.get("/ui/{kind}/{item_id}", include_in_schema=False)
    async def view(kind: str, item_id: str) -> FileResponse:
        # an unknown id is the page's to tell (the API answers it 404), an unknown kind is no page
        if kind not in VIEWS:
            raise HTTPException(status_code=404, detail=f"no page /ui/{kind}/...; pages: {', '.join(VIEWS)}")
        return index()


def vendor_missing() -> bool:
    return not (STATIC / "vendor" / "cytoscape.min.js").is_file()
