"""The words of every message organisers read, in French and in English.

The loader's problems and the `greffier` command's own messages (mkdocs.yml, `greffier new`,
the build) alike.

Organisers read these messages: they come in the site's language (`theme.language`), French by
default. Each message is written once, both languages side by side, as a `str.format` template;
a test checks that both languages use the same placeholders. Only the message and its hint are
translated: `path:line: error:` stays as editors and CI annotators parse it. English remains the
library's default, as in `load_corpus`; the CLI, which knows the site, passes its language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Final, Literal, cast

Language = Literal["fr", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("fr", "en")

CATALOGUE: Final[Mapping[str, Mapping[Language, str]]] = {
    # ---------------------------------------------------------------- folders and files
    "processes.missing": {
        "fr": "le dossier des processus n'existe pas",
        "en": "the processes folder does not exist",
    },
    "processes.missing.hint": {
        "fr": "créez {folder}/<slug>/process.yml, par exemple avec `greffier new process <slug>`",
        "en": "create {folder}/<slug>/process.yml, e.g. with `greffier new process <slug>`",
    },
    "link.escapes": {
        "fr": "ce lien symbolique mène hors de son dossier ou dans un dossier caché comme .git "
        "(il pointe vers {target}) : rien n'est lu ni publié par ce lien",
        "en": "symbolic link leads outside its folder or into a hidden folder such as .git "
        "(it points to {target}): nothing is read or published through it",
    },
    "link.escapes.hint": {
        "fr": "copiez le fichier dans le dossier du processus au lieu de créer un lien vers lui",
        "en": "copy the file into the process folder instead of linking to it",
    },
    "link.broken": {
        "fr": "ce lien symbolique ne mène nulle part (il pointe vers {target}) : "
        "fichier absent ou boucle de liens",
        "en": "symbolic link leads nowhere (it points to {target}): "
        "a missing file or a loop of links",
    },
    "link.broken.hint": {
        "fr": "supprimez le lien, ou copiez ici le fichier voulu",
        "en": "remove the link, or copy the file it was meant for here",
    },
    "file.special": {
        "fr": "ce n'est pas un fichier ordinaire (un tube, un périphérique ou une socket) : "
        "il ne peut être ni lu ni publié",
        "en": "not a regular file (a pipe, a device or a socket): it can be neither read "
        "nor published",
    },
    "file.special.hint": {
        "fr": "retirez-le du dossier du processus",
        "en": "remove it from the process folder",
    },
    "file.lfs_pointer": {
        "fr": "ce fichier est un pointeur Git LFS, pas le fichier lui-même",
        "en": "this is a Git LFS pointer, not the file itself",
    },
    "file.lfs_pointer.hint": {
        "fr": "lancez `git lfs install && git lfs pull` pour récupérer le vrai fichier, "
        "puis relancez la construction",
        "en": "run `git lfs install && git lfs pull` so the real file is checked out, "
        "then build again",
    },
    "file.unreadable": {
        "fr": "impossible de lire ce fichier ({reason})",
        "en": "cannot be read ({reason})",
    },
    "file.not_utf8": {
        "fr": "ce fichier n'est pas en UTF-8 : il semble encodé en {encoding}",
        "en": "not UTF-8: the file looks like {encoding}",
    },
    "file.not_utf8.hint": {
        "fr": "ouvrez-le dans votre éditeur et enregistrez-le avec l'encodage UTF-8",
        "en": "open it in your editor and save it with the encoding UTF-8",
    },
    "encoding.utf32le": {"fr": "UTF-32 (petit-boutiste)", "en": "UTF-32 (little-endian)"},
    "encoding.utf32be": {"fr": "UTF-32 (gros-boutiste)", "en": "UTF-32 (big-endian)"},
    "encoding.utf16le": {"fr": "UTF-16 (petit-boutiste)", "en": "UTF-16 (little-endian)"},
    "encoding.utf16be": {"fr": "UTF-16 (gros-boutiste)", "en": "UTF-16 (big-endian)"},
    "encoding.utf16": {
        "fr": "UTF-16 (sans indicateur d'ordre des octets)",
        "en": "UTF-16 (without byte order mark)",
    },
    "encoding.windows1252": {"fr": "Windows-1252", "en": "Windows-1252"},
    "encoding.latin1": {
        "fr": "Latin-1 (ISO-8859-1) ou Windows-1252",
        "en": "Latin-1 (ISO-8859-1) or Windows-1252",
    },
    # ---------------------------------------------------------------- YAML and front matter
    "yaml.hint": {
        "fr": "vérifiez l'indentation et mettez entre guillemets les valeurs qui contiennent "
        "« : » ou commencent par un symbole",
        "en": "check the indentation and quote values containing ': ' or starting with a symbol",
    },
    "yaml.duplicate_key": {
        "fr": "YAML invalide : la clé « {name} » apparaît deux fois",
        "en": "invalid YAML: the key '{name}' appears twice",
    },
    "yaml.tab": {
        "fr": "YAML invalide : une tabulation sert d'indentation (utilisez des espaces)",
        "en": "invalid YAML: tab character used for indentation (use spaces)",
    },
    "yaml.control_character": {
        "fr": "YAML invalide : le caractère de contrôle #x{code} n'est pas permis",
        "en": "invalid YAML: the control character #x{code} is not allowed",
    },
    "text.refused_character": {
        "fr": "caractère invisible {code} interdit (colonne {column}) : XML et HTML le refusent",
        "en": "invisible character {code} not allowed (column {column}): XML and HTML refuse it",
    },
    "text.refused_character.hint": {
        "fr": "souvent collé depuis Word ou un PDF : supprimez-le, ou retapez le texte autour",
        "en": "often pasted from Word or a PDF: delete it, or retype the text around it",
    },
    "yaml.refused_escape": {
        "fr": "cette valeur contient le caractère invisible {code}, écrit « \\… » entre "
        "guillemets : XML et HTML le refusent",
        "en": "this value holds the invisible character {code}, written as a '\\…' escape "
        "between quotes: XML and HTML refuse it",
    },
    "yaml.refused_escape.hint": {
        "fr": "retirez cet échappement de la valeur",
        "en": "remove that escape from the value",
    },
    "yaml.tag": {
        "fr": "YAML invalide : l'étiquette « {tag} » n'est pas prise en charge",
        "en": "invalid YAML: the tag '{tag}' is not supported",
    },
    "yaml.key_not_a_word": {
        "fr": "YAML invalide : une clé doit être un simple mot",
        "en": "invalid YAML: a key must be a plain word",
    },
    "yaml.too_many_values": {
        "fr": "le fichier contient plus de {limit} valeurs (des alias ?)",
        "en": "the file holds more than {limit} values (aliases?)",
    },
    "yaml.too_many_values.hint": {
        "fr": "écrivez les valeurs sans alias (« *nom ») qui en répètent d'autres",
        "en": "write the values out instead of repeating them through aliases ('*name')",
    },
    "yaml.too_deep": {
        "fr": "YAML invalide : listes et tableaux imbriqués sur plus de {limit} niveaux",
        "en": "invalid YAML: lists and mappings nested more than {limit} levels deep",
    },
    "yaml.too_deep.hint": {
        "fr": "aucun champ ne demande plus de quelques niveaux : vérifiez les crochets "
        "« [ » et accolades « {{ » de cette ligne",
        "en": "no field needs more than a few levels: check the brackets '[' and braces '{{' "
        "on this line",
    },
    "yaml.too_large": {
        "fr": "la partie YAML dépasse {limit} caractères à partir de cette ligne",
        "en": "the YAML part is over {limit} characters from this line on",
    },
    "yaml.too_large.hint": {
        "fr": "gardez les longs textes dans le corps Markdown, ou découpez le fichier",
        "en": "keep long texts in the Markdown body, or split the file",
    },
    "yaml.merge_key": {
        "fr": "YAML invalide : la fusion « <<: » n'est pas prise en charge",
        "en": "invalid YAML: merge keys ('<<:') are not supported",
    },
    "yaml.merge_key.hint": {
        "fr": "écrivez chaque champ en toutes lettres au lieu de le reprendre d'un alias",
        "en": "write every field out instead of merging it from an alias",
    },
    "yaml.unreadable_value": {
        "fr": "YAML invalide : « {value} » n'est pas une valeur lisible",
        "en": "invalid YAML: '{value}' cannot be read as a value",
    },
    "yaml.unreadable_value.hint": {
        "fr": "mettez-la entre guillemets si c'est du texte",
        "en": "put it in quotes if it is meant as text",
    },
    "yaml.bad_escape": {
        "fr": "YAML invalide : un échappement « \\… » entre guillemets ne désigne aucun caractère",
        "en": "invalid YAML: a '\\…' escape between quotes names no character",
    },
    "yaml.missing_colon": {
        "fr": "YAML invalide : il manque « : » après un nom de champ",
        "en": "invalid YAML: could not find expected ':'",
    },
    "yaml.colon_in_value": {
        "fr": "YAML invalide : un « : » inattendu sur cette ligne",
        "en": "invalid YAML: mapping values are not allowed here",
    },
    "yaml.dash_in_value": {
        "fr": "YAML invalide : un élément de liste « - » n'est pas permis ici",
        "en": "invalid YAML: sequence entries are not allowed here",
    },
    "yaml.question_mark": {
        "fr": "YAML invalide : « ? » n'est pas permis ici",
        "en": "invalid YAML: mapping keys are not allowed here",
    },
    "yaml.unexpected_end": {
        "fr": "YAML invalide : le fichier s'arrête trop tôt (un guillemet ou un crochet n'est "
        "pas refermé ?)",
        "en": "invalid YAML: found unexpected end of stream",
    },
    "yaml.indentation": {
        "fr": "YAML invalide : cette ligne ne suit pas l'indentation des lignes précédentes",
        "en": "invalid YAML: this line does not follow the indentation of the lines above",
    },
    "yaml.bad_first_character": {
        "fr": "YAML invalide : une valeur ne peut pas commencer par « {character} »",
        "en": "invalid YAML: found character '{character}' that cannot start any token",
    },
    "yaml.undefined_alias": {
        "fr": "YAML invalide : l'alias « *{alias} » n'est défini nulle part",
        "en": "invalid YAML: found undefined alias '{alias}'",
    },
    "yaml.missing_value": {
        "fr": "YAML invalide : une valeur manque avant « {found} »",
        "en": "invalid YAML: expected the node content, but found '{found}'",
    },
    "yaml.unclosed_list": {
        "fr": "YAML invalide : « , » ou « ] » attendu, mais « {found} » trouvé",
        "en": "invalid YAML: expected ',' or ']', but got '{found}'",
    },
    "yaml.unclosed_mapping": {
        "fr": "YAML invalide : « , » ou « }} » attendu, mais « {found} » trouvé",
        "en": "invalid YAML: expected ',' or '}}', but got '{found}'",
    },
    "yaml.two_documents": {
        "fr": "YAML invalide : le fichier contient une seconde partie après « --- »",
        "en": "invalid YAML: but found another document",
    },
    "yaml.other": {
        "fr": "YAML invalide, illisible à partir d'ici (détail technique : {problem})",
        "en": "invalid YAML: {problem}",
    },
    "front_matter.missing": {
        "fr": "en-tête (front matter) manquant",
        "en": "missing front matter",
    },
    "front_matter.missing.hint": {
        "fr": "commencez le fichier par une ligne « --- », puis les champs, puis une autre "
        "ligne « --- »",
        "en": "start the file with a line '---', then the fields, then another '---' line",
    },
    "front_matter.unclosed": {
        "fr": "l'en-tête (front matter) n'est pas refermé",
        "en": "the front matter is not closed",
    },
    "front_matter.unclosed.hint": {
        "fr": "ajoutez une ligne « --- » après le dernier champ",
        "en": "add a line '---' after the last field",
    },
    "list.documents": {
        "fr": "documents.yml doit être une liste de documents",
        "en": "documents.yml must be a list of documents",
    },
    "list.documents.hint": {
        "fr": "commencez chaque document par « - » en début de ligne",
        "en": "start each of the documents with '- ' at the beginning of a line",
    },
    "list.commitments": {
        "fr": "commitments.yml doit être une liste d'engagements",
        "en": "commitments.yml must be a list of commitments",
    },
    "list.commitments.hint": {
        "fr": "commencez chaque engagement par « - » en début de ligne",
        "en": "start each of the commitments with '- ' at the beginning of a line",
    },
    "list.redactions": {
        "fr": "redactions.yml doit être une liste d'effacements",
        "en": "redactions.yml must be a list of redactions",
    },
    "list.redactions.hint": {
        "fr": "commencez chaque effacement par « - » en début de ligne",
        "en": "start each of the redactions with '- ' at the beginning of a line",
    },
    "redactions.path_outside": {
        "fr": "« {value} » n'est pas un fichier du dossier du processus",
        "en": "'{value}' is not a file of the process folder",
    },
    "redactions.path_outside.hint": {
        "fr": "indiquez le chemin depuis le dossier du processus, sans « .. » ni « / » initial, "
        "par exemple contributions/c-0007.md",
        "en": "give the path from the process folder, without '..' or a leading '/', "
        "for example contributions/c-0007.md",
    },
    # ---------------------------------------------------------------- fields and values
    "field.missing": {
        "fr": "champ obligatoire manquant : « {name} »",
        "en": "missing required field '{name}'",
    },
    "field.unknown": {"fr": "champ inconnu « {name} »", "en": "unknown field '{name}'"},
    "field.allowed": {"fr": "champs permis : {names}", "en": "allowed fields: {names}"},
    "field.remove": {"fr": "supprimez-le", "en": "remove it"},
    "did_you_mean": {"fr": "vouliez-vous dire « {name} » ?", "en": "did you mean '{name}'?"},
    "date.invalid": {
        "fr": "« {value} » n'est pas une date valide",
        "en": "'{value}' is not a valid date",
    },
    "date.hint": {
        "fr": "format attendu AAAA-MM-JJ, par exemple 2026-03-12",
        "en": "expected YYYY-MM-DD, e.g. 2026-03-12",
    },
    "datetime.invalid": {
        "fr": "« {value} » n'est pas une date et heure valide",
        "en": "'{value}' is not a valid date-time",
    },
    "datetime.hint": {
        "fr": "format attendu AAAA-MM-JJTHH:MM avec le décalage horaire, "
        "par exemple 2026-03-12T18:30:00+01:00",
        "en": "expected YYYY-MM-DDTHH:MM with an offset, e.g. 2026-03-12T18:30:00+01:00",
    },
    "date_or_datetime.invalid": {
        "fr": "« {value} » n'est ni une date ni une date et heure valide",
        "en": "'{value}' is not a valid date or date-time",
    },
    "datetime.no_offset": {
        "fr": "« {value} » n'indique pas l'heure avec son décalage horaire",
        "en": "'{value}' lacks the time or its UTC offset",
    },
    "date.out_of_range": {
        "fr": "« {value} » tombe hors des années {first} à {last}",
        "en": "'{value}' falls outside the years {first} to {last}",
    },
    "date.out_of_range.hint": {
        "fr": "vérifiez l'année",
        "en": "check the year",
    },
    "choice.invalid": {
        "fr": "« {value} » ne fait pas partie des valeurs permises : {choices}",
        "en": "'{value}' is not one of: {choices}",
    },
    "expected.text": {"fr": "un texte est attendu, pas {got}", "en": "expected text, got {got}"},
    "expected.text.hint": {
        "fr": "mettez la valeur entre guillemets si c'est du texte",
        "en": "put the value in quotes if it is meant as text",
    },
    "expected.list": {
        "fr": "une liste est attendue, pas {got}",
        "en": "expected a list, got {got}",
    },
    "expected.list.hint": {
        "fr": "écrivez un élément par ligne, précédé de « - »",
        "en": "write one '- item' per line",
    },
    "expected.mapping": {
        "fr": "des lignes « champ: valeur » sont attendues, pas {got}",
        "en": "expected a mapping (key: value lines), got {got}",
    },
    "expected.whole_number": {
        "fr": "un nombre entier est attendu, pas « {value} »",
        "en": "expected a whole number, got '{value}'",
    },
    "expected.boolean": {
        "fr": "true ou false est attendu, pas « {value} »",
        "en": "expected true or false, got '{value}'",
    },
    "expected.any_of": {
        "fr": "attendu : {expected} ; trouvé : {got}",
        "en": "expected {expected}, got {got}",
    },
    "expected.or": {"fr": " ou ", "en": " or "},
    "shape.mapping": {"fr": "des lignes « champ: valeur »", "en": "a mapping (key: value lines)"},
    "shape.text": {"fr": "un texte", "en": "text"},
    "shape.other": {"fr": "une autre forme", "en": "another form"},
    "got.nothing": {"fr": "une valeur vide", "en": "nothing"},
    "got.boolean": {"fr": "{value}", "en": "{value}"},
    "got.number": {"fr": "le nombre {value}", "en": "the number {value}"},
    "got.text": {"fr": "le texte « {value} »", "en": "the text '{value}'"},
    "got.list": {"fr": "une liste", "en": "a list"},
    "got.mapping": {"fr": "des lignes « champ: valeur »", "en": "a mapping"},
    "value.empty": {"fr": "ne doit pas être vide", "en": "must not be empty"},
    "value.too_long": {
        "fr": "est trop long ({limit} caractères au plus)",
        "en": "is too long (at most {limit} characters)",
    },
    "value.too_small": {
        "fr": "« {value} » est trop petit (au moins {limit})",
        "en": "'{value}' is too small (at least {limit})",
    },
    "value.refused": {
        "fr": "« {value} » n'est pas accepté ici",
        "en": "'{value}' is not accepted here",
    },
    "pattern.id": {
        "fr": "« {value} » n'est pas un identifiant valide",
        "en": "'{value}' is not a valid id",
    },
    "pattern.id.hint": {
        "fr": "utilisez seulement des lettres, des chiffres, « . », « _ » et « - », en "
        "commençant par une lettre ou un chiffre",
        "en": "use letters, digits, '.', '_' and '-' only, starting with a letter or digit",
    },
    "pattern.slug": {
        "fr": "« {value} » n'est pas un nom d'adresse valide",
        "en": "'{value}' is not a valid slug",
    },
    "pattern.slug.hint": {
        "fr": "utilisez seulement des minuscules sans accent, des chiffres et « - »",
        "en": "use lowercase letters, digits and '-' only",
    },
    "pattern.language": {
        "fr": "« {value} » n'est pas un code de langue",
        "en": "'{value}' is not a language code",
    },
    "pattern.language.hint": {
        "fr": "écrivez par exemple fr, en ou fr-BE",
        "en": "write e.g. fr, en or fr-BE",
    },
    "pattern.other": {
        "fr": "« {value} » n'a pas la forme attendue",
        "en": "'{value}' has the wrong form",
    },
    "url.invalid": {
        "fr": "« {value} » n'est pas une adresse web",
        "en": "'{value}' is not a web address",
    },
    "url.http_only": {
        "fr": "seules les adresses http:// et https:// sont acceptées",
        "en": "only http:// and https:// addresses are accepted",
    },
    "timezone.unknown": {
        "fr": "fuseau horaire IANA inconnu « {value} » (par exemple Europe/Paris)",
        "en": "unknown IANA time zone '{value}' (e.g. Europe/Paris)",
    },
    # ---------------------------------------------------------------- process folder layout
    "slug.invalid": {
        "fr": "le nom de dossier « {name} » ne peut pas servir d'adresse web",
        "en": "the folder name '{name}' is not a valid URL slug",
    },
    "slug.invalid.hint": {
        "fr": "renommez le dossier avec seulement des minuscules sans accent, des chiffres et "
        "« - », par exemple « {suggestion} »",
        "en": "rename the folder using lowercase letters, digits and '-' only, e.g. '{suggestion}'",
    },
    "slug.example": {"fr": "mon-processus", "en": "my-process"},
    "slug.reserved": {
        "fr": "le nom de dossier « {name} » est réservé à une page du site",
        "en": "the folder name '{name}' is reserved for a page of the site",
    },
    "slug.reserved.hint": {"fr": "renommez le dossier", "en": "rename the folder"},
    "process.missing": {"fr": "process.yml est manquant", "en": "process.yml is missing"},
    "process.missing.hint": {
        "fr": "chaque dossier de processus a besoin d'un process.yml avec title, summary, "
        "organiser et opens",
        "en": "every process folder needs a process.yml with title, summary, organiser and opens",
    },
    "items.not_markdown": {
        "fr": "{kind}/ ne contient que des fichiers Markdown (<id>.md), directement dans le "
        "dossier",
        "en": "{kind}/ holds only Markdown files (<id>.md), directly in the folder",
    },
    "items.not_markdown.hint": {
        "fr": "renommez-le en .md, sortez-le du sous-dossier, ou déclarez-le dans documents.yml "
        "sous documents/",
        "en": "rename it to .md, move it out of the subfolder, or declare it in documents.yml "
        "under documents/",
    },
    "id.from_file_name": {
        "fr": "le nom du fichier donne l'identifiant « {id} », qui n'est pas valide",
        "en": "the file name gives the id '{id}', which is not valid",
    },
    "id.from_file_name.hint": {
        "fr": "renommez le fichier avec seulement des lettres, des chiffres, « . », « _ » et « - »",
        "en": "rename the file using letters, digits, '.', '_' and '-' only",
    },
    "id.from_document_file.hint": {
        "fr": "ajoutez un « id: » fait seulement de lettres, de chiffres, « . », « _ » et « - »",
        "en": "add an 'id:' with letters, digits, '.', '_' and '-' only",
    },
    "id.reserved_contribution": {
        "fr": "l'identifiant « {id} » est réservé à une page de liste des contributions",
        "en": "the id '{id}' is reserved for a contributions listing page",
    },
    "id.reserved_contribution.hint": {
        "fr": "renommez le fichier, par exemple en « {id}-1.md »",
        "en": "rename the file, e.g. to '{id}-1.md'",
    },
    "layout.unknown": {
        "fr": "« {name} » ne fait pas partie de l'organisation d'un dossier de processus et "
        "n'est pas publié",
        "en": "'{name}' is not part of the process folder layout and is not published",
    },
    "layout.unknown.hint": {
        "fr": "déclarez-le dans documents.yml s'il doit être publié",
        "en": "declare it in documents.yml if it should be published",
    },
    # ---------------------------------------------------------------- documents
    "document.outside": {
        "fr": "« {file} » est en dehors du dossier du processus",
        "en": "'{file}' is outside the process folder",
    },
    "document.outside.hint": {
        "fr": "placez le fichier dans le dossier du processus (par exemple documents/) et écrivez "
        "son chemin à partir de là, avec « / » et sans « .. »",
        "en": "put the file inside the process folder (e.g. documents/) and write its path from "
        "there, with '/' and without '..'",
    },
    "document.missing": {
        "fr": "le fichier « {file} » n'existe pas",
        "en": "the file '{file}' does not exist",
    },
    "document.missing.hint": {
        "fr": "vérifiez l'orthographe ; les chemins partent du dossier du processus",
        "en": "check the spelling; paths start from the process folder",
    },
    "document.undeclared": {
        "fr": "ce fichier n'est pas déclaré dans documents.yml",
        "en": "this file is not declared in documents.yml",
    },
    "document.undeclared.hint": {
        "fr": "ajoutez une entrée « - file: {file} » avec un titre, ou supprimez le fichier",
        "en": "add an entry '- file: {file}' with a title to documents.yml, or delete the file",
    },
    "document.untagged_pdf": {
        "fr": "« {file} » n'est pas un PDF balisé (RGAA 13.3) : un lecteur d'écran n'y trouve "
        "ni titres, ni ordre de lecture, ni textes de remplacement",
        "en": "'{file}' is not a tagged PDF (RGAA 13.3): a screen reader finds no headings, "
        "reading order or text alternatives in it",
    },
    "document.untagged_pdf.hint": {
        "fr": "exportez-le de nouveau en cochant « PDF balisé » (ou PDF/UA) dans votre logiciel, "
        "ou déclarez une version accessible sous « alternatives: »",
        "en": "export it again with 'tagged PDF' (or PDF/UA) ticked in your software, or declare "
        "an accessible version under 'alternatives:'",
    },
    "document.pdf_unreadable": {
        "fr": "« {file} » ne s'ouvre pas comme un PDF ({reason})",
        "en": "'{file}' does not open as a PDF ({reason})",
    },
    "document.pdf_unreadable.hint": {
        "fr": "vérifiez que le fichier s'ouvre dans un lecteur PDF ; s'il est protégé par un mot "
        "de passe, publiez une version sans protection",
        "en": "check that the file opens in a PDF reader; if it is password-protected, publish a "
        "version without protection",
    },
    "document.through_link": {
        "fr": "« {file} » passe par le lien symbolique « {link} » : il n'est pas publié",
        "en": "'{file}' is reached through the symbolic link '{link}': it is not published",
    },
    "document.active": {
        "fr": "« {file} » est au format {format}, qui peut exécuter des scripts sur le site : "
        "il n'est pas publié",
        "en": "'{file}' is in the {format} format, which can run scripts on the site: "
        "it is not published",
    },
    "document.active.hint": {
        "fr": "convertissez-le en PDF (un document) ou en PNG (une image)",
        "en": "convert it to PDF (a document) or PNG (an image)",
    },
    "document.format": {
        "fr": "Greffier ne publie pas les fichiers « {format} » (« {file} »)",
        "en": "Greffier does not publish '{format}' files ('{file}')",
    },
    "document.format.hint": {
        "fr": "publiez-le en PDF, OpenDocument, Office, CSV, texte, Markdown, PNG, JPEG, GIF, "
        "WebP, audio, vidéo, EPUB, ou dans une archive ZIP",
        "en": "publish it as PDF, OpenDocument, Office, CSV, text, Markdown, PNG, JPEG, GIF, "
        "WebP, audio, video, EPUB, or inside a ZIP archive",
    },
    # ---------------------------------------------------------------- images in texts
    "image.outside": {
        "fr": "l'image « {src} » mène hors du dossier du processus : elle n'est pas affichée",
        "en": "the image '{src}' leads outside the process folder: it is not shown",
    },
    "image.outside.hint": {
        "fr": "placez l'image dans documents/, déclarez-la dans documents.yml et écrivez son "
        "chemin à partir du dossier de ce fichier, par exemple ../documents/plan.png",
        "en": "put the image in documents/, declare it in documents.yml and write its path from "
        "this file's folder, e.g. ../documents/plan.png",
    },
    "image.missing": {
        "fr": "l'image « {src} » n'existe pas (cherchée en {file})",
        "en": "the image '{src}' does not exist (looked for at {file})",
    },
    "image.missing.hint": {
        "fr": "le chemin d'une image part du dossier du fichier qui la montre, par exemple "
        "../documents/plan.png",
        "en": "an image's path starts from the folder of the file showing it, e.g. "
        "../documents/plan.png",
    },
    "image.undeclared": {
        "fr": "l'image « {src} » ({file}) n'est pas une image déclarée dans documents.yml : "
        "le site ne la publie pas",
        "en": "the image '{src}' ({file}) is not an image declared in documents.yml: "
        "the site does not publish it",
    },
    "image.undeclared.hint": {
        "fr": "placez-la dans documents/ et déclarez-la dans documents.yml (PNG, JPEG, GIF ou "
        "WebP)",
        "en": "put it in documents/ and declare it in documents.yml (PNG, JPEG, GIF or WebP)",
    },
    "image.draft": {
        "fr": "l'image « {src} » est un document en brouillon : elle n'est pas affichée",
        "en": "the image '{src}' is a draft document: it is not shown",
    },
    "image.draft.hint": {
        "fr": "retirez « draft: true » de son entrée dans documents.yml pour la publier",
        "en": "remove 'draft: true' from its entry in documents.yml to publish it",
    },
    "image.dropped": {
        "fr": "l'image « {src} » n'est pas affichée : seules les images du dossier du processus "
        "le sont (une image distante devient un lien)",
        "en": "the image '{src}' is not shown: only images of the process folder are (a remote "
        "image becomes a link)",
    },
    "image.dropped.hint": {
        "fr": "enregistrez l'image dans documents/ et déclarez-la dans documents.yml",
        "en": "save the image in documents/ and declare it in documents.yml",
    },
    # ---------------------------------------------------------------- links in texts
    "link.missing": {
        "fr": "le lien « {src} » ne mène à aucun fichier du processus (cherché en {file}) : "
        "il sera cassé",
        "en": "the link '{src}' leads to no file of the process (looked for at {file}): "
        "it will be broken",
    },
    "link.missing.hint": {
        "fr": "écrivez une adresse complète (https://…) ou le chemin d'un fichier du processus à "
        "partir du dossier de ce fichier, par exemple ../documents/plan.pdf",
        "en": "write a full address (https://…) or the path of a file of the process from this "
        "file's folder, e.g. ../documents/plan.pdf",
    },
    "link.outside": {
        "fr": "le lien « {src} » mène hors du dossier du processus : il sera cassé",
        "en": "the link '{src}' leads outside the process folder: it will be broken",
    },
    "link.outside.hint": {
        "fr": "une autre page du site ou un autre site se lie par son adresse complète (https://…)",
        "en": "link another page of the site or another site by its full address (https://…)",
    },
    "link.scheme": {
        "fr": "le lien « {src} » n'est pas publié comme lien : seuls les liens http(s):, mailto: "
        "et tel: le sont",
        "en": "the link '{src}' is not published as a link: only http(s):, mailto: and tel: "
        "links are",
    },
    "link.scheme.hint": {
        "fr": "écrivez l'adresse complète, par exemple https://exemple.fr/page",
        "en": "write the full address, e.g. https://example.org/page",
    },
    # ---------------------------------------------------------------- references between files
    "unknown.meeting": {"fr": "réunion inconnue « {value} »", "en": "unknown meeting '{value}'"},
    "unknown.contribution": {
        "fr": "contribution inconnue « {value} »",
        "en": "unknown contribution '{value}'",
    },
    "unknown.document": {"fr": "document inconnu « {value} »", "en": "unknown document '{value}'"},
    "unknown.theme": {"fr": "thème inconnu « {value} »", "en": "unknown theme '{value}'"},
    "unknown.known": {
        "fr": "valeurs possibles : {known} ; ou {how}",
        "en": "known: {known}; or {how}",
    },
    "unknown.none_yet": {
        "fr": "il n'en existe pas encore : {how}",
        "en": "there is none yet: {how}",
    },
    "add.meeting": {"fr": "ajoutez meetings/<id>.md", "en": "add meetings/<id>.md"},
    "add.contribution": {"fr": "ajoutez contributions/<id>.md", "en": "add contributions/<id>.md"},
    "add.document": {"fr": "déclarez-le dans documents.yml", "en": "declare it in documents.yml"},
    "add.theme": {
        "fr": "déclarez-le sous « themes: » dans process.yml",
        "en": "declare it under 'themes:' in process.yml",
    },
    "draft.meeting": {
        "fr": "renvoie à la réunion « {value} », en brouillon donc non publiée",
        "en": "refers to the draft meeting '{value}', which is not published",
    },
    "draft.meeting.hint": {
        "fr": "publiez la réunion (retirez « draft: true ») ou retirez la référence",
        "en": "publish the meeting (remove 'draft: true') or remove the reference",
    },
    "draft.contribution": {
        "fr": "renvoie à la contribution « {value} », en brouillon donc non publiée",
        "en": "refers to the draft contribution '{value}', which is not published",
    },
    "draft.contribution.hint": {
        "fr": "publiez la contribution (retirez « draft: true ») ou retirez la référence",
        "en": "publish the contribution (remove 'draft: true') or remove the reference",
    },
    "draft.document": {
        "fr": "renvoie au document « {value} », en brouillon donc non publié",
        "en": "refers to the draft document '{value}', which is not published",
    },
    "draft.document.hint": {
        "fr": "publiez le document (retirez « draft: true ») ou retirez la référence",
        "en": "publish the document (remove 'draft: true') or remove the reference",
    },
    "duplicate.document": {
        "fr": "identifiant de document « {key} » en double (déjà utilisé {where})",
        "en": "duplicate document id '{key}' (already used at {where})",
    },
    "duplicate.commitment": {
        "fr": "identifiant d'engagement « {key} » en double (déjà utilisé {where})",
        "en": "duplicate commitment id '{key}' (already used at {where})",
    },
    "duplicate.theme": {
        "fr": "identifiant de thème « {key} » en double (déjà utilisé {where})",
        "en": "duplicate theme id '{key}' (already used at {where})",
    },
    "duplicate.hint": {
        "fr": "donnez à chacun un identifiant différent",
        "en": "give each one a different id",
    },
    "duplicate.same_file": {"fr": "ligne {line}", "en": "line {line}"},
    "duplicate.other_file": {"fr": "dans {location}", "en": "{location}"},
    "self.supersedes": {
        "fr": "un document ne peut pas se remplacer lui-même",
        "en": "a document cannot supersede itself",
    },
    "self.parent": {
        "fr": "une contribution ne peut pas se répondre à elle-même",
        "en": "a contribution cannot reply to itself",
    },
    "dates.order": {
        "fr": "« {then} » ({then_value}) est avant « {first} » ({first_value})",
        "en": "'{then}' ({then_value}) is before '{first}' ({first_value})",
    },
    "dates.order.hint": {
        "fr": "vérifiez les deux dates : « {then} » doit venir après « {first} »",
        "en": "check both dates: '{then}' must come after '{first}'",
    },
    # ---------------------------------------------------------------- mkdocs.yml and the project
    "config.missing": {
        "fr": "ce fichier n'existe pas ; lancez greffier depuis le dossier qui contient "
        "mkdocs.yml, ou indiquez son chemin avec --config",
        "en": "no such file; run greffier from the folder that holds mkdocs.yml, "
        "or give its path with --config",
    },
    "config.unusable": {
        "fr": "MkDocs ne peut pas lire ce fichier (détail technique : {problem})",
        "en": "{problem}",
    },
    "config.not_settings": {
        "fr": "des lignes de réglages « nom: valeur » sont attendues (site_name: …, plugins: …)",
        "en": "expected a mapping of settings (site_name: …, plugins: …)",
    },
    "config.language": {
        "fr": "theme.language vaut « {language} » ; Greffier parle {languages} : "
        "choisissez l'une de ces langues",
        "en": "theme.language is '{language}'; Greffier speaks {languages}: set one of them",
    },
    "config.no_plugin": {
        "fr": "l'extension greffier n'est pas activée ; ajoutez `- {plugin}` sous `plugins:`",
        "en": "the greffier plugin is not enabled; add `- {plugin}` under `plugins:`",
    },
    "build.site_dir_holds_project": {
        "fr": "ce dossier du site remplacerait le projet lui-même ; choisissez un dossier à "
        "part, par exemple --site-dir site",
        "en": "the site folder would replace the project itself; "
        "choose a folder of its own, e.g. --site-dir site",
    },
    "validation.failed": {
        "fr": "{errors} dans les processus :",
        "en": "{errors} in the processes:",
    },
    # ---------------------------------------------------------------- the command line
    "cli.error": {"fr": "Erreur : {message}", "en": "Error: {message}"},
    "cli.internal_error": {
        "fr": "erreur interne, merci de la signaler : {kind}: {error}\n(relancez avec "
        "`greffier --debug …` pour joindre à votre signalement le détail technique de l'erreur)",
        "en": "internal error, please report it: {kind}: {error}\n"
        "(run again with `greffier --debug …` to include the traceback in the report)",
    },
    "system.failure": {
        "fr": "{path} : {reason}",
        "en": "{path}: {reason}",
    },
    "system.failure.unnamed": {
        "fr": "le système a refusé une lecture ou une écriture : {reason}",
        "en": "the system refused to read or write: {reason}",
    },
    "system.no_space": {
        "fr": "le disque est plein (ou le quota atteint)",
        "en": "the disk is full (or the quota reached)",
    },
    "system.read_only": {
        "fr": "le disque est en lecture seule",
        "en": "the disk is read-only",
    },
    "system.denied": {
        "fr": "permission refusée",
        "en": "permission denied",
    },
    "system.not_a_folder": {
        "fr": "une partie de ce chemin est un fichier, pas un dossier",
        "en": "part of this path is a file, not a folder",
    },
    "system.file_in_the_way": {
        "fr": "un fichier porte déjà ce nom, là où un dossier est attendu",
        "en": "a file already has this name, where a folder is expected",
    },
    "system.a_folder": {
        "fr": "c'est un dossier, pas un fichier",
        "en": "this is a folder, not a file",
    },
    "system.missing": {
        "fr": "ce fichier ou dossier n'existe pas",
        "en": "no such file or folder",
    },
    "cli.site_unchanged": {
        "fr": "le site déjà publié n'a pas été modifié",
        "en": "the site already published is unchanged",
    },
    "cli.built": {
        "fr": "Site construit dans {folder} : {pages}.",
        "en": "Site built in {folder}: {pages}.",
    },
    "cli.exported": {
        "fr": "Fichiers hors ligne écrits dans {folder} : {count}.",
        "en": "Offline files written in {folder}: {count}.",
    },
    "cli.export.unknown": {
        "fr": "aucun processus « {slug} » ; les processus sont : {known}",
        "en": "no process {slug!r}; the processes are: {known}",
    },
    "count.file.one": {"fr": "{n} fichier", "en": "{n} file"},
    "count.file.other": {"fr": "{n} fichiers", "en": "{n} files"},
    "cli.address": {"fr": "l'adresse {address}", "en": "{address}"},
    "cli.configured_address": {
        "fr": "l'adresse indiquée dans mkdocs.yml (dev_addr)",
        "en": "the address in mkdocs.yml (dev_addr)",
    },
    "cli.address_in_use": {
        "fr": "{address} est déjà utilisée : arrêtez l'autre serveur, ou choisissez une autre "
        "adresse avec --dev-addr 127.0.0.1:8001",
        "en": "{address} is already in use: stop the other server, "
        "or choose another address with --dev-addr 127.0.0.1:8001",
    },
    "count.page.one": {"fr": "{n} page", "en": "{n} page"},
    "count.page.other": {"fr": "{n} pages", "en": "{n} pages"},
    # ---------------------------------------------------------------- greffier new
    "new.created": {"fr": "Fichier créé : {path}", "en": "Created {path}"},
    "new.next.one": {
        "fr": "Complétez-le, puis lancez `greffier check` ; supprimez la ligne `draft: true` "
        "quand il est prêt à être publié.",
        "en": "Fill it in, then run `greffier check`; "
        "remove the `draft: true` line when ready to publish.",
    },
    "new.next.other": {
        "fr": "Complétez-les, puis lancez `greffier check` ; supprimez la ligne `draft: true` "
        "quand ils sont prêts à être publiés.",
        "en": "Fill them in, then run `greffier check`; "
        "remove the `draft: true` line when ready to publish.",
    },
    "new.process_exists": {
        "fr": "ce dossier existe déjà ; choisissez un autre nom d'adresse, ou modifiez les "
        "fichiers de ce dossier",
        "en": "already exists; choose another slug, or edit the files in that folder",
    },
    "new.file_exists": {
        "fr": "ce fichier existe déjà et n'a pas été modifié ; complétez-le, ou choisissez un "
        "autre nom",
        "en": "already exists and was left untouched; edit it, or choose another name",
    },
    "new.slug_invalid": {
        "fr": "« {slug} » ne peut pas servir de nom d'adresse (il devient le nom du dossier et "
        "l'adresse web du processus) ; utilisez seulement des minuscules sans accent, des "
        "chiffres et « - », par exemple {suggestion}",
        "en": "'{slug}' is not a valid slug (it becomes the folder name and the address of the "
        "process); use lowercase letters, digits and '-' only, e.g. {suggestion}",
    },
    "new.no_process": {
        "fr": "ce fichier n'existe pas ; vérifiez le nom d'adresse du processus, ou créez "
        "d'abord le processus avec `greffier new process {slug}`",
        "en": "no such file; check the slug, "
        "or create the process first with `greffier new process {slug}`",
    },
    "new.meeting_first": {
        "fr": "créez-la d'abord avec `greffier new meeting {slug} …`",
        "en": "create it first with `greffier new meeting {slug} …`",
    },
    "new.empty_meeting_id": {
        "fr": "« {title} » donne un identifiant de réunion vide ; donnez un titre avec des "
        "lettres ou des chiffres, par exemple « Réunion publique »",
        "en": "'{title}' gives an empty meeting id; "
        "give a title with letters or digits, e.g. 'Public meeting'",
    },
    "new.contribution_id_invalid": {
        "fr": "« {id} » n'est pas un identifiant de contribution valide ; utilisez seulement "
        "des lettres, des chiffres, « . », « _ » et « - », par exemple c-0042",
        "en": "'{id}' is not a valid contribution id; "
        "use letters, digits, '.', '_' and '-' only, e.g. c-0042",
    },
    # ---------------------------------------------------------------- output paths
    "output.collision": {
        "fr": "l'adresse « {url} » est déjà prise par {other}",
        "en": "the address '{url}' is already taken by {other}",
    },
    "output.collision.hint": {
        "fr": "renommez l'un des deux (fichier, identifiant ou dossier) ; les adresses du site "
        "ne distinguent ni les majuscules des minuscules, ni les deux écritures Unicode d'une "
        "même lettre accentuée",
        "en": "rename one of them (file, id or folder); the site's addresses tell neither "
        "capitals from small letters nor the two Unicode spellings of an accented letter apart",
    },
    "output.collision.site": {
        "fr": "une page ou un fichier du site lui-même",
        "en": "a page or file of the site itself",
    },
    "output.collision.generated": {
        "fr": "une page ou un fichier que Greffier produit pour {location}",
        "en": "a page or file that Greffier makes for {location}",
    },
    "output.collision.written": {"fr": "{location}", "en": "{location}"},
    # ---------------------------------------------------------------- personal data
    "personal_data.found": {
        "fr": "donnée personnelle dans un fichier du dépôt public : {what} « {value} »",
        "en": "personal data in a file of the public repository: {what} '{value}'",
    },
    "personal_data.found.hint": {
        "fr": "retirez-la avant de valider (commit) : tout fichier du dépôt est public, même "
        "un brouillon ou une contribution retirée ; si elle peut être publiée (le standard de "
        "la mairie), déclarez-la dans personal_data_ok avec une raison ; si elle a déjà été "
        "poussée, suivez « Effacer des données de l'historique » dans le guide",
        "en": "remove it before committing: every file of the repository is public, even a "
        "draft or a withdrawn contribution; if it may be published (the town hall's "
        "switchboard), list it under personal_data_ok with a reason; if it was already pushed, "
        "follow 'Redactions' in the guide",
    },
    "personal_data.email": {"fr": "adresse électronique", "en": "e-mail address"},
    "personal_data.phone": {"fr": "numéro de téléphone", "en": "phone number"},
    "personal_data.iban": {"fr": "IBAN", "en": "IBAN"},
    "personal_data.nir": {
        "fr": "numéro de sécurité sociale",
        "en": "French social security number",
    },
    "personal_data.commit": {
        "fr": "le message du commit {commit} contient une donnée personnelle : {what} "
        "« {value} » — masquée sur le site",
        "en": "commit {commit} message holds personal data: {what} '{value}' — masked on the site",
    },
    "personal_data.commit.hint": {
        "fr": "pour la retirer du dépôt, réécrivez l'historique (git filter-repo "
        "--replace-message), voir « Effacer des données de l'historique » dans le guide",
        "en": "to remove it from the repository, rewrite the history (git filter-repo "
        "--replace-message), see 'Redactions: erasing data from the history' in the guide",
    },
    "personal_data.unused": {
        "fr": "l'exception « {match} » ne correspond à rien dans ce fichier",
        "en": "the exception '{match}' matches nothing in this file",
    },
    "personal_data.unused.hint": {
        "fr": "retirez-la de personal_data_ok, ou recopiez le texte tel qu'il est écrit",
        "en": "remove it from personal_data_ok, or copy the text as it is written",
    },
    # ---------------------------------------------------------------- greffier import
    "import.summary": {
        "fr": "Import terminé : {imported} nouvelle(s), {updated} mise(s) à jour, {unchanged} "
        "inchangée(s), {skipped} écartée(s).",
        "en": "Import done: {imported} new, {updated} updated, {unchanged} unchanged, "
        "{skipped} skipped.",
    },
    "import.summary.orphans": {
        "fr": "{orphans} commentaire(s) orphelin(s), dont la cible n'est pas dans l'export, non "
        "importé(s) :",
        "en": "{orphans} orphan comment(s), whose target is not in the export, not imported:",
    },
    "import.themes_added": {
        "fr": "Thèmes ajoutés à process.yml : {themes}",
        "en": "Themes added to process.yml: {themes}",
    },
    "import.skipped": {"fr": "écartée : {what} : {reason}", "en": "skipped: {what}: {reason}"},
    "import.orphan": {"fr": "orpheline : {what} : {reason}", "en": "orphan: {what}: {reason}"},
    "import.progress": {"fr": "Écriture des contributions", "en": "Writing contributions"},
    "import.marker": {
        "fr": "champs de la source et texte réécrits à chaque import ; réponse, suite donnée, "
        "thèmes choisis et modération sont conservés",
        "en": "source fields and text rewritten on each import; answer, disposition, chosen "
        "themes and moderation are kept",
    },
    "import.not_ours": {
        "fr": "un fichier de ce nom existe déjà et ne vient pas de cet import ; il est laissé tel "
        "quel",
        "en": "a file of that name exists and was not written by this import; left untouched",
    },
    "import.unreadable": {
        "fr": "l'en-tête YAML du fichier existant est illisible ; corrigez-le avec "
        "`greffier check`, puis relancez l'import",
        "en": "the existing file's front matter cannot be read; fix it with `greffier check`, "
        "then import again",
    },
    "import.process_invalid": {
        "fr": "ce fichier contient des erreurs ; corrigez-les avec `greffier check` avant "
        "d'importer",
        "en": "this file has errors; fix them with `greffier check` before importing",
    },
    "import.invalid_id": {
        "fr": "« {id} » ne peut pas servir d'identifiant",
        "en": "'{id}' cannot be used as an id",
    },
    "import.parent_missing": {
        "fr": "la contribution à laquelle elle répond ({parent}) n'a pas été importée",
        "en": "the contribution it replies to ({parent}) was not imported",
    },
    "import.duplicate": {
        "fr": "le même identifiant figure deux fois dans la source",
        "en": "the same id appears twice in the source",
    },
    "import.redacted": {
        "fr": "données personnelles retirées du texte : {what} : {kinds}",
        "en": "personal data removed from the text: {what}: {kinds}",
    },
    "import.kind.email": {"fr": "adresse électronique", "en": "e-mail address"},
    "import.kind.phone": {"fr": "numéro de téléphone", "en": "phone number"},
    "import.kind.iban": {"fr": "IBAN", "en": "IBAN"},
    "import.kind.nir": {"fr": "numéro de sécurité sociale", "en": "social security number"},
    "import.removed.email": {
        "fr": "[adresse électronique retirée]",
        "en": "[e-mail address removed]",
    },
    "import.removed.phone": {"fr": "[numéro de téléphone retiré]", "en": "[phone number removed]"},
    "import.removed.iban": {"fr": "[IBAN retiré]", "en": "[IBAN removed]"},
    "import.removed.nir": {
        "fr": "[numéro de sécurité sociale retiré]",
        "en": "[social security number removed]",
    },
    "import.empty": {"fr": "texte vide", "en": "empty text"},
    "import.invalid": {"fr": "valeur refusée : {problems}", "en": "invalid value: {problems}"},
    "import.bad_date": {
        "fr": "date illisible « {value} »",
        "en": "unreadable date '{value}'",
    },
    "import.nothing": {
        "fr": "rien n'a été importé ni écrit : aucune ligne de la source n'a pu l'être",
        "en": "nothing was imported or written: no line of the source could be",
    },
    "import.line": {"fr": "{file}, ligne {line}", "en": "{file}, line {line}"},
    "import.pandoc": {
        "fr": "pandoc n'a pas pu convertir les textes importés : {reason}",
        "en": "pandoc could not convert the imported texts: {reason}",
    },
    "import.source.missing": {
        "fr": "ce fichier ou dossier n'existe pas",
        "en": "no such file or folder",
    },
    "import.source.folder": {
        "fr": "c'est un dossier, pas un fichier",
        "en": "this is a folder, not a file",
    },
    "import.source.not_file": {
        "fr": "ce n'est pas un fichier ordinaire",
        "en": "not a regular file",
    },
    "import.source.unreadable": {
        "fr": "impossible de lire ce fichier ({reason})",
        "en": "cannot read this file ({reason})",
    },
    "import.source.too_large": {
        "fr": "fichier de plus de {limit} Mo : trop gros pour être importé ; découpez-le",
        "en": "file larger than {limit} MB: too large to import; split it",
    },
    "import.archive.corrupt": {
        "fr": "archive illisible ou endommagée ({reason})",
        "en": "unreadable or damaged archive ({reason})",
    },
    "import.archive.too_large": {
        "fr": "cette archive se décompresse en plus de {limit} Mo : elle n'est pas lue",
        "en": "this archive expands to more than {limit} MB: not read",
    },
    "import.archive.too_many": {
        "fr": "cette archive contient plus de {limit} fichiers : elle n'est pas lue",
        "en": "this archive holds more than {limit} files: not read",
    },
    "import.archive.nested": {
        "fr": "archive dans l'archive : non lue ; décompressez-la et importez son contenu",
        "en": "archive inside the archive: not read; extract it and import its content",
    },
    "import.table.delimiter": {
        "fr": "« {delimiter} » ne peut pas servir de séparateur : donnez un seul caractère, "
        "comme « ; », « , » ou « | » (tabulation : --delimiter $'\\t')",
        "en": "'{delimiter}' cannot be a delimiter: give one character, such as ';', ',' or '|' "
        "(tab: --delimiter $'\\t')",
    },
    "import.table.empty": {
        "fr": "fichier vide : il n'a même pas de ligne d'en-tête",
        "en": "empty file: not even a header line",
    },
    "import.table.binary": {
        "fr": "ce fichier contient des données binaires, pas du texte : enregistrez-le au format "
        "attendu (CSV pour un classeur)",
        "en": "this file holds binary data, not text: save it in the expected format (CSV for a "
        "spreadsheet)",
    },
    "import.table.quote": {
        "fr": "guillemets mal appariés dans la cellule ouverte ligne {line} (lue jusqu'à la "
        "ligne {end}) : rang non importé, les lignes suivantes sont relues ; corrigez le "
        "fichier puis relancez l'import",
        "en": "unbalanced quotes in the cell opened on line {line} (read up to line {end}): row "
        "not imported, the lines after it are read again; fix the file, then import again",
    },
    "import.table.too_long": {
        "fr": "une cellule dépasse {limit} Mo : rang non importé",
        "en": "a cell is longer than {limit} MB: row not imported",
    },
    "import.table.columns": {
        "fr": "{cells} cellules alors que l'en-tête a {columns} colonnes (un séparateur dans une "
        "cellule sans guillemets ?) : rang non importé",
        "en": "{cells} cells where the header has {columns} columns (a separator in a cell "
        "without quotes?): row not imported",
    },
    "import.decidim.nothing": {
        "fr": "aucun fichier CSV de propositions, de débats, de commentaires ou de rencontres "
        "Decidim ici",
        "en": "no Decidim proposals, debates, comments or meetings CSV file here",
    },
    "import.decidim.not_export": {
        "fr": "ni un dossier, ni une archive .zip, ni un fichier .csv d'export Decidim",
        "en": "neither a folder, a .zip nor a .csv file of a Decidim export",
    },
    "import.decidim.unknown_file": {
        "fr": "fichier non reconnu (ni propositions, ni débats, ni commentaires, ni rencontres ; "
        "colonnes : {columns}) ; non importé",
        "en": "not recognised (neither proposals, debates, comments nor meetings; columns: "
        "{columns}); not imported",
    },
    "import.decidim.unpublished": {
        "fr": "non publiée sur Decidim ; non importée",
        "en": "not published on Decidim; not imported",
    },
    "import.decidim.orphan": {
        "fr": "sa cible ({target}) n'est pas dans l'export ; non importé",
        "en": "its target ({target}) is not in the export; not imported",
    },
    "import.csv.encoding": {
        "fr": "ce fichier ne peut pas être lu avec l'encodage « {encoding} » ; essayez "
        "--encoding cp1252, ou laissez l'encodage être détecté",
        "en": "cannot be read with the encoding '{encoding}'; try --encoding cp1252, or let the "
        "encoding be detected",
    },
    "import.csv.row": {"fr": "rang {number} (ligne {line})", "en": "row {number} (line {line})"},
    "import.csv.empty": {"fr": "« {field} » est vide", "en": "'{field}' is empty"},
    "import.csv.unreadable": {
        "fr": "impossible de lire la correspondance des colonnes ({reason})",
        "en": "cannot read the column mapping ({reason})",
    },
    "import.csv.no_fields": {
        "fr": "la correspondance doit contenir « fields: », qui associe chaque champ à une colonne",
        "en": "the mapping needs 'fields:', which maps each field to a column",
    },
    "import.csv.unknown_setting": {
        "fr": "réglage inconnu « {key} » (réglages possibles : {known})",
        "en": "unknown setting '{key}' (known settings: {known})",
    },
    "import.csv.unknown_field": {
        "fr": "champ inconnu « {field} » (champs possibles : {known})",
        "en": "unknown field '{field}' (known fields: {known})",
    },
    "import.csv.bad_spec": {
        "fr": "« {field} » doit être un nom de colonne, {{column: …}} ou {{value: …}}",
        "en": "'{field}' must be a column name, {{column: …}} or {{value: …}}",
    },
    "import.csv.no_column": {
        "fr": "le fichier n'a pas de colonne « {column} » (colonnes : {columns})",
        "en": "the file has no column '{column}' (columns: {columns})",
    },
    "import.csv.no_column.hint": {
        "fr": "pour une valeur fixe, écrivez « {field}: {{value: {value}}} »",
        "en": "for a fixed value, write '{field}: {{value: {value}}}'",
    },
    "import.csv.bad_value": {
        "fr": "valeur « {value} » inconnue (valeurs possibles : {known})",
        "en": "unknown value '{value}' (known values: {known})",
    },
    "import.csv.missing_field": {
        "fr": "le champ obligatoire « {field} » n'est pas associé à une colonne",
        "en": "the required field '{field}' is not mapped to a column",
    },
    "import.csv.bad_prefix": {
        "fr": "« {prefix} » ne peut pas servir de préfixe d'identifiant (minuscules, chiffres "
        "et « - »)",
        "en": "'{prefix}' cannot prefix ids (lowercase letters, digits and '-')",
    },
    # ---------------------------------------------------------------- greffier import minutes
    "import.minutes.format": {
        "fr": "format non pris en charge ; importez un fichier {formats}",
        "en": "unsupported format; import a {formats} file",
    },
    "import.minutes.exists": {
        "fr": "ce compte rendu existe déjà et n'a pas été modifié ; relancez avec --force pour le "
        "remplacer",
        "en": "these minutes already exist and were left untouched; run again with --force to "
        "replace them",
    },
    "import.minutes.unreadable": {
        "fr": "pandoc n'a pas pu lire ce fichier : {reason}",
        "en": "pandoc could not read this file: {reason}",
    },
    "import.minutes.documents_not_list": {
        "fr": "les images ({files}) n'ont pas pu y être déclarées : ce fichier n'est pas une "
        "liste dont chaque entrée commence par « - » ; déclarez-les à la main",
        "en": "the images ({files}) could not be declared there: this file is not a list whose "
        "entries start with '- '; declare them by hand",
    },
    "import.minutes.header": {
        "fr": "Importé de « {file} » le {today} par `greffier import minutes`.",
        "en": "Imported from '{file}' on {today} by `greffier import minutes`.",
    },
    "import.minutes.review": {
        "fr": "Relisez-le (titres, tableaux, images, données personnelles) : tant que "
        "« draft: true » est présent, il est vérifié mais PAS publié.",
        "en": "Read it through (headings, tables, images, personal data): as long as "
        "'draft: true' is here, it is checked but NOT published.",
    },
    "import.minutes.dates": {
        "fr": "Date de publication, et d'approbation s'il a été approuvé :",
        "en": "Date of publication, and of approval if it was approved:",
    },
    "import.minutes.attendees": {"fr": "Nombre de participants :", "en": "Number of attendees:"},
    "import.minutes.authors": {"fr": "Rédacteurs :", "en": "Written by:"},
    "import.minutes.author_example": {
        "fr": "Nom du rédacteur ou du service",
        "en": "Name of the writer or department",
    },
    "import.minutes.image_title": {
        "fr": "Image {number} du compte rendu {meeting}",
        "en": "Image {number} of the minutes {meeting}",
    },
    "import.minutes.written": {
        "fr": "{path} écrit, en brouillon : relisez-le, puis retirez « draft: true » pour le "
        "publier.",
        "en": "{path} written, as a draft: read it through, then remove 'draft: true' to "
        "publish it.",
    },
    "import.minutes.image": {
        "fr": "image {file} déclarée dans documents.yml, en brouillon : retirez aussi son "
        "« draft: true » à la publication",
        "en": "image {file} declared in documents.yml, as a draft: remove its 'draft: true' "
        "too when publishing",
    },
    "import.minutes.no_alt": {
        "fr": "image {file} sans texte de remplacement : décrivez-la entre les crochets de "
        "![…] dans le compte rendu",
        "en": "image {file} has no text alternative: describe it between the brackets of "
        "![…] in the minutes",
    },
    "import.minutes.image_skipped": {
        "fr": "image non importée : {src} ; déposez-la dans documents/, déclarez-la dans "
        "documents.yml et corrigez le lien",
        "en": "image not imported: {src}; put it in documents/, declare it in documents.yml "
        "and fix the link",
    },
    # ---------------------------------------------------------------- the CLI's summary
    "summary.checked": {
        "fr": "Vérification de {checked} : {totals}.",
        "en": "Checked {checked}: {totals}.",
    },
    "summary.fix": {
        "fr": "{totals} : corrigez-les, puis relancez `greffier check`.",
        "en": "{totals}: fix them, then run `greffier check` again.",
    },
    "count.error.one": {"fr": "{n} erreur", "en": "{n} error"},
    "count.error.other": {"fr": "{n} erreurs", "en": "{n} errors"},
    "count.warning.one": {"fr": "{n} avertissement", "en": "{n} warning"},
    "count.warning.other": {"fr": "{n} avertissements", "en": "{n} warnings"},
    "count.process.one": {"fr": "{n} processus", "en": "{n} process"},
    "count.process.other": {"fr": "{n} processus", "en": "{n} processes"},
    "count.meeting.one": {"fr": "{n} réunion", "en": "{n} meeting"},
    "count.meeting.other": {"fr": "{n} réunions", "en": "{n} meetings"},
    "count.minutes.one": {"fr": "{n} compte rendu", "en": "{n} minutes"},
    "count.minutes.other": {"fr": "{n} comptes rendus", "en": "{n} minutes"},
    "count.document.one": {"fr": "{n} document", "en": "{n} document"},
    "count.document.other": {"fr": "{n} documents", "en": "{n} documents"},
    "count.contribution.one": {"fr": "{n} contribution", "en": "{n} contribution"},
    "count.contribution.other": {"fr": "{n} contributions", "en": "{n} contributions"},
}


def placeholders(template: str) -> frozenset[str]:
    """The names a template expects, for the test that both languages agree."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


class Wording:
    """Greffier's messages in one language: `say("field.missing", name="opens")`."""

    def __init__(self, language: str = "en") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}: use one of {LANGUAGES}")
        self.language = cast(Language, language)

    def __call__(self, key: str, /, **values: object) -> str:
        return CATALOGUE[key][self.language].format(**values)

    def count(self, key: str, n: int) -> str:
        """`n` things, singular or plural: French counts 0 and 1 as singular, English only 1."""
        singular = n < 2 if self.language == "fr" else n == 1
        return self(f"count.{key}.{'one' if singular else 'other'}", n=n)
