"""Interface strings, dates, numbers and sizes in the site's language (French or English).

Strings live in a plain dictionary per language rather than gettext catalogues: there is no
compilation step, and a test checks both languages define the same keys with the same
placeholders. Dates are always written out ("jeudi 12 mars 2026") with Babel, and times are
shown in the process's own time zone, so a reader never converts anything.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from babel.units import format_unit
from markupsafe import Markup

LANGUAGES: Final = ("fr", "en")

_FR: Final[dict[str, str]] = {
    # Downloads: the offline files of a process (export.bundle).
    "section.downloads": "Télécharger",
    "downloads.title": "Télécharger et imprimer",
    "downloads.intro": (
        "Tout le processus hors ligne : pour le lire sans connexion, l’imprimer, l’afficher ou "
        "le transmettre. Les fichiers sont refaits à chaque modification du processus."
    ),
    "downloads.dossier": "Dossier complet : {title}",
    "downloads.form_title": "Formulaire de contribution papier : {title}",
    "downloads.dossier_heading": "Le dossier complet",
    "downloads.caption": "Le dossier complet dans chaque format",
    "downloads.caption_items": "Comptes rendus et documents, un fichier chacun",
    "downloads.caption_paper": "Affiches de réunion et formulaire papier",
    "downloads.file": "Fichier",
    "downloads.format": "Format",
    "downloads.size": "Taille",
    "downloads.paper_intro": (
        "À imprimer pour les panneaux d’affichage, les mairies et les réunions : chaque affiche "
        "porte un code QR vers la page de la réunion ; le formulaire se renvoie par la poste ou "
        "se dépose en réunion."
    ),
    "downloads.notice": "Affiche : {title}",
    "downloads.none": "Aucun fichier à télécharger pour ce processus.",
    "downloads.kind.dossier": "PDF accessible (balisé)",
    "downloads.kind.large-print": "PDF en gros caractères (16 points et plus)",
    "downloads.kind.odt": "Texte modifiable OpenDocument (LibreOffice)",
    "downloads.kind.docx": "Texte modifiable Word",
    "downloads.kind.epub": "Livre numérique EPUB (liseuses)",
    "downloads.kind.html": "Page web unique, lisible sans connexion",
    "downloads.kind.minutes": "PDF",
    "downloads.kind.document": "PDF",
    "downloads.kind.notice": "PDF à imprimer, format {size}",
    "downloads.kind.form": "PDF à imprimer, A4",
    "downloads.item_pdf": "Version imprimable (PDF, {size})",
    "downloads.link": "Télécharger ou imprimer le dossier complet",
    # site frame
    "site.skip": "Aller au contenu",
    "site.legal_nav": "Informations légales",
    "site.breadcrumb": "Fil d’Ariane",
    "site.header": "En-tête du site",
    "site.home": "Accueil",
    "site.situation": "Situation au {date}",
    "site.situation_inline": "situation au {date}",
    "site.external": "(site externe)",
    "site.none": "Non renseigné",
    "site.labelled": "{label} : {value}",
    "nav.processes": "Processus",
    # process sections
    "section.nav": "Rubriques du processus",
    "section.overview": "Présentation",
    "section.meetings": "Agenda",
    "section.minutes": "Comptes rendus",
    "section.documents": "Documents",
    "section.contributions": "Contributions",
    "section.outcome": "Bilan et engagements",
    "section.journal": "Journal des modifications",
    # vocabularies
    "ProcessStatus.upcoming": "À venir",
    "ProcessStatus.open": "En cours",
    "ProcessStatus.closed": "Terminé",
    "ProcessStatus.archived": "Archivé",
    "MeetingStatus.scheduled": "Prévue",
    "MeetingStatus.held": "Tenue",
    "MeetingStatus.cancelled": "Annulée",
    "MeetingStatus.postponed": "Reportée",
    "MeetingFormat.in-person": "En présentiel",
    "MeetingFormat.online": "En ligne",
    "MeetingFormat.hybrid": "En présentiel et en ligne",
    "AccessibilityFlag.wheelchair": "Accessible en fauteuil roulant",
    "AccessibilityFlag.hearing_loop": "Boucle magnétique pour les personnes malentendantes",
    "AccessibilityFlag.sign_language": "Interprétation en langue des signes française (LSF)",
    "AccessibilityFlag.captioning": "Sous-titrage en direct",
    "Channel.online": "En ligne",
    "Channel.meeting": "En réunion",
    "Channel.paper": "Sur papier (registre)",
    "Channel.email": "Par courriel",
    "Channel.post": "Par courrier",
    "Channel.phone": "Par téléphone",
    "Channel.workshop": "En atelier",
    "ContributionKind.opinion": "Avis",
    "ContributionKind.question": "Question",
    "ContributionKind.proposal": "Proposition",
    "ContributionKind.stakeholder-paper": "Cahier d’acteur",
    "DispositionStatus.taken-into-account": "Prise en compte",
    "DispositionStatus.partially": "Partiellement prise en compte",
    "DispositionStatus.not-retained": "Non retenue",
    "DispositionStatus.out-of-scope": "Hors du champ de la concertation",
    "AlternativeKind.easy-read": "Facile à lire et à comprendre (FALC)",
    "AlternativeKind.accessible": "Version accessible",
    "AlternativeKind.audio": "Version audio",
    "AlternativeKind.translation": "Traduction",
    "CommitmentStatus.planned": "Prévu",
    "CommitmentStatus.in-progress": "En cours",
    "CommitmentStatus.done": "Réalisé",
    "CommitmentStatus.abandoned": "Abandonné",
    "kind.concertation-prealable": "Concertation préalable",
    "kind.debat-public": "Débat public",
    "kind.consultation": "Consultation",
    "kind.conseil": "Conseil",
    # home
    "home.title": "Participations du public",
    "home.intro": (
        "Concertations, consultations et débats publics : calendrier, réunions, documents, "
        "contributions du public et réponses apportées."
    ),
    "home.filter": "Filtrer par statut",
    "home.all": "Tous les processus",
    "home.status_title": "Processus : {status}",
    "home.empty": "Aucun processus n’est publié pour le moment.",
    "home.empty_status": "Aucun processus n’a ce statut pour le moment.",
    "home.count.one": "{count} processus",
    "home.count.other": "{count} processus",
    "home.organiser": "Organisé par {organiser}",
    "dates.range": "Du {start} au {end}",
    "dates.from": "À partir du {start}",
    "dates.day": "Le {start}",
    # overview
    "overview.status": "Statut",
    "overview.dates": "Participation",
    "overview.organiser": "Organisateur",
    "overview.kind": "Type",
    "overview.territory": "Territoire",
    "overview.answer_due": "Réponses aux contributions",
    "overview.answer_due_value": "avant le {date}",
    "overview.presentation": "Présentation",
    "overview.phases": "Calendrier",
    "overview.phase.done": "terminée",
    "overview.phase.current": "en cours",
    "overview.phase.upcoming": "à venir",
    "overview.next_meeting": "Prochaine réunion",
    "overview.no_next_meeting": "Aucune réunion à venir n’est annoncée pour le moment.",
    "overview.latest_minutes": "Derniers comptes rendus",
    "overview.no_minutes": "Aucun compte rendu n’est publié pour le moment.",
    "overview.latest_documents": "Derniers documents",
    "overview.no_documents": "Aucun document n’est publié pour le moment.",
    "overview.figures": "Chiffres clés",
    "overview.figure.meetings": "Réunions",
    "overview.figure.attendees": "Participants aux réunions (d’après les comptes rendus)",
    "overview.figure.contributions": "Contributions reçues",
    "overview.figure.answered": "Contributions ayant reçu une réponse",
    "overview.figure.documents": "Documents publiés",
    "overview.participate": "Comment participer",
    "overview.contact": "Contact",
    "overview.contact.address": "Adresse postale",
    "overview.contact.phone": "Téléphone",
    "overview.contact.email": "Courriel",
    "overview.contact.url": "Site internet",
    "overview.guarantors": "Garants",
    "overview.legal_basis": "Cadre légal",
    "overview.charter": "Charte de participation",
    "overview.licence": "Licence",
    "overview.all_meetings": "Voir tout l’agenda",
    "overview.all_documents": "Voir tous les documents",
    "overview.all_contributions": "Voir toutes les contributions",
    # meetings
    "meetings.title": "Agenda",
    "meetings.upcoming": "Réunions à venir",
    "meetings.past": "Réunions passées",
    "meetings.empty": "Aucune réunion n’est annoncée pour le moment.",
    "meetings.no_upcoming": "Aucune réunion à venir n’est annoncée pour le moment.",
    "meetings.no_past": "Aucune réunion ne s’est encore tenue.",
    "meeting.when": "Date et heure",
    "meeting.time_range": "{date}, de {start} à {end}",
    "meeting.time_start": "{date}, à {start}",
    "meeting.status": "Statut",
    "meeting.cancelled": "Cette réunion est annulée.",
    "meeting.postponed": "Cette réunion est reportée.",
    "meeting.postponed_to": "Cette réunion est reportée au {date}.",
    "meeting.reason": "Motif : {reason}",
    "meeting.format": "Format",
    "meeting.place": "Lieu",
    "meeting.map": "Voir {address} sur OpenStreetMap",
    "meeting.access": "Accès",
    "meeting.accessibility": "Accessibilité",
    "meeting.no_accessibility": (
        "Aucun aménagement d’accessibilité n’est signalé pour cette réunion."
    ),
    "meeting.online": "Participer en ligne",
    "meeting.online_link": "Rejoindre la réunion en ligne",
    "meeting.registration": "Inscription",
    "meeting.registration_link": "S’inscrire à la réunion",
    "meeting.description": "Description",
    "meeting.agenda": "Ordre du jour",
    "meeting.agenda.item": "Point",
    "meeting.agenda.duration": "Durée",
    "meeting.agenda.speaker": "Intervenant·e",
    "meeting.agenda.caption": "Ordre du jour de la réunion",
    "meeting.minutes": "Compte rendu",
    "meeting.minutes_link": "Lire le compte rendu : {title}",
    "meeting.no_minutes": "Le compte rendu n’est pas encore publié.",
    "meeting.minutes_after": "Le compte rendu sera publié ici après la réunion.",
    "meeting.recording": "Enregistrement vidéo de la réunion",
    "meeting.transcript": "Transcription de la réunion",
    "meeting.media": "Enregistrement et transcription",
    "meeting.contributions": "Contributions exprimées lors de cette réunion",
    # printed meeting notices (posters) and paper contribution forms
    "poster.title": "Affiche : {title}",
    "poster.time_range": "de {start} à {end}",
    "poster.time_start": "à {start}",
    "poster.postponed_from": "Réunion reportée : elle devait avoir lieu le {date}.",
    "poster.cancelled": "Réunion annulée",
    "poster.cancelled_date": "La réunion prévue le {date} n’aura pas lieu.",
    "poster.postponed": "Réunion reportée",
    "poster.postponed_date": (
        "La réunion prévue le {date} est reportée ; sa nouvelle date sera annoncée."
    ),
    "poster.online": "Vous pouvez aussi la suivre en ligne : {url}",
    "poster.otherwise": "Vous ne pouvez pas venir ? Participez autrement",
    "poster.other_ways": "Participez autrement",
    "poster.until": "Vous pouvez donner votre avis jusqu’au {date} :",
    "poster.qr": "Toutes les informations sur cette réunion :",
    "poster.registration": "Inscription :",
    "form.title": "Formulaire de contribution : {title}",
    "form.heading": "Donnez votre avis",
    "form.intro": (
        "Une contribution sur papier a la même valeur qu’une contribution en ligne : elle est "
        "publiée et reçoit une réponse écrite."
    ),
    "form.themes": "Sur quels sujets porte votre contribution ? Cochez une ou plusieurs cases.",
    "form.theme_other": "Autre sujet :",
    "form.text": "Votre contribution",
    "form.more": "Vous manquez de place ? Continuez sur papier libre, joint à ce formulaire.",
    "form.identity": "Vous (facultatif)",
    "form.name": "Nom et prénom",
    "form.organisation": "Au nom d’une organisation (association, entreprise…)",
    "form.postcode": "Code postal",
    "form.reply_address": "Adresse pour recevoir la réponse par courrier",
    "form.published.full": (
        "Si vous l’indiquez, votre nom sera publié en entier avec votre contribution."
    ),
    "form.published.initials": (
        "Si vous l’indiquez, seules les initiales de votre nom seront publiées "
        "(par exemple « J. M. »)."
    ),
    "form.published.anonymous": (
        "Votre nom ne sera pas publié : votre contribution paraîtra anonyme."
    ),
    "form.never_published": (
        "Le nom d’une organisation est publié en entier. Votre code postal et votre adresse ne "
        "sont jamais publiés : le code postal montre d’où viennent les avis, l’adresse sert "
        "seulement à vous envoyer la réponse."
    ),
    "form.return": "Rendre ce formulaire",
    "form.deadline": "Au plus tard le {date}.",
    "form.by_post": "Par courrier, à :",
    "form.at_meetings": "Ou déposez-le lors d’une réunion publique :",
    "form.online": "Lire les contributions et les réponses, ou participer en ligne :",
    "form.office": "Réservé à l’organisateur",
    "form.office.reference": "N° d’enregistrement :",
    "form.office.received": "Reçu le :",
    "duration.minutes": "{count} min",
    # calendars (iCalendar files)
    "calendar.add": "Ajouter à mon agenda (fichier .ics)",
    "calendar.subscribe": "S’abonner à l’agenda de ce processus (fichier .ics)",
    "calendar.subscribe_site": "S’abonner à l’agenda de toutes les réunions (fichier .ics)",
    "calendar.subscribe_hint": (
        "Pour recevoir les changements de date et les annulations, copiez l’adresse de ce lien "
        "dans votre application d’agenda (abonnement par adresse web)."
    ),
    "calendar.site_title": "Toutes les réunions publiques",
    "calendar.cancelled": "Annulée : {title}",
    "calendar.postponed": "Reportée : {title}",
    "calendar.postponed_from": "Réunion reportée ; elle était prévue le {date}.",
    "calendar.process": "Processus : {title}",
    "calendar.page": "Page de la réunion : {url}",
    # minutes
    "minutes.title": "Comptes rendus",
    "minutes.heading": "Compte rendu : {title}",
    "minutes.empty": "Aucun compte rendu n’est publié pour le moment.",
    "minutes.meeting": "Réunion",
    "minutes.published": "Publié le",
    "minutes.approved": "Approuvé le",
    "minutes.not_approved": "Pas encore approuvé",
    "minutes.attendees": "Participants",
    "minutes.authors": "Rédaction",
    # documents
    "documents.title": "Documents",
    "documents.caption": "Documents publiés, du plus récent au plus ancien",
    "documents.empty": "Aucun document n’est publié pour le moment.",
    "documents.sha_help": (
        "L’empreinte SHA-256 permet de vérifier qu’un fichier téléchargé est identique au "
        "fichier publié."
    ),
    "documents.col.title": "Document",
    "documents.col.kind": "Type",
    "documents.col.format": "Format",
    "documents.col.size": "Taille",
    "documents.col.date": "Date",
    "documents.col.sha": "Empreinte SHA-256",
    "documents.col.alternatives": "Autres versions",
    "documents.sha_label": "Empreinte SHA-256 de {title} :",
    "documents.no_alternative": "Aucune",
    "documents.unknown": "Inconnue",
    "documents.supersedes": "Remplace : {title}",
    "documents.superseded_by": "Remplacé par : {title}",
    "documents.page_format": "Page web",
    "document.alternative_of": "Autre version de : {title}",
    "document.details": "Résumé des documents",
    # contributions
    "contributions.title": "Contributions",
    "contributions.theme_title": "Contributions sur le thème « {theme} »",
    "contributions.channel_title": "Contributions reçues : {channel}",
    "contributions.answered_title": "Contributions ayant reçu une réponse",
    "contributions.unanswered_title": "Contributions en attente de réponse",
    "contributions.page": "page {number} sur {total}",
    "contributions.count.one": "{count} contribution",
    "contributions.count.other": "{count} contributions",
    "contributions.empty": "Aucune contribution n’est publiée pour le moment.",
    "contributions.empty_filter": "Aucune contribution ne correspond à ce filtre.",
    "contributions.filters": "Filtrer les contributions",
    "contributions.filter.all": "Toutes les contributions",
    "contributions.filter.themes": "Par thème",
    "contributions.filter.channels": "Par moyen de participation",
    "contributions.filter.answers": "Par réponse",
    "contributions.filter.answered": "Avec une réponse",
    "contributions.filter.unanswered": "En attente de réponse",
    "contribution.heading": "Contribution n° {reference}",
    "contribution.received": "Reçue le",
    "contribution.channel": "Moyen",
    "contribution.kind": "Type",
    "contribution.themes": "Thèmes",
    "contribution.author": "Auteur",
    "contribution.meeting": "Exprimée lors de",
    "contribution.parent": "En réponse à",
    "contribution.source": "Source",
    "contribution.anonymous": "Contributeur·rice anonyme",
    "contribution.withdrawn": "Retirée par son auteur le {date}.",
    "contribution.moderated": "Masquée par la modération. Motif : {reason}",
    "contribution.charter_link": "Lire la charte de participation",
    "contribution.answer": "Réponse de {by}, le {date}",
    "contribution.no_answer": "Pas encore de réponse.",
    "contribution.answer_due": "Réponse attendue avant le {date}.",
    "contribution.disposition": "Suite donnée : {status}.",
    "contribution.replies": "Réponses à cette contribution",
    "pagination.label": "Pagination",
    "pagination.previous": "Page précédente",
    "pagination.next": "Page suivante",
    "pagination.page": "Page {number}",
    # outcome
    "outcome.title": "Bilan et engagements",
    "outcome.report": "Bilan",
    "outcome.no_report": "Le bilan n’est pas encore publié.",
    "outcome.commitments": "Engagements",
    "outcome.no_commitments": "Aucun engagement n’est publié pour le moment.",
    "outcome.status": "État",
    "outcome.due": "Échéance",
    "outcome.updates": "Suivi",
    "outcome.contributions": "Contributions à l’origine de cet engagement",
    # legal pages
    "legal.notice": "Mentions légales",
    "legal.privacy": "Données personnelles",
    "legal.accessibility": "Accessibilité",
    "legal.accessibility_footer": "Accessibilité : {status}",
    "legal.schemas": "Schémas des fichiers",
    "legal.publisher": "Éditeur du site",
    "legal.director": "Directeur ou directrice de la publication",
    "legal.host": "Hébergeur",
    "legal.contact": "Contact",
    "legal.content": "Contenus et licences",
    "legal.content_intro": (
        "Chaque processus indique la licence de ses contenus et de ses données ; les "
        "contributions du public restent sous la responsabilité de leurs auteurs."
    ),
    "legal.software": "Logiciel",
    "legal.software_text": (
        "Ce site est produit par Greffier, logiciel libre publié sous licence EUPL 1.2. "
        "Il ne dépose aucun cookie et ne fait appel à aucun service tiers."
    ),
    "privacy.intro": (
        "Cette page explique quelles informations sur les personnes qui participent sont "
        "publiées sur ce site, pourquoi, et comment faire valoir vos droits (règlement "
        "général sur la protection des données, RGPD)."
    ),
    "privacy.controller": "Responsable du traitement",
    "privacy.controller_text": (
        "Chaque processus est placé sous la responsabilité de son organisateur, indiqué ci-dessous."
    ),
    "privacy.published": "Ce qui est publié",
    "privacy.published_text": (
        "Sont publiés : le texte de votre contribution, sa date, le moyen par lequel elle a "
        "été reçue, ses thèmes, la réponse de l’organisateur et, le cas échéant, le nom de "
        "l’organisation au nom de laquelle vous vous exprimez. Ne sont jamais publiés : votre "
        "adresse postale, votre adresse électronique ni votre numéro de téléphone."
    ),
    "privacy.display": "Affichage des noms des particuliers",
    "privacy.display.full": "nom complet (par exemple « Jeanne Martin »)",
    "privacy.display.initials": "initiales seulement (par exemple « J. M. »)",
    "privacy.display.anonymous": "aucun nom : « Contributeur·rice anonyme »",
    "privacy.basis": "Base légale",
    "privacy.basis_text": (
        "La publication répond à une mission d’intérêt public (article 6-1-e du RGPD) : "
        "informer le public et rendre compte de la participation, en application du cadre "
        "légal de chaque processus."
    ),
    "privacy.cookies": "Cookies et mesure d’audience",
    "privacy.cookies_text": (
        "Ce site ne dépose aucun cookie, ne mesure pas l’audience et ne charge aucune "
        "ressource depuis un autre site."
    ),
    "privacy.rights": "Retirer une contribution ou exercer vos droits",
    "privacy.rights_text": (
        "Vous pouvez demander à tout moment l’accès à vos données, leur rectification ou le "
        "retrait de votre contribution, en écrivant à l’organisateur du processus concerné. "
        "Une contribution retirée reste mentionnée comme « retirée », sans son contenu ni son "
        "auteur."
    ),
    "privacy.cnil": (
        "Si vous estimez, après avoir contacté l’organisateur, que vos droits ne sont pas "
        "respectés, vous pouvez adresser une réclamation à la Commission nationale de "
        "l’informatique et des libertés (CNIL)."
    ),
    "privacy.cnil_link": "Adresser une réclamation à la CNIL",
    "privacy.processes": "Processus publiés",
    "privacy.no_process": "Aucun processus n’est publié pour le moment.",
    "accessibility.intro": (
        "{publisher} s’engage à rendre ce site accessible conformément à l’article 47 de la loi "
        "n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique au site "
        "« {site} »."
    ),
    "accessibility.status": "État de conformité",
    "accessibility.status.none": "non conforme",
    "accessibility.status.partial": "partiellement conforme",
    "accessibility.status.full": "totalement conforme",
    "accessibility.status_text": (
        "Ce site est {status} avec le référentiel général d’amélioration de l’accessibilité "
        "(RGAA), version 4.1."
    ),
    "accessibility.no_audit": (
        "Aucun audit de conformité n’a encore été réalisé : en l’absence d’audit, le RGAA "
        "impose de déclarer le site non conforme, même si aucun défaut n’est connu."
    ),
    "accessibility.audit": (
        "Un audit réalisé le {date} par {auditor} indique que {rate} des critères du RGAA 4.1 "
        "sont respectés."
    ),
    "accessibility.tests": "Tests réalisés",
    "accessibility.tests_intro": (
        "À chaque version, les pages de chaque type sont vérifiées automatiquement, en "
        "français et en anglais :"
    ),
    "accessibility.test.axe": (
        "outil axe-core dans le navigateur Chromium, règles WCAG 2.1 niveaux A et AA et "
        "bonnes pratiques : aucune erreur tolérée ;"
    ),
    "accessibility.test.reflow": (
        "affichage sans défilement horizontal sur un écran de 320 pixels de large ;"
    ),
    "accessibility.test.keyboard": "navigation complète au clavier, focus visible ;",
    "accessibility.test.offline": (
        "aucune requête vers un autre site, contenus lisibles sans JavaScript."
    ),
    "accessibility.tests_limit": (
        "Les tests automatiques ne détectent qu’une partie des défauts : ils ne remplacent pas "
        "un audit."
    ),
    "accessibility.technologies": "Technologies utilisées",
    "accessibility.technologies_text": "HTML5, CSS, WAI-ARIA, JavaScript (facultatif).",
    "accessibility.feedback": "Signaler un défaut",
    "accessibility.feedback_text": (
        "Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous : nous vous "
        "proposerons une alternative accessible, par exemple un document papier envoyé par "
        "courrier."
    ),
    "accessibility.recourse": "Voies de recours",
    "accessibility.recourse_text": (
        "Si vous nous avez signalé un défaut d’accessibilité sans obtenir de réponse "
        "satisfaisante, vous pouvez saisir le Défenseur des droits : par le formulaire en "
        "ligne, en contactant un délégué dans votre région, ou par courrier gratuit sans "
        "affranchissement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07."
    ),
    "accessibility.recourse_link": "Saisir le Défenseur des droits (formulaire en ligne)",
    "schemas.title": "Schémas des fichiers",
    "schemas.intro": (
        "Chaque fichier d’un dossier de processus a un schéma JSON. Ajoutez en première ligne "
        "d’un fichier YAML un commentaire « # yaml-language-server: $schema=… » avec l’adresse "
        "du schéma : votre éditeur vérifiera le fichier et proposera les champs."
    ),
    "schemas.caption": "Schémas JSON publiés",
    "schemas.col.file": "Fichier",
    "schemas.col.schema": "Schéma",
    "schemas.file.process": "process.yml",
    "schemas.file.meeting": "meetings/<id>.md (en-tête)",
    "schemas.file.minutes": "minutes/<id>.md (en-tête)",
    "schemas.file.documents": "documents.yml (chaque entrée)",
    "schemas.file.contribution": "contributions/<id>.md (en-tête)",
    "schemas.file.commitments": "commitments.yml (chaque entrée)",
    "schemas.file.redactions": "redactions.yml (chaque entrée)",
    "search.title": "Rechercher",
    "search.label": "Mots à rechercher",
    "search.filter.process": "Processus",
    "search.filter.type": "Type de page",
    "search.hint": (
        "Les résultats s’affichent pendant la saisie ; des filtres par processus et par type "
        "de page apparaissent avec eux."
    ),
    "search.listings": "la liste des processus et leurs rubriques",
    "search.noscript": (
        "La recherche a besoin de JavaScript, désactivé dans votre navigateur. "
        "Tout le contenu reste accessible depuis {listings}."
    ),
    "search.unavailable": (
        "La recherche n’est pas disponible sur ce site. "
        "Tout le contenu reste accessible depuis {listings}."
    ),
    "pagetype.process": "Processus",
    "pagetype.meeting": "Réunion",
    "pagetype.minutes": "Compte rendu",
    "pagetype.document": "Document",
    "pagetype.contribution": "Contribution",
    "pagetype.outcome": "Bilan",
    "pagetype.legal": "Information légale",
    "pagetype.listing": "Liste",
    "pagetype.guide": "Guide",
    # history
    "history.first_published": "Mis en ligne le {date}",
    "history.last_changed": "Dernière modification le {date}",
    "history.version": "Version {number}",
    "history.link": "Voir l’historique",
    "history.unavailable": "Historique indisponible : {reason}.",
    "history.reason.not a git repository": "le site n’a pas été produit depuis un dépôt git",
    "history.reason.no commit yet": "aucune version n’a encore été enregistrée",
    "history.reason.git is not installed": "git n’est pas installé sur la machine de production",
    "history.uncommitted": (
        "Modifications non publiées : ce texte diffère de sa dernière version enregistrée."
    ),
    "history.not_committed": (
        "Modifications non publiées : ce texte n’est pas encore enregistré dans l’historique."
    ),
    "history.late.after-close": (
        "Modifié le {date}, après la clôture de la concertation le {settled}."
    ),
    "history.late.after-approval": (
        "Modifié le {date}, après l’approbation du compte rendu le {settled}."
    ),
    "history.heading": "Historique : {title}",
    "history.version_heading": "{title}, version {number}",
    "history.back": "Page actuelle : {title}",
    "history.intro": (
        "Chaque version est une publication enregistrée (commit) dans le dépôt du site, de la "
        "plus récente à la plus ancienne. Les identifiants permettent de la vérifier dans le "
        "dépôt."
    ),
    "history.version_title": "Version {number}, {date}",
    "history.short_id": "Identifiant court",
    "history.full_id": "Identifiant complet",
    "history.author": "Publiée par",
    "history.message": "Message",
    "history.permalink": "Texte de la version {number}",
    "history.created": "Première version.",
    "history.text": "Modifications du texte",
    "history.fields": "Modifications des informations",
    "history.no_change": "Aucune modification du texte ni des informations.",
    "history.field_changed": "{field} : {old} → {new}",
    "history.field_added": "{field} : ajout ({new})",
    "history.field_added_plain": "{field} : ajout",
    "history.field_removed": "{field} : retrait (était : {old})",
    "history.field_removed_plain": "{field} : retrait",
    "history.deletion": "début de suppression",
    "history.deletion_end": "fin de suppression",
    "history.insertion": "début d’insertion",
    "history.insertion_end": "fin d’insertion",
    "history.hidden": (
        "Le texte de cette contribution n’est plus publié ({reason}) : ses versions "
        "antérieures ne le sont pas non plus. Seules leurs dates sont indiquées."
    ),
    "history.hidden.withdrawn": "retirée par son auteur",
    "history.hidden.moderated": "masquée par la modération",
    "history.moved": "Cette page a changé d’adresse : suivre ce lien.",
    "history.moved_title": "Page déplacée",
    "history.previous": "Anciennes adresses",
    "history.previous_intro": "Ces adresses renvoient vers cette page :",
    "history.as_of": "Texte tel que publié le {date} (version {number} sur {total}).",
    "history.source": "Contenu du fichier",
    "history.field.title": "titre",
    "history.field.status": "statut",
    "history.field.start": "début",
    "history.field.end": "fin",
    "history.field.approved": "approbation",
    "history.field.published": "publication",
    "history.field.answer": "réponse",
    "history.field.text": "texte",
    "history.field.date": "date",
    "history.field.by": "auteur de la réponse",
    "history.field.author": "auteur",
    "history.field.withdrawn": "retrait",
    "history.field.moderation": "modération",
    "history.field.reason": "motif",
    "history.field.received": "réception",
    "history.field.themes": "thèmes",
    "history.field.channel": "moyen",
    "history.field.kind": "type",
    "history.field.summary": "résumé",
    "history.field.opens": "ouverture",
    "history.field.closes": "clôture",
    "history.field.attendees": "participants",
    "history.field.place": "lieu",
    "history.field.disposition": "suite donnée",
    "history.field.postponed_to": "report",
    # redactions and drafts in the history
    "history.withheld": "Version masquée : {reason} (effacement du {date}).",
    "history.withheld_undated": "Version masquée : {reason}.",
    "history.unpublished": "Version non publiée (brouillon).",
    "history.after.redaction": (
        "Texte après effacement : les modifications par rapport aux versions masquées ne sont "
        "pas montrées."
    ),
    "history.after.draft": "Première version publiée.",
    "history.unreadable": (
        "Version illisible : ses données ne sont pas du YAML valide ou dépassent les limites de "
        "Greffier ; elle n’est pas montrée."
    ),
    "history.after.unreadable": (
        "Version suivant une version illisible : les modifications par rapport à elle ne sont "
        "pas montrées."
    ),
    "history.message_withheld": (
        "[Message masqué : cette publication a modifié une version effacée de l’historique.]"
    ),
    # journal (generator/render/journal_pages.py) and forge links
    "journal.title": "Journal des modifications",
    "journal.site_title": "Journal des modifications du site",
    "journal.feed_title": "{title} : journal des modifications",
    "journal.feed_link": "S’abonner au flux Atom du journal",
    "journal.intro": "Chaque modification publiée, la plus récente en premier, jour par jour.",
    "journal.empty": "Aucune modification publiée pour l’instant.",
    "journal.unavailable": "L’historique des modifications n’est pas disponible pour ce site.",
    "journal.entry": "{action}\u00a0: {kind} «\u00a0{title}\u00a0»",
    "journal.entry_untitled": "{action}\u00a0: {kind}",
    "journal.colon": "\u00a0: ",
    "journal.commit": "commit",
    "journal.process": "Processus : {title}",
    "journal.action.added": "Ajouté",
    "journal.action.amended": "Modifié",
    "journal.action.removed": "Supprimé",
    "journal.action.renamed": "Renommé",
    "journal.renamed_from": "anciennement {path}",
    "journal.late.after-close": "modifié après la clôture du {settled}",
    "journal.late.after-approval": "modifié après l’approbation du compte rendu le {settled}",
    "journal.kind.process": "processus",
    "journal.kind.presentation": "présentation",
    "journal.kind.meeting": "réunion",
    "journal.kind.minutes": "compte rendu",
    "journal.kind.contribution": "contribution",
    "journal.kind.document": "document",
    "journal.kind.documents": "liste des documents",
    "journal.kind.outcome": "bilan",
    "journal.kind.commitments": "engagements",
    "journal.kind.file": "fichier",
    "forge.label": "Sur la forge",
    "forge.commit": "Voir le commit {short} sur {host}",
    # print documents: PDF dossier and per-item PDFs (issue 4)
    "print.page": "page {page} sur {pages}",
    "print.online": "Version en ligne : {url}",
    "print.generated": "Document généré le {date}.",
    "print.last_change": "Dernière modification du processus : commit {commit} du {date}.",
    "print.no_history": "L’historique des modifications n’est pas disponible.",
    "dossier.title": "{title} – dossier complet",
    "dossier.kicker": "Dossier complet du processus",
    "dossier.status": "Statut au {date} : {status}",
    "dossier.qr": "Scannez ce code avec un téléphone pour ouvrir la page en ligne : {url}",
    "dossier.generated": "Dossier généré le {date}.",
    "dossier.toc": "Sommaire",
    "dossier.participate.until": "Vous pouvez participer jusqu’au {date}.",
    "dossier.participate.write": "Écrire ou téléphoner",
    "dossier.participate.meetings": "Venir aux réunions",
    "dossier.participate.details": "Toutes les façons de participer",
    "dossier.participate.online": "En ligne",
    "dossier.agenda.caption": "Toutes les réunions, dans l’ordre chronologique",
    "dossier.agenda.col.meeting": "Réunion",
    "dossier.documents.online": "Les documents se téléchargent depuis la page en ligne : {url}",
    "dossier.documents.sha_caption": "Empreintes SHA-256 des documents",
    "dossier.contributions.order": "Les contributions sont présentées dans l’ordre de réception.",
    # --- issue 5: answers, the story of a contribution, charts
    "answers.heading": "Réponses aux contributions",
    "answers.share": (
        "Part des contributions ayant reçu une réponse (hors contributions retirées ou masquées)"
    ),
    "answers.share_value": "{share} ({answered} sur {expecting})",
    "answers.withdrawn": "Contributions retirées par leur auteur",
    "answers.hidden": "Contributions masquées par la modération",
    "answers.median": "Délai médian de réponse (de la réception à la réponse)",
    "answers.median_none": "aucune réponse pour l’instant",
    "answers.awaiting": "Contributions encore sans réponse",
    "answers.awaiting_link": "Voir les contributions sans réponse",
    "answers.overdue": "Contributions sans réponse après l’échéance du {date}",
    "answers.answered_late": "Réponses données après l’échéance du {date}",
    "story.heading": "Ce qu’est devenue cette contribution",
    "story.step.received": "Réception",
    "story.step.answer": "Réponse",
    "story.step.disposition": "Suite donnée",
    "story.step.commitments": "Engagements",
    "story.step.withdrawn": "Retrait",
    "story.step.moderated": "Modération",
    "story.received": "Reçue le {date}. Moyen : {channel}.",
    "story.delay": "{delay} après sa réception.",
    "story.same_day": "Le jour même de sa réception.",
    "story.overdue": "L’échéance est dépassée : la réponse est en retard.",
    "story.commitment_due": "échéance : {date}",
    "story.more_replies": "Suite de la discussion",
    "figures.contributions": "Contributions",
    "figures.table": "Les chiffres de ce graphique, en tableau",
    "figures.channels.title": "Contributions par moyen de participation",
    "figures.channels.header": "Moyen de participation",
    "figures.channels.digital": "Numérique (en ligne, courriel) : {count}, soit {share}",
    "figures.channels.offline": (
        "Hors numérique (réunions, ateliers, papier, courrier, téléphone) : {count}, soit {share}"
    ),
    "figures.channels.desc": (
        "Contributions : {total} au total, dont {digital} par un moyen numérique "
        "({digital_share}) et {offline} hors numérique ({offline_share}). Moyen le plus "
        "utilisé : {top} ({top_count})."
    ),
    "figures.themes.title": "Contributions par thème",
    "figures.themes.header": "Thème",
    "figures.themes.none": "Sans thème",
    "figures.themes.desc": (
        "Thème le plus cité : {top}, dans {count} des {total} contributions. Une "
        "contribution peut relever de plusieurs thèmes."
    ),
    "figures.themes.desc_untagged": "Aucune contribution n’est encore rattachée à un thème.",
    "figures.time.title.month": "Contributions reçues par mois",
    "figures.time.title.week": "Contributions reçues par semaine",
    "figures.time.header.month": "Mois",
    "figures.time.header.week": "Semaine",
    "figures.time.week": "Semaine du {date}",
    "figures.time.desc.month": "Période : {first} – {last}. Mois le plus actif : {peak} ({count}).",
    "figures.time.desc.week": (
        "Période : {first} – {last}. Semaine la plus active : {peak} ({count})."
    ),
    "figures.empty": "Aucune contribution.",
    # --- end of issue 5: answers, story, charts
    # --- open data (export.opendata): the downloads page's list of data files
    "opendata.heading": "Données ouvertes",
    "opendata.intro": (
        "Les tableaux de ce processus, réutilisables librement selon sa licence : un paquet de "
        "données Frictionless (datapackage.json, qui décrit chaque colonne) et, pour chaque "
        "tableau, un fichier CSV (UTF-8, séparateur virgule) et un fichier JSON."
    ),
    "opendata.apostrophe": (
        "Dans les fichiers CSV, un texte qui commence par =, +, - ou @ est précédé d’une "
        "apostrophe ajoutée exprès, pour qu’aucun tableur ne l’exécute comme une formule ; les "
        "fichiers JSON donnent les textes sans modification."
    ),
    "opendata.withheld": (
        "Les contributions retirées ou masquées y figurent sans leur texte, comme sur le site."
    ),
    "opendata.descriptor": "Description du paquet de données (datapackage.json, {size})",
    "opendata.caption": "Fichiers de données, par tableau",
    "opendata.col.table": "Tableau",
    "opendata.col.csv": "CSV",
    "opendata.col.json": "JSON",
    "opendata.file": "{name} ({size})",
    "opendata.site": "Les mêmes tableaux pour tous les processus du site",
    "opendata.table.processes": "Processus",
    "opendata.table.themes": "Thèmes",
    "opendata.table.meetings": "Réunions",
    "opendata.table.minutes": "Comptes rendus",
    "opendata.table.documents": "Documents",
    "opendata.table.contributions": "Contributions",
    "opendata.table.contribution_themes": "Thèmes des contributions",
    "opendata.table.answers": "Réponses",
    "opendata.table.commitments": "Engagements",
    "opendata.table.commitment_updates": "Suivi des engagements",
    "opendata.table.commitment_contributions": "Contributions à l’origine des engagements",
    # --- end of open data
}

_EN: Final[dict[str, str]] = {
    # Downloads: the offline files of a process (export.bundle).
    "section.downloads": "Downloads",
    "downloads.title": "Download and print",
    "downloads.intro": (
        "The whole process offline: to read it without a connection, print it, post it up or "
        "pass it on. The files are made again whenever the process changes."
    ),
    "downloads.dossier": "Complete dossier: {title}",
    "downloads.form_title": "Paper contribution form: {title}",
    "downloads.dossier_heading": "The complete dossier",
    "downloads.caption": "The complete dossier in each format",
    "downloads.caption_items": "Minutes and documents, one file each",
    "downloads.caption_paper": "Meeting notices and paper form",
    "downloads.file": "File",
    "downloads.format": "Format",
    "downloads.size": "Size",
    "downloads.paper_intro": (
        "To print for notice boards, town halls and meetings: each notice carries a QR code to "
        "the meeting's page; the form goes back by post or is handed in at a meeting."
    ),
    "downloads.notice": "Notice: {title}",
    "downloads.none": "No file to download for this process.",
    "downloads.kind.dossier": "Accessible (tagged) PDF",
    "downloads.kind.large-print": "Large print PDF (16 points and more)",
    "downloads.kind.odt": "Editable OpenDocument text (LibreOffice)",
    "downloads.kind.docx": "Editable Word text",
    "downloads.kind.epub": "EPUB e-book (e-readers)",
    "downloads.kind.html": "Single web page that reads offline",
    "downloads.kind.minutes": "PDF",
    "downloads.kind.document": "PDF",
    "downloads.kind.notice": "PDF to print, {size}",
    "downloads.kind.form": "PDF to print, A4",
    "downloads.item_pdf": "Printable version (PDF, {size})",
    "downloads.link": "Download or print the complete dossier",
    "site.skip": "Skip to content",
    "site.legal_nav": "Legal information",
    "site.breadcrumb": "Breadcrumb",
    "site.header": "Site header",
    "site.home": "Home",
    "site.situation": "As of {date}",
    "site.situation_inline": "as of {date}",
    "site.external": "(external site)",
    "site.none": "Not provided",
    "site.labelled": "{label}: {value}",
    "nav.processes": "Processes",
    "section.nav": "Process sections",
    "section.overview": "Overview",
    "section.meetings": "Meetings",
    "section.minutes": "Minutes",
    "section.documents": "Documents",
    "section.contributions": "Contributions",
    "section.outcome": "Outcome and commitments",
    "section.journal": "Change log",
    "ProcessStatus.upcoming": "Upcoming",
    "ProcessStatus.open": "Open",
    "ProcessStatus.closed": "Closed",
    "ProcessStatus.archived": "Archived",
    "MeetingStatus.scheduled": "Scheduled",
    "MeetingStatus.held": "Held",
    "MeetingStatus.cancelled": "Cancelled",
    "MeetingStatus.postponed": "Postponed",
    "MeetingFormat.in-person": "In person",
    "MeetingFormat.online": "Online",
    "MeetingFormat.hybrid": "In person and online",
    "AccessibilityFlag.wheelchair": "Wheelchair accessible",
    "AccessibilityFlag.hearing_loop": "Hearing loop",
    "AccessibilityFlag.sign_language": "Sign language interpretation",
    "AccessibilityFlag.captioning": "Live captioning",
    "Channel.online": "Online",
    "Channel.meeting": "At a meeting",
    "Channel.paper": "On paper (register)",
    "Channel.email": "By email",
    "Channel.post": "By post",
    "Channel.phone": "By phone",
    "Channel.workshop": "At a workshop",
    "ContributionKind.opinion": "Opinion",
    "ContributionKind.question": "Question",
    "ContributionKind.proposal": "Proposal",
    "ContributionKind.stakeholder-paper": "Stakeholder paper",
    "DispositionStatus.taken-into-account": "Taken into account",
    "DispositionStatus.partially": "Partially taken into account",
    "DispositionStatus.not-retained": "Not retained",
    "DispositionStatus.out-of-scope": "Out of scope",
    "AlternativeKind.easy-read": "Easy read",
    "AlternativeKind.accessible": "Accessible version",
    "AlternativeKind.audio": "Audio version",
    "AlternativeKind.translation": "Translation",
    "CommitmentStatus.planned": "Planned",
    "CommitmentStatus.in-progress": "In progress",
    "CommitmentStatus.done": "Done",
    "CommitmentStatus.abandoned": "Abandoned",
    "kind.concertation-prealable": "Preliminary public consultation",
    "kind.debat-public": "Public debate",
    "kind.consultation": "Consultation",
    "kind.conseil": "Council",
    "home.title": "Public participation",
    "home.intro": (
        "Public consultations and debates: timelines, meetings, documents, contributions from "
        "the public and the answers given."
    ),
    "home.filter": "Filter by status",
    "home.all": "All processes",
    "home.status_title": "Processes: {status}",
    "home.empty": "No process has been published yet.",
    "home.empty_status": "No process has this status at the moment.",
    "home.count.one": "{count} process",
    "home.count.other": "{count} processes",
    "home.organiser": "Organised by {organiser}",
    "dates.range": "From {start} to {end}",
    "dates.from": "From {start}",
    "dates.day": "On {start}",
    "overview.status": "Status",
    "overview.dates": "Participation",
    "overview.organiser": "Organiser",
    "overview.kind": "Type",
    "overview.territory": "Area",
    "overview.answer_due": "Answers to contributions",
    "overview.answer_due_value": "by {date}",
    "overview.presentation": "About",
    "overview.phases": "Timeline",
    "overview.phase.done": "finished",
    "overview.phase.current": "current",
    "overview.phase.upcoming": "upcoming",
    "overview.next_meeting": "Next meeting",
    "overview.no_next_meeting": "No upcoming meeting has been announced yet.",
    "overview.latest_minutes": "Latest minutes",
    "overview.no_minutes": "No minutes have been published yet.",
    "overview.latest_documents": "Latest documents",
    "overview.no_documents": "No document has been published yet.",
    "overview.figures": "Key figures",
    "overview.figure.meetings": "Meetings",
    "overview.figure.attendees": "Meeting attendance (according to the minutes)",
    "overview.figure.contributions": "Contributions received",
    "overview.figure.answered": "Contributions answered",
    "overview.figure.documents": "Documents published",
    "overview.participate": "How to take part",
    "overview.contact": "Contact",
    "overview.contact.address": "Postal address",
    "overview.contact.phone": "Phone",
    "overview.contact.email": "Email",
    "overview.contact.url": "Website",
    "overview.guarantors": "Guarantors",
    "overview.legal_basis": "Legal basis",
    "overview.charter": "Participation charter",
    "overview.licence": "Licence",
    "overview.all_meetings": "See all meetings",
    "overview.all_documents": "See all documents",
    "overview.all_contributions": "See all contributions",
    "meetings.title": "Meetings",
    "meetings.upcoming": "Upcoming meetings",
    "meetings.past": "Past meetings",
    "meetings.empty": "No meeting has been announced yet.",
    "meetings.no_upcoming": "No upcoming meeting has been announced yet.",
    "meetings.no_past": "No meeting has taken place yet.",
    "meeting.when": "Date and time",
    "meeting.time_range": "{date}, {start} to {end}",
    "meeting.time_start": "{date}, at {start}",
    "meeting.status": "Status",
    "meeting.cancelled": "This meeting is cancelled.",
    "meeting.postponed": "This meeting is postponed.",
    "meeting.postponed_to": "This meeting is postponed to {date}.",
    "meeting.reason": "Reason: {reason}",
    "meeting.format": "Format",
    "meeting.place": "Place",
    "meeting.map": "View {address} on OpenStreetMap",
    "meeting.access": "Getting there",
    "meeting.accessibility": "Accessibility",
    "meeting.no_accessibility": "No accessibility arrangement has been announced for this meeting.",
    "meeting.online": "Join online",
    "meeting.online_link": "Join the online meeting",
    "meeting.registration": "Registration",
    "meeting.registration_link": "Register for the meeting",
    "meeting.description": "Description",
    "meeting.agenda": "Agenda",
    "meeting.agenda.item": "Item",
    "meeting.agenda.duration": "Duration",
    "meeting.agenda.speaker": "Speaker",
    "meeting.agenda.caption": "Meeting agenda",
    "meeting.minutes": "Minutes",
    "meeting.minutes_link": "Read the minutes: {title}",
    "meeting.no_minutes": "The minutes have not been published yet.",
    "meeting.minutes_after": "The minutes will be published here after the meeting.",
    "meeting.recording": "Video recording of the meeting",
    "meeting.transcript": "Transcript of the meeting",
    "meeting.media": "Recording and transcript",
    "meeting.contributions": "Contributions made at this meeting",
    "poster.title": "Notice: {title}",
    "poster.time_range": "from {start} to {end}",
    "poster.time_start": "at {start}",
    "poster.postponed_from": "Meeting postponed: it was to take place on {date}.",
    "poster.cancelled": "Meeting cancelled",
    "poster.cancelled_date": "The meeting planned for {date} will not take place.",
    "poster.postponed": "Meeting postponed",
    "poster.postponed_date": (
        "The meeting planned for {date} is postponed; its new date will be announced."
    ),
    "poster.online": "You can also join online: {url}",
    "poster.otherwise": "Can’t come? Take part another way",
    "poster.other_ways": "Take part another way",
    "poster.until": "You can give your views until {date}:",
    "poster.qr": "Everything about this meeting:",
    "poster.registration": "Registration:",
    "form.title": "Contribution form: {title}",
    "form.heading": "Have your say",
    "form.intro": (
        "A contribution on paper counts as much as one made online: it is published and gets a "
        "written answer."
    ),
    "form.themes": "What is your contribution about? Tick one or more boxes.",
    "form.theme_other": "Another subject:",
    "form.text": "Your contribution",
    "form.more": "Need more room? Carry on on plain paper attached to this form.",
    "form.identity": "About you (optional)",
    "form.name": "Name",
    "form.organisation": "On behalf of an organisation (association, business…)",
    "form.postcode": "Postcode",
    "form.reply_address": "Address to receive the answer by post",
    "form.published.full": (
        "If you give it, your full name will be published with your contribution."
    ),
    "form.published.initials": (
        "If you give it, only your initials will be published (for example “J. M.”)."
    ),
    "form.published.anonymous": (
        "Your name will not be published: your contribution will appear anonymous."
    ),
    "form.never_published": (
        "An organisation’s name is published in full. Your postcode and address are never "
        "published: the postcode shows where views come from, the address is only used to send "
        "you the answer."
    ),
    "form.return": "Returning this form",
    "form.deadline": "By {date} at the latest.",
    "form.by_post": "By post, to:",
    "form.at_meetings": "Or hand it in at a public meeting:",
    "form.online": "Read the contributions and answers, or take part online:",
    "form.office": "For the organiser",
    "form.office.reference": "Reference number:",
    "form.office.received": "Received on:",
    "duration.minutes": "{count} min",
    # calendars (iCalendar files)
    "calendar.add": "Add to my calendar (.ics file)",
    "calendar.subscribe": "Subscribe to this process's calendar (.ics file)",
    "calendar.subscribe_site": "Subscribe to the calendar of every meeting (.ics file)",
    "calendar.subscribe_hint": (
        "To receive changes of date and cancellations, copy this link's address into your "
        "calendar application (subscribe by web address)."
    ),
    "calendar.site_title": "Every public meeting",
    "calendar.cancelled": "Cancelled: {title}",
    "calendar.postponed": "Postponed: {title}",
    "calendar.postponed_from": "Meeting postponed; it was planned for {date}.",
    "calendar.process": "Process: {title}",
    "calendar.page": "Meeting page: {url}",
    "minutes.title": "Minutes",
    "minutes.heading": "Minutes: {title}",
    "minutes.empty": "No minutes have been published yet.",
    "minutes.meeting": "Meeting",
    "minutes.published": "Published on",
    "minutes.approved": "Approved on",
    "minutes.not_approved": "Not approved yet",
    "minutes.attendees": "Attendees",
    "minutes.authors": "Written by",
    "documents.title": "Documents",
    "documents.caption": "Published documents, newest first",
    "documents.empty": "No document has been published yet.",
    "documents.sha_help": (
        "The SHA-256 fingerprint lets you check that a downloaded file is identical to the "
        "published one."
    ),
    "documents.col.title": "Document",
    "documents.col.kind": "Type",
    "documents.col.format": "Format",
    "documents.col.size": "Size",
    "documents.col.date": "Date",
    "documents.col.sha": "SHA-256 fingerprint",
    "documents.col.alternatives": "Other versions",
    "documents.sha_label": "SHA-256 fingerprint of {title}:",
    "documents.no_alternative": "None",
    "documents.unknown": "Unknown",
    "documents.supersedes": "Replaces: {title}",
    "documents.superseded_by": "Replaced by: {title}",
    "documents.page_format": "Web page",
    "document.alternative_of": "Other version of: {title}",
    "document.details": "Document summaries",
    "contributions.title": "Contributions",
    "contributions.theme_title": "Contributions on “{theme}”",
    "contributions.channel_title": "Contributions received: {channel}",
    "contributions.answered_title": "Answered contributions",
    "contributions.unanswered_title": "Contributions awaiting an answer",
    "contributions.page": "page {number} of {total}",
    "contributions.count.one": "{count} contribution",
    "contributions.count.other": "{count} contributions",
    "contributions.empty": "No contribution has been published yet.",
    "contributions.empty_filter": "No contribution matches this filter.",
    "contributions.filters": "Filter contributions",
    "contributions.filter.all": "All contributions",
    "contributions.filter.themes": "By theme",
    "contributions.filter.channels": "By channel",
    "contributions.filter.answers": "By answer",
    "contributions.filter.answered": "Answered",
    "contributions.filter.unanswered": "Awaiting an answer",
    "contribution.heading": "Contribution no. {reference}",
    "contribution.received": "Received on",
    "contribution.channel": "Channel",
    "contribution.kind": "Type",
    "contribution.themes": "Themes",
    "contribution.author": "Author",
    "contribution.meeting": "Made at",
    "contribution.parent": "In reply to",
    "contribution.source": "Source",
    "contribution.anonymous": "Anonymous contributor",
    "contribution.withdrawn": "Withdrawn by its author on {date}.",
    "contribution.moderated": "Hidden by moderation. Reason: {reason}",
    "contribution.charter_link": "Read the participation charter",
    "contribution.answer": "Answer from {by}, {date}",
    "contribution.no_answer": "No answer yet.",
    "contribution.answer_due": "Answer due by {date}.",
    "contribution.disposition": "Outcome: {status}.",
    "contribution.replies": "Replies to this contribution",
    "pagination.label": "Pagination",
    "pagination.previous": "Previous page",
    "pagination.next": "Next page",
    "pagination.page": "Page {number}",
    "outcome.title": "Outcome and commitments",
    "outcome.report": "Outcome report",
    "outcome.no_report": "The outcome report has not been published yet.",
    "outcome.commitments": "Commitments",
    "outcome.no_commitments": "No commitment has been published yet.",
    "outcome.status": "Status",
    "outcome.due": "Due",
    "outcome.updates": "Progress",
    "outcome.contributions": "Contributions behind this commitment",
    "legal.notice": "Legal notice",
    "legal.privacy": "Personal data",
    "legal.accessibility": "Accessibility",
    "legal.accessibility_footer": "Accessibility: {status}",
    "legal.schemas": "File schemas",
    "legal.publisher": "Publisher",
    "legal.director": "Director of publication",
    "legal.host": "Host",
    "legal.contact": "Contact",
    "legal.content": "Content and licences",
    "legal.content_intro": (
        "Each process states the licence of its content and data; contributions from the "
        "public remain the responsibility of their authors."
    ),
    "legal.software": "Software",
    "legal.software_text": (
        "This site is built with Greffier, free software released under the EUPL 1.2. It sets "
        "no cookie and uses no third-party service."
    ),
    "privacy.intro": (
        "This page explains what information about participants is published on this site, "
        "why, and how to exercise your rights (General Data Protection Regulation, GDPR)."
    ),
    "privacy.controller": "Data controller",
    "privacy.controller_text": "Each process is the responsibility of its organiser, listed below.",
    "privacy.published": "What is published",
    "privacy.published_text": (
        "We publish the text of your contribution, its date, how it was received, its themes, "
        "the organiser’s answer and, where relevant, the name of the organisation you speak "
        "for. We never publish your postal address, email address or phone number."
    ),
    "privacy.display": "How private persons’ names are shown",
    "privacy.display.full": "full name (for example “Jeanne Martin”)",
    "privacy.display.initials": "initials only (for example “J. M.”)",
    "privacy.display.anonymous": "no name: “Anonymous contributor”",
    "privacy.basis": "Legal basis",
    "privacy.basis_text": (
        "Publication is a task carried out in the public interest (GDPR article 6(1)(e)): "
        "informing the public and accounting for participation, under each process’s legal "
        "framework."
    ),
    "privacy.cookies": "Cookies and analytics",
    "privacy.cookies_text": (
        "This site sets no cookie, measures no audience and loads nothing from other sites."
    ),
    "privacy.rights": "Withdrawing a contribution or exercising your rights",
    "privacy.rights_text": (
        "You may at any time ask for access to your data, its correction or the withdrawal of "
        "your contribution by writing to the organiser of the process. A withdrawn "
        "contribution remains listed as “withdrawn”, without its text or author."
    ),
    "privacy.cnil": (
        "If, after contacting the organiser, you consider that your rights are not respected, "
        "you may lodge a complaint with the French data protection authority (CNIL)."
    ),
    "privacy.cnil_link": "Lodge a complaint with the CNIL",
    "privacy.processes": "Published processes",
    "privacy.no_process": "No process has been published yet.",
    "accessibility.intro": (
        "{publisher} is committed to making this site accessible in accordance with article 47 "
        "of French law no. 2005-102 of 11 February 2005. This accessibility statement applies "
        "to “{site}”."
    ),
    "accessibility.status": "Compliance status",
    "accessibility.status.none": "not compliant",
    "accessibility.status.partial": "partially compliant",
    "accessibility.status.full": "fully compliant",
    "accessibility.status_text": (
        "This site is {status} with the French accessibility framework RGAA, version 4.1."
    ),
    "accessibility.no_audit": (
        "No compliance audit has been carried out yet: without an audit, the RGAA requires the "
        "site to be declared not compliant, even if no defect is known."
    ),
    "accessibility.audit": (
        "An audit carried out on {date} by {auditor} found that {rate} of the RGAA 4.1 "
        "criteria are met."
    ),
    "accessibility.tests": "Tests carried out",
    "accessibility.tests_intro": (
        "For every release, pages of every kind are checked automatically, in French and in "
        "English:"
    ),
    "accessibility.test.axe": (
        "axe-core in the Chromium browser, WCAG 2.1 level A and AA rules and best practices: "
        "no error tolerated;"
    ),
    "accessibility.test.reflow": "display without horizontal scrolling on a 320 pixel wide screen;",
    "accessibility.test.keyboard": "full keyboard navigation, visible focus;",
    "accessibility.test.offline": (
        "no request to any other site, content readable without JavaScript."
    ),
    "accessibility.tests_limit": (
        "Automated tests only find some defects: they are no substitute for an audit."
    ),
    "accessibility.technologies": "Technologies used",
    "accessibility.technologies_text": "HTML5, CSS, WAI-ARIA, JavaScript (optional).",
    "accessibility.feedback": "Report a problem",
    "accessibility.feedback_text": (
        "If you cannot access some content or service, write to us: we will offer an "
        "accessible alternative, for example a paper document sent by post."
    ),
    "accessibility.recourse": "Recourse",
    "accessibility.recourse_text": (
        "If you reported an accessibility problem and did not get a satisfactory answer, you "
        "may refer the matter to the Défenseur des droits (French rights ombudsman): through "
        "the online form, a local delegate, or free post: Défenseur des droits, Libre réponse "
        "71120, 75342 Paris CEDEX 07."
    ),
    "accessibility.recourse_link": "Contact the Défenseur des droits (online form)",
    "schemas.title": "File schemas",
    "schemas.intro": (
        "Every file of a process folder has a JSON Schema. Put a “# yaml-language-server: "
        "$schema=…” comment with the schema’s address on the first line of a YAML file: your "
        "editor will check the file and suggest its fields."
    ),
    "schemas.caption": "Published JSON Schemas",
    "schemas.col.file": "File",
    "schemas.col.schema": "Schema",
    "schemas.file.process": "process.yml",
    "schemas.file.meeting": "meetings/<id>.md (front matter)",
    "schemas.file.minutes": "minutes/<id>.md (front matter)",
    "schemas.file.documents": "documents.yml (each entry)",
    "schemas.file.contribution": "contributions/<id>.md (front matter)",
    "schemas.file.commitments": "commitments.yml (each entry)",
    "schemas.file.redactions": "redactions.yml (each entry)",
    "search.title": "Search",
    "search.label": "Words to search for",
    "search.filter.process": "Process",
    "search.filter.type": "Type of page",
    "search.hint": "Results appear as you type, with filters by process and by type of page.",
    "search.listings": "the list of processes and their sections",
    "search.noscript": (
        "Search needs JavaScript, which is turned off in your browser. "
        "All the content can still be reached from {listings}."
    ),
    "search.unavailable": (
        "Search is not available on this site. "
        "All the content can still be reached from {listings}."
    ),
    "pagetype.process": "Process",
    "pagetype.meeting": "Meeting",
    "pagetype.minutes": "Minutes",
    "pagetype.document": "Document",
    "pagetype.contribution": "Contribution",
    "pagetype.outcome": "Outcome",
    "pagetype.legal": "Legal information",
    "pagetype.listing": "List",
    "pagetype.guide": "Guide",
    "history.first_published": "Put online on {date}",
    "history.last_changed": "Last changed on {date}",
    "history.version": "Version {number}",
    "history.link": "See the history",
    "history.unavailable": "History unavailable: {reason}.",
    "history.reason.not a git repository": "the site was not built from a git repository",
    "history.reason.no commit yet": "no version has been recorded yet",
    "history.reason.git is not installed": "git is not installed where the site was built",
    "history.uncommitted": "Unpublished changes: this text differs from its last recorded version.",
    "history.not_committed": "Unpublished changes: this text is not recorded in the history yet.",
    "history.late.after-close": "Changed on {date}, after the process closed on {settled}.",
    "history.late.after-approval": (
        "Changed on {date}, after the minutes were approved on {settled}."
    ),
    "history.heading": "History: {title}",
    "history.version_heading": "{title}, version {number}",
    "history.back": "Current page: {title}",
    "history.intro": (
        "Each version is a publication recorded (commit) in the site’s repository, newest "
        "first. The identifiers let you check it in the repository."
    ),
    "history.version_title": "Version {number}, {date}",
    "history.short_id": "Short identifier",
    "history.full_id": "Full identifier",
    "history.author": "Published by",
    "history.message": "Message",
    "history.permalink": "Text of version {number}",
    "history.created": "First version.",
    "history.text": "Changes to the text",
    "history.fields": "Changes to the details",
    "history.no_change": "No change to the text or the details.",
    "history.field_changed": "{field}: {old} → {new}",
    "history.field_added": "{field}: added ({new})",
    "history.field_added_plain": "{field}: added",
    "history.field_removed": "{field}: removed (was: {old})",
    "history.field_removed_plain": "{field}: removed",
    "history.deletion": "deletion start",
    "history.deletion_end": "deletion end",
    "history.insertion": "insertion start",
    "history.insertion_end": "insertion end",
    "history.hidden": (
        "The text of this contribution is no longer published ({reason}): nor are its earlier "
        "versions. Only their dates are shown."
    ),
    "history.hidden.withdrawn": "withdrawn by its author",
    "history.hidden.moderated": "hidden by moderation",
    "history.moved": "This page has moved: follow this link.",
    "history.moved_title": "Page moved",
    "history.previous": "Former addresses",
    "history.previous_intro": "These addresses lead to this page:",
    "history.as_of": "Text as published on {date} (version {number} of {total}).",
    "history.source": "File content",
    "history.field.title": "title",
    "history.field.status": "status",
    "history.field.start": "start",
    "history.field.end": "end",
    "history.field.approved": "approval",
    "history.field.published": "publication",
    "history.field.answer": "answer",
    "history.field.text": "text",
    "history.field.date": "date",
    "history.field.by": "answered by",
    "history.field.author": "author",
    "history.field.withdrawn": "withdrawal",
    "history.field.moderation": "moderation",
    "history.field.reason": "reason",
    "history.field.received": "received",
    "history.field.themes": "themes",
    "history.field.channel": "channel",
    "history.field.kind": "type",
    "history.field.summary": "summary",
    "history.field.opens": "opening",
    "history.field.closes": "closing",
    "history.field.attendees": "attendees",
    "history.field.place": "place",
    "history.field.disposition": "outcome",
    "history.field.postponed_to": "postponed to",
    # redactions and drafts in the history
    "history.withheld": "Version withheld: {reason} (redacted on {date}).",
    "history.withheld_undated": "Version withheld: {reason}.",
    "history.unpublished": "Version not published (draft).",
    "history.after.redaction": (
        "Text after redaction: the changes from the withheld versions are not shown."
    ),
    "history.after.draft": "First published version.",
    "history.unreadable": (
        "Unreadable version: its data are not valid YAML or exceed Greffier's limits; it is "
        "not shown."
    ),
    "history.after.unreadable": (
        "Version after an unreadable one: the changes from it are not shown."
    ),
    "history.message_withheld": (
        "[Message withheld: this commit changed a version redacted from the history.]"
    ),
    # journal (generator/render/journal_pages.py) and forge links
    "journal.title": "Change log",
    "journal.site_title": "Site change log",
    "journal.feed_title": "{title}: change log",
    "journal.feed_link": "Subscribe to the change log's Atom feed",
    "journal.intro": "Every published change, newest first, day by day.",
    "journal.empty": "No change published yet.",
    "journal.unavailable": "The history of changes is not available for this site.",
    "journal.entry": "{action}: {kind} “{title}”",
    "journal.entry_untitled": "{action}: {kind}",
    "journal.colon": ": ",
    "journal.commit": "commit",
    "journal.process": "Process: {title}",
    "journal.action.added": "Added",
    "journal.action.amended": "Amended",
    "journal.action.removed": "Removed",
    "journal.action.renamed": "Renamed",
    "journal.renamed_from": "formerly {path}",
    "journal.late.after-close": "changed after the process closed on {settled}",
    "journal.late.after-approval": "changed after the minutes were approved on {settled}",
    "journal.kind.process": "process",
    "journal.kind.presentation": "presentation",
    "journal.kind.meeting": "meeting",
    "journal.kind.minutes": "minutes",
    "journal.kind.contribution": "contribution",
    "journal.kind.document": "document",
    "journal.kind.documents": "list of documents",
    "journal.kind.outcome": "outcome",
    "journal.kind.commitments": "commitments",
    "journal.kind.file": "file",
    "forge.label": "On the forge",
    "forge.commit": "See commit {short} on {host}",
    # print documents: PDF dossier and per-item PDFs (issue 4)
    "print.page": "page {page} of {pages}",
    "print.online": "Online version: {url}",
    "print.generated": "Document generated on {date}.",
    "print.last_change": "Last commit that changed the process: {commit} of {date}.",
    "print.no_history": "The change history is not available.",
    "dossier.title": "{title} – full dossier",
    "dossier.kicker": "Full dossier of the process",
    "dossier.status": "Status on {date}: {status}",
    "dossier.qr": "Scan this code with a phone to open the online page: {url}",
    "dossier.generated": "Dossier generated on {date}.",
    "dossier.toc": "Contents",
    "dossier.participate.until": "You can take part until {date}.",
    "dossier.participate.write": "Write or call",
    "dossier.participate.meetings": "Come to the meetings",
    "dossier.participate.details": "All the ways to take part",
    "dossier.participate.online": "Online",
    "dossier.agenda.caption": "All meetings, in date order",
    "dossier.agenda.col.meeting": "Meeting",
    "dossier.documents.online": "The documents can be downloaded from the online page: {url}",
    "dossier.documents.sha_caption": "SHA-256 checksums of the documents",
    "dossier.contributions.order": "Contributions are listed in the order they were received.",
    # --- issue 5: answers, the story of a contribution, charts
    "answers.heading": "Answers to contributions",
    "answers.share": "Share of contributions answered (withdrawn or hidden ones left out)",
    "answers.share_value": "{share} ({answered} of {expecting})",
    "answers.withdrawn": "Contributions withdrawn by their authors",
    "answers.hidden": "Contributions hidden by moderation",
    "answers.median": "Median time to answer (from receipt to answer)",
    "answers.median_none": "no answer yet",
    "answers.awaiting": "Contributions still without an answer",
    "answers.awaiting_link": "See the contributions without an answer",
    "answers.overdue": "Contributions without an answer after the {date} deadline",
    "answers.answered_late": "Answers given after the {date} deadline",
    "story.heading": "What became of this contribution",
    "story.step.received": "Received",
    "story.step.answer": "Answer",
    "story.step.disposition": "Outcome",
    "story.step.commitments": "Commitments",
    "story.step.withdrawn": "Withdrawal",
    "story.step.moderated": "Moderation",
    "story.received": "Received on {date}. Channel: {channel}.",
    "story.delay": "{delay} after it was received.",
    "story.same_day": "The day it was received.",
    "story.overdue": "The deadline has passed: the answer is overdue.",
    "story.commitment_due": "due {date}",
    "story.more_replies": "Rest of the discussion",
    "figures.contributions": "Contributions",
    "figures.table": "This chart's figures, as a table",
    "figures.channels.title": "Contributions by channel",
    "figures.channels.header": "Channel",
    "figures.channels.digital": "Digital (online, email): {count}, {share}",
    "figures.channels.offline": (
        "Offline (meetings, workshops, paper, post, phone): {count}, {share}"
    ),
    "figures.channels.desc": (
        "Contributions: {total} in all, {digital} through a digital channel "
        "({digital_share}) and {offline} offline ({offline_share}). Most used channel: "
        "{top} ({top_count})."
    ),
    "figures.themes.title": "Contributions by theme",
    "figures.themes.header": "Theme",
    "figures.themes.none": "No theme",
    "figures.themes.desc": (
        "Most cited theme: {top}, in {count} of the {total} contributions. A contribution "
        "may fall under several themes."
    ),
    "figures.themes.desc_untagged": "No contribution has been filed under a theme yet.",
    "figures.time.title.month": "Contributions received per month",
    "figures.time.title.week": "Contributions received per week",
    "figures.time.header.month": "Month",
    "figures.time.header.week": "Week",
    "figures.time.week": "Week of {date}",
    "figures.time.desc.month": "Period: {first} – {last}. Busiest month: {peak} ({count}).",
    "figures.time.desc.week": "Period: {first} – {last}. Busiest week: {peak} ({count}).",
    "figures.empty": "No contributions.",
    # --- end of issue 5: answers, story, charts
    # --- open data (export.opendata): the downloads page's list of data files
    "opendata.heading": "Open data",
    "opendata.intro": (
        "This process's tables, free to reuse under its licence: a Frictionless data package "
        "(datapackage.json, which describes every column) and, for each table, a CSV file "
        "(UTF-8, comma-separated) and a JSON file."
    ),
    "opendata.apostrophe": (
        "In the CSV files, a text beginning with =, +, - or @ starts with an apostrophe added "
        "on purpose, so that no spreadsheet runs it as a formula; the JSON files give the texts "
        "unchanged."
    ),
    "opendata.withheld": (
        "Withdrawn and hidden contributions are listed without their text, as on the site."
    ),
    "opendata.descriptor": "Data package description (datapackage.json, {size})",
    "opendata.caption": "Data files, by table",
    "opendata.col.table": "Table",
    "opendata.col.csv": "CSV",
    "opendata.col.json": "JSON",
    "opendata.file": "{name} ({size})",
    "opendata.site": "The same tables for every process of the site",
    "opendata.table.processes": "Processes",
    "opendata.table.themes": "Themes",
    "opendata.table.meetings": "Meetings",
    "opendata.table.minutes": "Minutes",
    "opendata.table.documents": "Documents",
    "opendata.table.contributions": "Contributions",
    "opendata.table.contribution_themes": "Themes of the contributions",
    "opendata.table.answers": "Answers",
    "opendata.table.commitments": "Commitments",
    "opendata.table.commitment_updates": "Commitment updates",
    "opendata.table.commitment_contributions": "Contributions behind the commitments",
    # --- end of open data
}

STRINGS: Final[dict[str, dict[str, str]]] = {"fr": _FR, "en": _EN}

_FIRST_OF_MONTH: Final = re.compile(r"\b1 ")

_VOCABULARIES: Final = {
    "status": ("MeetingStatus", "CommitmentStatus", "DispositionStatus"),
    "channel": ("Channel",),
    "kind": ("ContributionKind", "AlternativeKind"),
    "format": ("MeetingFormat",),
}
"""Vocabularies a field's values may come from, tried in order (a field changed in history)."""

_SIZE_UNITS: Final = (
    (1024**3, "digital-gigabyte"),
    (1024**2, "digital-megabyte"),
    (1024, "digital-kilobyte"),
)


class Translator:
    """Everything language-dependent the templates print, for one interface language."""

    def __init__(self, language: str) -> None:
        if language not in STRINGS:
            raise ValueError(f"unsupported language {language!r}: use one of {LANGUAGES}")
        self.language = language
        self.locale = Locale.parse(language)
        self._strings = STRINGS[language]

    def text(self, key: str, /, **values: object) -> str:
        """A plain-text string, for page titles and anything that is not HTML."""
        return self._strings[key].format(**values)

    def __call__(self, key: str, /, **values: object) -> Markup:
        """An HTML-safe string: placeholders are escaped unless they are Markup themselves."""
        return Markup(self._strings[key]).format(**values)

    def plural(self, key: str, count: int, /, **values: object) -> Markup:
        form = "one" if self.locale.plural_form(count) == "one" else "other"
        return self(f"{key}.{form}", count=self.number(count), **values)

    def label(self, member: StrEnum) -> str:
        """The reader-facing name of a vocabulary value (a status, a channel…)."""
        return self._strings[f"{type(member).__name__}.{member.value}"]

    def kind(self, kind: str) -> str:
        """A process kind: known kinds are translated, others shown as written."""
        return self._strings.get(f"kind.{kind}", kind.replace("-", " ").capitalize())

    def field_name(self, path: tuple[str, ...]) -> str:
        """A changed field, named in words where it has a name ("réponse › date"), else its key."""
        return " › ".join(self._strings.get(f"history.field.{key}", key) for key in path)

    def field_value(self, key: str, value: str) -> str:
        """A field's value, with vocabulary values in words ("held" -> "Tenue")."""
        for vocabulary in _VOCABULARIES.get(key, ()):
            if (label := self._strings.get(f"{vocabulary}.{value}")) is not None:
                return label
        return value

    def history_reason(self, reason: str | None) -> str:
        """Why history is unavailable: known reasons in words, others as git gave them."""
        return self._strings.get(f"history.reason.{reason}", reason or "")

    def date(self, value: dt.date, long: bool = True) -> str:
        """Written out: "jeudi 12 mars 2026", or "12 mars 2026" where the weekday is noise."""
        text = format_date(value, "full" if long else "long", locale=self.locale)
        if self.language == "fr" and value.day == 1:
            # French writes the first of the month as an ordinal; CLDR does not.
            text = _FIRST_OF_MONTH.sub("1er ", text, count=1)
        return text

    def time(self, value: dt.datetime, zone: str) -> str:
        """French typography writes "18 h 30" and "18 h" (unbreakable); English "6:30 PM"."""
        local = value.astimezone(ZoneInfo(zone))
        if self.language == "fr":
            return f"{local.hour}\u00a0h" + (f"\u00a0{local.minute:02d}" if local.minute else "")
        return format_time(local, "short", locale=self.locale)

    def local_date(self, value: dt.datetime, zone: str) -> str:
        return self.date(value.astimezone(ZoneInfo(zone)).date())

    def datetime(self, value: dt.datetime | dt.date, zone: str) -> str:
        """A date, with its time when it has one, in the process's time zone."""
        if not isinstance(value, dt.datetime):
            return self.date(value)
        return self.text(
            "meeting.time_start", date=self.local_date(value, zone), start=self.time(value, zone)
        )

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def days(self, value: float) -> str:
        """A number of days written out ("1 jour", "12,5 jours", "12.5 days")."""
        return format_unit(value, "duration-day", "long", locale=self.locale, format="#,##0.#")

    def percent(self, value: float) -> str:
        """A percentage given out of 100 ("87,5 %")."""
        return format_decimal(value, "#,##0.#", locale=self.locale) + (
            "\u202f%" if self.language == "fr" else "%"
        )

    def size(self, value: int) -> str:
        """A file size with binary multiples and the language's units ("1,2 Mo", "1.2 MB")."""
        for factor, unit in _SIZE_UNITS:
            if value >= factor:
                return format_unit(
                    value / factor, unit, "short", locale=self.locale, format="#,##0.#"
                )
        # Babel's short unit does not agree in number ("512 byte"): spell bytes out.
        return format_unit(value, "digital-byte", "long", locale=self.locale)

    def language_name(self, code: str) -> str:
        return Locale.parse(code.replace("-", "_")).get_display_name(self.locale) or code
