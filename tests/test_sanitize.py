"""Untrusted Markdown: real XSS payloads are neutralised, ordinary formatting survives.

Every assertion is made on the parsed output (tags, attributes, decoded URLs), the way a
browser reads it, never on the absence of a substring.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import pytest
from markupsafe import Markup

from greffier.formats.markdown import EXTERNAL_REL, render_inline, render_markdown

# What the brief forbids outright, whatever the allow-list says.
FORBIDDEN_TAGS = {
    "base",
    "button",
    "details",
    "embed",
    "form",
    "iframe",
    "input",
    "link",
    "math",
    "meta",
    "noscript",
    "object",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
}
ALLOWED_ATTRIBUTES = {"href", "src", "alt", "title", "start", "colspan", "rowspan", "scope", "rel"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Parsed:
    elements: list[Element] = field(default_factory=list)

    def find(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    @property
    def tags(self) -> list[str]:
        return [e.tag for e in self.elements]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.parsed.elements.append(element)
        if tag not in {"br", "hr", "img", "input", "meta", "link", "base", "embed"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def parse(fragment: str) -> Parsed:
    collector = _Collector()
    # A plain str: slices of Markup would stay Markup and escape whatever they are compared with.
    collector.feed(str(fragment))
    collector.close()
    return collector.parsed


def browser_url(value: str) -> str:
    """The URL as a browser resolves it: tabs and newlines removed anywhere, leading controls and
    spaces stripped, backslashes read as slashes."""
    value = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(33))))
    return value.replace("\\", "/")


def scheme(value: str) -> str | None:
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", browser_url(value))
    return match.group(1).lower() if match else None


def is_remote(value: str) -> bool:
    return browser_url(value).startswith("//") or scheme(value) is not None


def problems(fragment: str) -> list[str]:
    """Everything in `fragment` that would run script, load a third party or escape styling."""
    found = []
    for element in parse(fragment).elements:
        if element.tag in FORBIDDEN_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrs.items():
            if name.startswith("on") or name not in ALLOWED_ATTRIBUTES:
                found.append(f"{element.tag}[{name}]")
            if name in {"href", "src"} and scheme(value) not in SAFE_SCHEMES | {None}:
                found.append(f"{element.tag}[{name}={value!r}]")
        if element.tag == "img" and is_remote(element.attrs.get("src", "")):
            found.append(f"remote image {element.attrs['src']!r}")
    return found


def naive(text: str) -> str:
    """What an unsanitised Markdown pipeline would publish (MkDocs' Python-Markdown, with the
    extensions that let a text set attributes)."""
    return markdown.markdown(text, extensions=["tables", "fenced_code", "attr_list", "md_in_html"])


XSS_PAYLOADS = [
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>", id="script-src"),
    pytest.param("<img src=x onerror=alert(1)>", id="img-onerror"),
    pytest.param('<IMG SRC="JaVaScRiPt:alert(1)">', id="img-javascript"),
    pytest.param("<img src=x:alert(alt) onerror=eval(src) alt=0>", id="img-eval-src"),
    pytest.param("<svg onload=alert(1)>", id="svg-onload"),
    pytest.param('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', id="svg-a"),
    pytest.param("[x](javascript:alert(1))", id="md-javascript"),
    pytest.param("[x](JaVaScRiPt:alert(1))", id="md-mixed-case"),
    pytest.param("[x](jav&#x09;ascript:alert(1))", id="md-tab-entity"),
    pytest.param("[x](<javascript:alert(1)>)", id="md-angle-brackets"),
    pytest.param("[x][1]\n\n[1]: javascript:alert(1)", id="md-reference"),
    pytest.param("![x](javascript:alert(1))", id="md-image-javascript"),
    pytest.param('<a href="&#106;avascript:alert(1)">x</a>', id="decimal-entity"),
    pytest.param('<a href="&#x6A;avascript&#x3A;alert(1)">x</a>', id="hex-entities"),
    pytest.param('<a href="javascript&colon;alert(1)">x</a>', id="named-entity-colon"),
    pytest.param('<a href="  javascript:alert(1)">x</a>', id="leading-space"),
    pytest.param('<a href="\x01javascript:alert(1)">x</a>', id="leading-control"),
    pytest.param('<a href="java\nscript:alert(1)">x</a>', id="newline-inside"),
    pytest.param('<a href="vbscript:msgbox(1)">x</a>', id="vbscript"),
    pytest.param("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", id="md-data"),
    pytest.param('<a href="data:text/html,<script>alert(1)</script>">x</a>', id="data-html"),
    pytest.param('<iframe src="https://evil.example"></iframe>', id="iframe"),
    pytest.param('<iframe srcdoc="<script>alert(1)</script>"></iframe>', id="iframe-srcdoc"),
    pytest.param('<object data="https://evil.example/x.swf"></object>', id="object"),
    pytest.param('<embed src="https://evil.example/x.swf">', id="embed"),
    pytest.param("<style>@import 'https://evil.example/x.css';</style>", id="style-tag"),
    pytest.param('<p style="background:url(javascript:alert(1))">x</p>', id="style-attribute"),
    pytest.param("<math><mi xlink:href=javascript:alert(1)>x</mi></math>", id="math"),
    pytest.param("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", id="math-mxss"),
    pytest.param(
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        id="noscript-mxss",
    ),
    pytest.param(
        '<form action="javascript:alert(1)"><button>Envoyer</button></form>', id="form-button"
    ),
    pytest.param("<input autofocus onfocus=alert(1)>", id="input-onfocus"),
    pytest.param("<details open ontoggle=alert(1)><summary>x</summary></details>", id="details"),
    pytest.param('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', id="meta"),
    pytest.param('<base href="https://evil.example/">', id="base"),
    pytest.param('<link rel="stylesheet" href="https://evil.example/x.css">', id="link"),
    pytest.param("Texte {onclick=alert(1)}\n{: onmouseover=alert(1) }", id="attr-list"),
    pytest.param("# Titre {onclick=alert(1)}", id="attr-list-heading"),
    pytest.param('<div markdown="1" onclick="alert(1)">*x*</div>', id="md-in-html"),
    pytest.param('<a href="https://example.org" target="_blank">x</a>', id="tabnabbing"),
    pytest.param("<x onclick=alert(1)>unknown tag</x>", id="unknown-tag"),
    pytest.param("![a](https://evil.example/x.png)", id="remote-image"),
    pytest.param("![a](//evil.example/x.png)", id="protocol-relative-image"),
    pytest.param("![a](/\\evil.example/x.png)", id="backslash-image"),
    pytest.param('<img src="https://evil.example/pixel.gif">', id="tracking-pixel"),
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_is_dangerous_without_sanitising(payload: str) -> None:
    # Guards the other tests: each payload really does harm in a naive pipeline.
    assert problems(naive(payload))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_is_neutralised(payload: str) -> None:
    assert problems(render_markdown(payload)) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_is_neutralised_in_one_line_fields(payload: str) -> None:
    assert problems(render_inline(payload)) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_is_neutralised_with_a_base_url(payload: str) -> None:
    assert problems(render_markdown(payload, base_url="../../")) == []


def test_markdown_title_stays_a_title() -> None:
    parsed = parse(render_markdown('[x](http://a.example "onmouseover=alert(1)")'))
    (link,) = parsed.find("a")
    assert link.attrs["title"] == "onmouseover=alert(1)"
    assert not any(name.startswith("on") for name in link.attrs)


def test_script_content_is_dropped_not_shown() -> None:
    # At a line's start, CommonMark reads the whole line as an HTML block: no paragraph.
    assert render_markdown("<script>alert(1)</script>Bonjour").strip() == "Bonjour"
    parsed = parse(render_markdown("Bonjour <script>alert(1)</script>à tous"))
    assert "alert" not in "".join(e.text for e in parsed.elements)
    assert parsed.find("p")[0].text == "Bonjour à tous"


def test_formatting_survives() -> None:
    text = (
        "Nous *proposons* un **arrêt** « Mairie » & un `code`.\n\n"
        "- un\n- deux\n\n"
        "3. trois\n4. quatre\n\n"
        "> citation\n\n"
        "---\n\n"
        "```\n<b>pas du HTML</b>\n```\n\n"
        "*[PLU]: Plan local d’urbanisme\n\n"
        "Le PLU change.  \nNouvelle ligne."
    )
    parsed = parse(render_markdown(text))
    assert parsed.find("em")[0].text == "proposons"
    assert parsed.find("strong")[0].text == "arrêt"
    assert "« Mairie » & un" in parsed.find("p")[0].text
    assert [li.text for li in parsed.find("li")] == ["un", "deux", "trois", "quatre"]
    assert parsed.find("ol")[0].attrs == {"start": "3"}
    assert parsed.find("blockquote")[0].text.strip() == "citation"
    assert parsed.find("hr")
    assert parsed.find("code")[1].text == "<b>pas du HTML</b>\n"
    assert "b" not in parsed.tags
    # Abbreviations are no CommonMark nor GFM: the line stays what was written.
    assert "*[PLU]: Plan local d’urbanisme" in [p.text for p in parsed.find("p")]
    assert parsed.find("br")


def test_table_headers_have_a_scope() -> None:
    parsed = parse(render_markdown("| Thème | Avis |\n|---|---|\n| Vélo | 12 |"))
    assert [(th.text, th.attrs) for th in parsed.find("th")] == [
        ("Thème", {"scope": "col"}),
        ("Avis", {"scope": "col"}),
    ]
    assert [td.text for td in parsed.find("td")] == ["Vélo", "12"]
    row_header = parse(render_markdown("<table><tr><th>Vélo</th><td>12</td></tr></table>"))
    assert row_header.find("th")[0].attrs == {"scope": "row"}


def test_links_keep_safe_schemes() -> None:
    text = (
        "[site](https://example.org/a?b=1&c=2) [mail](mailto:a@example.org) "
        "[tel](tel:+33100000000) [page](../autre/)"
    )
    hrefs = [a.attrs["href"] for a in parse(render_markdown(text)).find("a")]
    assert hrefs == [
        "https://example.org/a?b=1&c=2",
        "mailto:a@example.org",
        "tel:+33100000000",
        "../autre/",
    ]


def test_only_external_links_get_rel() -> None:
    text = (
        '[a](https://example.org) [b](//example.org) <a href="/x" rel="opener">c</a> '
        '<a href="https://example.org" rel="opener">d</a>'
    )
    rels = [a.attrs.get("rel") for a in parse(render_markdown(text)).find("a")]
    assert rels == [EXTERNAL_REL, EXTERNAL_REL, None, EXTERNAL_REL]


def test_remote_image_becomes_a_link() -> None:
    parsed = parse(render_markdown("![Plan du tracé](https://evil.example/plan.png)"))
    assert parsed.find("img") == []
    (link,) = parsed.find("a")
    assert link.attrs == {"href": "https://evil.example/plan.png", "rel": EXTERNAL_REL}
    assert link.text == "Plan du tracé"


def test_remote_image_without_alt_gets_a_label() -> None:
    (link,) = parse(render_markdown("![](https://evil.example/x.png)")).find("a")
    assert link.text == "image"


def test_remote_image_inside_a_link_leaves_its_description() -> None:
    parsed = parse(render_markdown("[![Logo](https://evil.example/l.png)](https://asso.example)"))
    assert parsed.find("img") == []
    (link,) = parsed.find("a")
    assert (link.attrs["href"], link.text) == ("https://asso.example", "Logo")


def test_local_image_is_kept() -> None:
    (image,) = parse(render_markdown("![Plan du quartier](documents/plan.png)")).find("img")
    assert image.attrs == {"alt": "Plan du quartier", "src": "documents/plan.png"}


def test_image_without_alt_gets_an_empty_one() -> None:
    (image,) = parse(render_markdown('<img src="plan.png">')).find("img")
    assert image.attrs["alt"] == ""


def test_base_url_prefixes_relative_addresses_only() -> None:
    text = (
        "![p](documents/plan.png) [d](documents/dossier.pdf) [r](/racine/) [f](#section) "
        "[e](https://example.org/x) [m](mailto:a@example.org)"
    )
    parsed = parse(render_markdown(text, base_url="../../"))
    assert parsed.find("img")[0].attrs["src"] == "../../documents/plan.png"
    assert [a.attrs["href"] for a in parsed.find("a")] == [
        "../../documents/dossier.pdf",
        "/racine/",
        "#section",
        "https://example.org/x",
        "mailto:a@example.org",
    ]


def test_empty_link_is_named_by_its_address() -> None:
    (link,) = parse(render_markdown("[](https://example.org/)")).find("a")
    assert link.text == "https://example.org/"


@pytest.mark.parametrize(
    ("text", "top_heading", "expected"),
    [
        ("# Un\n\n## Deux\n\n### Trois", 2, ["h2", "h3", "h4"]),
        ("## Deux\n\n### Trois", 2, ["h2", "h3"]),
        ("# Un\n\n### Trois\n\n# Un bis", 2, ["h2", "h3", "h2"]),
        ("<h1>Un</h1>\n\n<h4>Quatre</h4>", 3, ["h3", "h4"]),
        ("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5", 3, ["h3", "h4", "h5", "h6", "h6"]),
        ("# Seul", 1, ["h1"]),
    ],
)
def test_headings_are_renumbered_without_gaps(
    text: str, top_heading: int, expected: list[str]
) -> None:
    parsed = parse(render_markdown(text, top_heading=top_heading))
    assert [t for t in parsed.tags if re.fullmatch(r"h[1-6]", t)] == expected


@pytest.mark.parametrize("top_heading", [0, 7])
def test_top_heading_must_be_a_heading_level(top_heading: int) -> None:
    with pytest.raises(ValueError, match="top_heading"):
        render_markdown("# x", top_heading=top_heading)


def test_reference_definitions_do_not_leak_between_texts() -> None:
    render_markdown("[1]: https://example.org")
    assert parse(render_markdown("[voir][1]")).find("a") == []


def test_result_is_markup_that_jinja_will_not_escape_again() -> None:
    result = render_markdown("*x* & y")
    assert isinstance(result, Markup)
    assert html.unescape(str(Markup("{}").format(result))) == "<p><em>x</em> & y</p>"


@pytest.mark.parametrize(
    ("text", "expected_text"),
    [
        ("1990. Une année charnière", "1990. Une année charnière"),
        ("# Pas un titre", "# Pas un titre"),
        ("- pas une liste", "- pas une liste"),
        ("> pas une citation", "> pas une citation"),
        ("[1]: voir l’annexe", "[1]: voir l’annexe"),
        ("Ligne\n\nsuivante", "Ligne suivante"),
    ],
)
def test_one_line_fields_have_no_blocks(text: str, expected_text: str) -> None:
    result = render_inline(text)
    assert parse(result).elements == []
    assert html.unescape(result) == expected_text


def test_one_line_fields_keep_inline_formatting() -> None:
    parsed = parse(render_inline("Report *au 12 mars* ([détails](https://example.org))"))
    assert parsed.tags == ["em", "a"]
    assert parsed.find("a")[0].attrs["rel"] == EXTERNAL_REL
