"""What `greffier serve` shows while the processes have errors: the messages, in the browser.

MkDocs' server holds every request while a rebuild is due, and a failed rebuild never ends
that wait: the browser would hang until the files are fixed. So, when serving, a build whose
content has errors succeeds with a site of one page, at the home page and as the page of every
address (the server's 404 page), listing the `path:line` messages. The page asks the server,
as MkDocs' own reload script does, to be told of the next build, and reloads then: the next
good save shows the site again.
"""

from __future__ import annotations

import html
from pathlib import Path

_RELOAD = """<script>
(async function () {
  // MkDocs' live-reload protocol: /livereload/<epoch>/<id> answers with the build epoch once
  // a build newer than <epoch> is done (or after a minute).
  const ask = async (epoch) => Number(await (await fetch(`/livereload/${epoch}/0`)).text());
  let seen = null;
  for (;;) {
    try {
      const epoch = await ask(seen === null ? 0 : seen);
      if (seen !== null && epoch > seen) { window.location.reload(); return; }
      seen = epoch;
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
})();
</script>"""


def failure_page(messages: str, *, language: str, title: str, intro: str) -> str:
    """The page listing `messages`, which reloads itself after the next build."""
    return (
        f'<!doctype html>\n<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font:1rem/1.5 sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem}"
        "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f5f5;padding:1rem}</style>\n"
        f"</head>\n<body>\n<main>\n<h1>{html.escape(title)}</h1>\n<p>{html.escape(intro)}</p>\n"
        f"<pre>{html.escape(messages)}</pre>\n</main>\n{_RELOAD}\n</body>\n</html>\n"
    )


def write_failure_site(site_dir: Path, page: str) -> None:
    """The failure page as the home page and as the page of every other address."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(page, encoding="utf-8")
