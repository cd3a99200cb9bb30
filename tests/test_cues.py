"""Cue words of other languages and other sign-offs: asks, closings, salutations and
signature headings, each with counter-examples that must stay body text."""

from __future__ import annotations

import pytest

from compare.models import Ask, Paragraph
from compare.reading.asks import extract_asks
from compare.reading.lexicon import is_closing, is_salutation
from compare.reading.signatories import is_signatory_heading
from compare.themes import Taxonomy


def verbs(taxonomy: Taxonomy, text: str) -> list[str | None]:
    asks: list[Ask] = extract_asks([Paragraph(kind="body", text=text)], taxonomy)
    return [ask.verb for ask in asks]


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        # French: an object pronoun between subject and verb
        ("Nous vous demandons de rouvrir le dossier.", "request"),
        ("Nous demandons que la commission publie ses conclusions.", "request"),
        ("Nous exigeons la libération des militants.", "demand"),
        ("Nous appelons le conseil à suspendre la décision.", "call on"),
        ("Nous vous prions de reconsidérer votre position.", "request"),
        ("Nous vous écrivons pour vous demander de retirer le texte.", "request"),
        # Spanish: pro-drop forms, clitics, a numbered point, a writing frame
        ("Les solicitamos que convoquen una mesa de trabajo.", "request"),
        ("Hacemos un llamado a las autoridades a garantizar el acceso.", "call on"),
        ("2 – Llamamos a los gobiernos a detener la venta de armas.", "call on"),
        ("Exhortamos a la asamblea a votar la reforma.", "urge"),
        ("Pedimos la reapertura del centro de salud.", "request"),
        ("Instamos a la empresa a respetar el convenio.", "urge"),
        (
            "Por estas razones nos dirigimos a usted para solicitarle respetuosamente "
            "que reciba a las familias.",
            "request",
        ),
        # Portuguese
        ("Solicitamos uma audiência com a ministra.", "request"),
        ("Exigimos o fim das remoções forçadas.", "demand"),
        ("Apelamos às autoridades para que investiguem o caso.", "call on"),
        # German: subject first, and verb-second inversion
        ("Wir fordern den Senat auf, die Kürzungen zurückzunehmen.", "demand"),
        ("Wir appellieren an die Ministerin, das Verfahren zu stoppen.", "call on"),
        ("Wir bitten Sie, die Anhörung zu verschieben.", "request"),
        ("Deshalb fordern wir die Stadt auf, den Park zu erhalten.", "demand"),
        # Italian
        ("Chiediamo al comune di riaprire la biblioteca.", "request"),
        ("Esortiamo il parlamento a ratificare la convenzione.", "urge"),
    ],
)
def test_asks_in_other_languages(taxonomy: Taxonomy, sentence: str, verb: str) -> None:
    assert verbs(taxonomy, sentence) == [verb]


@pytest.mark.parametrize(
    "sentence",
    [
        # the closing formula is no ask
        "Nous vous prions d'agréer, Madame, l'expression de nos salutations.",
        # someone else's ask, past tense, or a subordinate clause
        "Le ministre nous a demandé de patienter.",
        "Los vecinos pidieron una reunión el año pasado.",
        "Die Gewerkschaft forderte damals höhere Löhne.",
        "La commissione ha chiesto chiarimenti al governo.",
        # a writing frame without an ask
        "Nos dirigimos a ustedes para manifestar nuestra solidaridad con la huelga.",
    ],
)
def test_not_asks(taxonomy: Taxonomy, sentence: str) -> None:
    assert verbs(taxonomy, sentence) == []


@pytest.mark.parametrize(
    "line",
    [
        "Nous vous prions d’agréer, Monsieur le Maire, l’expression de nos salutations.",
        "Je vous prie d'agréer, Madame, mes salutations distinguées.",
        "Veuillez recevoir, Monsieur, nos sincères salutations.",
        "Recevez, Madame la Présidente, l'expression de notre considération.",
        "Agréez, Monsieur, nos salutations respectueuses.",
        "Dans l'attente de votre réponse, nous vous prions d'agréer, Madame, nos salutations.",
        "With urgency,",
        "With hope,",
        "With gratitude,",
        "In hope,",
        "Respectfully,",
        "In peace,",
        "Warmly,",
        "With kind regards,",
        "Reciban un cordial saludo,",
        "Saludos cordiales,",
        "Un saludo,",
        "Sin otro particular, les saludamos atentamente.",
        "Hochachtungsvoll",
        "Mit solidarischen Grüßen",
        "Cordialmente,",
        "Saudações,",
        "Saudações solidárias",
    ],
)
def test_closings(line: str) -> None:
    assert is_closing(line)


@pytest.mark.parametrize(
    "line",
    [
        "In hope of a fair settlement, the union has met the management twice this month.",
        "With urgency growing, the council met again on Monday and adopted the plan.",
        "Warmly welcomed by the residents, the proposal was adopted in March.",
        "Recevez cette lettre comme un signal d'alarme de la part des familles concernées.",
        "Nous vous prions de bien vouloir reconsidérer votre décision de fermer le centre.",
        "En raison de la fermeture du centre, les familles ont dû partir le mois dernier.",
        "Un saludo no basta: las familias necesitan respuestas concretas del ministerio.",
        "Saludos a las familias que resisten desde hace meses en la plaza central.",
    ],
)
def test_not_closings(line: str) -> None:
    assert not is_closing(line)


@pytest.mark.parametrize(
    "line",
    ["Respetados Presidente y Ministra:", "Respetada señora alcaldesa,", "Respected Sir,"],
)
def test_salutations(line: str) -> None:
    assert is_salutation(line)


@pytest.mark.parametrize(
    "line",
    [
        "Respetados por todos, los líderes sociales siguen amenazados.",
        "With urgency,",
        "In hope,",
    ],
)
def test_not_salutations(line: str) -> None:
    assert not is_salutation(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Firmantes", "any"),
        ("Organizaciones firmantes:", "organization"),
        ("SIGNATAIRES", "any"),
        ("Organisations signataires :", "organization"),
        ("Unterzeichner", "any"),
        ("Unterzeichnende Organisationen", "organization"),
        ("Ondertekenaars", "any"),
        ("Signatários", "any"),
        ("Signatarios", "any"),
        ("SIGNATÁRIOS:", "any"),
        ("Firmatari", "any"),
        ("Подписанты", "any"),
        ("Signed by the following:", "any"),
        ("List of Signatories", "any"),
        ("Endorsed by", "any"),
        ("Initial signers", "any"),
        ("Supporting organisations", "organization"),
        ("Signataires individuels", "individual"),
    ],
)
def test_signature_headings(line: str, kind: str) -> None:
    assert is_signatory_heading(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Les signataires demandent une réponse rapide.",
        "Firmantes de la carta anterior",
        "Organisations of the region met in May",
    ],
)
def test_not_signature_headings(line: str) -> None:
    assert is_signatory_heading(line) is None
