"""Letters in other languages: crafted letters whose salutation, closing, body, date and cc
are written in French, Spanish, German, Czech, Russian, Polish, Dutch, Italian, Portuguese."""

from __future__ import annotations

import pytest

from compare.corpus import document_letters
from compare.models import Document
from compare.reading.lexicon import cc_start, is_closing, is_salutation

LETTERS = {
    "fr": (
        "Lettre ouverte au ministre de l'Intérieur\n\nParis, le 13 mai 2021\n\n"
        "Madame la Ministre,\n\n"
        "Nous vous écrivons au sujet des conditions de détention des personnes migrantes. "
        "Nous vous demandons de fermer les centres de rétention.\n\n"
        "Cordialement,\n\nAssociation Exemple\nCollectif Modèle\n\n"
        "Copie à : M. le Premier ministre",
        "Madame la Ministre,",
        "Cordialement,",
    ),
    "es": (
        "Carta abierta al Gobierno\n\nMadrid, 13 de mayo de 2021\n\n"
        "Estimado Sr. Presidente:\n\n"
        "Nos dirigimos a usted para expresar nuestra preocupación por la situación de los "
        "defensores de derechos humanos. Le pedimos que garantice su protección.\n\n"
        "Atentamente,\n\nAsociación Ejemplo\nRed Modelo\n\nCon copia a: Ministerio del Interior",
        "Estimado Sr. Presidente:",
        "Atentamente,",
    ),
    "de": (
        "Offener Brief an die Bundesregierung\n\nBerlin, den 13. Mai 2021\n\n"
        "Sehr geehrte Damen und Herren,\n\n"
        "wir wenden uns an Sie wegen der Lage der Geflüchteten an der Grenze. Wir fordern "
        "Sie auf, die Abschiebungen sofort zu stoppen.\n\n"
        "Mit freundlichen Grüßen\n\nBeispielverein e.V.\nNetzwerk Muster\n\n"
        "Kopie an: Innenministerium",
        "Sehr geehrte Damen und Herren,",
        "Mit freundlichen Grüßen",
    ),
    "cs": (
        "Otevřený dopis vládě\n\nV Praze dne 13. května 2021\n\n"
        "Vážený pane premiére,\n\n"
        "obracíme se na Vás ve věci ochrany novinářů. Žádáme vládu, aby zajistila jejich "
        "bezpečnost a vyšetřila všechny útoky.\n\n"
        "S pozdravem\n\nSpolek Příklad\nSíť Vzor\n\nNa vědomí: Ministerstvo vnitra",
        "Vážený pane premiére,",
        "S pozdravem",
    ),
    "ru": (
        "Открытое письмо министру\n\n13 мая 2021 г.\n\n"
        "Уважаемый господин министр!\n\n"
        "Мы обращаемся к вам в связи с задержанием журналистов. Мы призываем вас "
        "немедленно освободить всех задержанных.\n\n"
        "С уважением,\n\nОбщество Пример\nСеть Образец\n\nКопия: Генеральному прокурору",
        "Уважаемый господин министр!",
        "С уважением,",
    ),
    "pl": (
        "List otwarty do rządu\n\nWarszawa, 13 maja 2021 r.\n\n"
        "Szanowny Panie Premierze,\n\n"
        "zwracamy się do Pana w sprawie niezależności sądów. Apelujemy o wycofanie "
        "projektu ustawy.\n\n"
        "Z poważaniem\n\nStowarzyszenie Przykład\nSieć Wzór",
        "Szanowny Panie Premierze,",
        "Z poważaniem",
    ),
    "nl": (
        "Open brief aan de minister\n\n13 mei 2021\n\n"
        "Geachte minister,\n\n"
        "Wij schrijven u over de opvang van vluchtelingen. Wij vragen u om de opvang "
        "onmiddellijk te verbeteren.\n\n"
        "Met vriendelijke groet,\n\nStichting Voorbeeld\nNetwerk Model",
        "Geachte minister,",
        "Met vriendelijke groet,",
    ),
    "it": (
        "Lettera aperta al Governo\n\nRoma, 13 maggio 2021\n\n"
        "Gentile Ministro,\n\n"
        "le scriviamo in merito alla situazione delle persone migranti. Chiediamo che "
        "siano garantiti i loro diritti.\n\n"
        "Cordiali saluti\n\nAssociazione Esempio\nRete Modello",
        "Gentile Ministro,",
        "Cordiali saluti",
    ),
    "pt": (
        "Carta aberta ao Governo\n\nLisboa, 13 de maio de 2021\n\n"
        "Excelentíssimo Senhor Presidente,\n\n"
        "Vimos por este meio manifestar a nossa preocupação com a situação dos defensores "
        "de direitos humanos. Pedimos que garanta a sua proteção.\n\n"
        "Atenciosamente,\n\nAssociação Exemplo\nRede Modelo",
        "Excelentíssimo Senhor Presidente,",
        "Atenciosamente,",
    ),
}


@pytest.mark.parametrize("language", sorted(LETTERS))
def test_a_letter_in_another_language_is_read(language, taxonomy):
    text, salutation, closing = LETTERS[language]
    letters = document_letters(Document(source=f"{language}.txt", text=text), taxonomy)
    assert len(letters) == 1
    letter = letters[0]
    assert letter.salutation == salutation
    assert letter.closing == closing
    assert letter.date == "2021-05-13"
    body = [p for p in letter.paragraphs if p.kind == "body"]
    assert len(body) == 1 and len(body[0].text.split()) > 10
    assert len(letter.signatories) == 2
    assert "no closing line found; signatories not read" not in letter.warnings


@pytest.mark.parametrize(
    ("language", "cc"),
    [
        ("fr", "M. le Premier ministre"),
        ("es", "Ministerio del Interior"),
        ("de", "Innenministerium"),
        ("cs", "Ministerstvo vnitra"),
        ("ru", "Генеральному прокурору"),
    ],
)
def test_cc_markers_in_other_languages(language, cc, taxonomy):
    letter = document_letters(Document(source="x.txt", text=LETTERS[language][0]), taxonomy)[0]
    assert letter.cc == (cc,)


def test_a_french_closing_formula_is_the_closing(taxonomy):
    text = (
        "Monsieur le Ministre,\n\n"
        "Nous vous demandons de libérer les défenseurs des droits humains détenus.\n\n"
        "Nous vous prions d’agréer, Monsieur le Ministre, l’expression de notre haute "
        "considération.\n\nAssociation Exemple\nCollectif Modèle"
    )
    letter = document_letters(Document(source="f.txt", text=text), taxonomy)[0]
    assert letter.closing is not None and letter.closing.startswith("Nous vous prions")
    assert len(letter.signatories) == 2


@pytest.mark.parametrize(
    "line",
    [
        "VÁŽENÝ PANE MINISTŘE,",
        "Vazeny pane ministre,",
        "уважаемые коллеги,",
        "¡Hola amigos!",
        "Szanowni Państwo",
    ],
)
def test_salutations_match_in_any_case_with_or_without_accents(line):
    assert is_salutation(line)


@pytest.mark.parametrize(
    "line",
    [
        "Estimamos que la medida afectará a miles de personas.",
        "Madame Curie a reçu le prix Nobel en 1903 et en 1911 pour ses travaux.",
        "Mile End Road,",
        "Уважаемый министр обещал ответить, но так и не ответил на наше письмо.",
    ],
)
def test_sentences_are_not_salutations(line):
    assert not is_salutation(line)


@pytest.mark.parametrize(
    "line",
    ["С УВАЖЕНИЕМ", "Z powazaniem,", "Mit freundlichen Grüssen", "S úctou", "Saludos cordiales,"],
)
def test_closings_match_in_any_case_with_or_without_accents(line):
    assert is_closing(line)


@pytest.mark.parametrize(
    "line",
    [
        "Copia de este informe fue enviada al ministerio.",
        "Копия этого письма направлена.",
        "DW Akademie trains journalists",
    ],
)
def test_sentences_opening_with_copy_are_not_cc(line):
    assert cc_start(line) is None
