"""A realistic print HTML with its files, for the tests of conversions that do not need a corpus:
headings on three levels, a table with header cells, a list, a local image, links, an inline SVG
and the stylesheet a print template links to."""

from __future__ import annotations

from pathlib import Path

import segno

HEADINGS = [
    (1, "Tramway ligne B : dossier de la concertation"),
    (2, "Comment participer"),
    (3, "Sans ordinateur"),
    (3, "En ligne"),
    (2, "Réunions publiques"),
    (3, "Réunion d'ouverture du 12 mars 2026"),
    (2, "Documents"),
    (2, "Contributions et réponses"),
    (3, "Contribution n° 1 : la piste cyclable"),
    (3, "Contribution n° 2 : « Et les arbres ? »"),
]
QR_LABEL = "Code QR menant à https://example.org/tramway-ligne-b/"
IMAGE_ALT = "Plan des deux variantes de tracé"


def write_sample(folder: Path) -> str:
    """Write plan.png and print.css into `folder`; return the HTML that uses them."""
    segno.make("https://example.org/tramway-ligne-b/").save(folder / "plan.png", kind="png")
    (folder / "print.css").write_text(
        "@page { size: A4; } body { font: 12pt serif; }\n"
        "h1 { background: url('plan.png') no-repeat; }\n",
        encoding="utf-8",
    )
    sections = "\n".join(
        f"<h{level}>{text.replace('<', '&lt;')}</h{level}>\n<p>Texte de « {text} ».</p>"
        for level, text in HEADINGS[1:]
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Tramway ligne B</title>
<link rel="stylesheet" href="print.css">
</head>
<body>
<h1>{HEADINGS[0][1]}</h1>
<p>Concertation préalable menée par la Métropole, du 1<sup>er</sup> octobre au
<strong>15 décembre 2026</strong>. Page en ligne :
<a href="https://example.org/tramway-ligne-b/">example.org/tramway-ligne-b</a>.</p>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{QR_LABEL}" viewBox="0 0 21 21"
 width="30mm" height="30mm"><rect width="21" height="21" fill="#fff"/><rect width="7" height="7"/>
</svg>
<figure><img src="plan.png" alt="{IMAGE_ALT}">
<figcaption>Les deux variantes</figcaption></figure>
<table>
<caption>Documents publiés</caption>
<thead><tr><th scope="col">Titre</th><th scope="col">Date</th><th scope="col">SHA-256</th></tr>
</thead>
<tbody>
<tr><td><a href="documents/dossier.pdf">Dossier de concertation</a></td><td>15 octobre 2026</td>
<td><code>9f86d081884c7d659a2feaa0c55ad015</code></td></tr>
<tr><td>Avis de concertation</td><td>14 septembre 2026</td><td><code>e3b0c442</code></td></tr>
</tbody>
</table>
<ul><li>Par courrier : Métropole, 1 place de la Mairie</li><li>Au registre en mairie</li></ul>
{sections}
</body>
</html>
"""
