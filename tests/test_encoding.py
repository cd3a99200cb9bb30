"""compare.reading.encoding: every code page reads as its UTF-8 twin; stray control bytes are
dropped with a warning; binary files are refused; an encoding can be forced."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli
from compare.corpus import read_letters
from compare.errors import InputError
from compare.reading.encoding import decode
from compare.reading.loading import decode_text, load_document
from compare.similarity import compare_pair
from compare.themes import load_taxonomy

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LETTERS = {
    "polish": (
        "Szanowny Panie Ministrze,\n\n"
        "Zwracamy się do Pana w sprawie wolności zgromadzeń w Łodzi.\n"
        "Żądamy, aby władze zaprzestały nękania działaczy i źle pojętej cenzury.\n"
        "W Łódź przyjechało wielu gości; ich głos musi być słyszany.\n\n"
        "Z poważaniem,\nFundacja Wolność Słowa, Łódź\n"
    ),
    "czech": (
        "Vážený pane ministře,\n\nobracíme se na Vás ve věci svobody shromažďování.\n"
        "Žádáme, aby úřady přestaly pronásledovat občanské aktivisty.\n"
        "Těšíme se na Vaši odpověď a děkujeme za pozornost.\n\n"
        "S úctou,\nSpolek Svobodné slovo, Brno\n"
    ),
    "russian": (
        "Уважаемый господин министр!\n\nМы обращаемся к Вам по поводу свободы собраний в Москве.\n"
        "Просим прекратить преследование правозащитников и журналистов.\n"
        "Надеемся на Ваш скорый ответ.\n\nС уважением,\nОбщество 'Мемориал', Москва\n"
    ),
    "greek": (
        "Αξιότιμε κύριε Υπουργέ,\n\n"
        "Απευθυνόμαστε σε εσάς σχετικά με την ελευθερία του συνέρχεσθαι.\n"
        "Ζητούμε από τις αρχές να σταματήσουν τη δίωξη των ακτιβιστών.\n"
        "Άμεση απάντηση θα εκτιμηθεί ιδιαίτερα.\n\nΜε εκτίμηση,\nΈνωση Πολιτών, Αθήνα\n"
    ),
    "turkish": (
        "Sayın Bakan,\n\nToplanma özgürlüğü konusunda size yazıyoruz.\n"
        "İnsan hakları savunucularına yönelik baskıların durdurulmasını istiyoruz.\n"
        "Şimdiden teşekkür eder, yanıtınızı bekleriz.\n\n"
        "Saygılarımızla,\nİnsan Hakları Derneği, İstanbul\n"
    ),
    "lithuanian": (
        "Gerbiamas ministre,\n\nKreipiamės į Jus dėl susirinkimų laisvės.\n"
        "Prašome sustabdyti žmogaus teisių gynėjų persekiojimą.\n"
        "Tikimės greito atsakymo ir dėkojame už dėmesį.\n\n"
        "Pagarbiai,\nPilietinė visuomenė, Vilnius\n"
    ),
    "french": (
        "Monsieur le Ministre,\n\n"
        "Nous vous écrivons au sujet de la liberté de réunion à Besançon.\n"
        "Nous demandons que cessent les poursuites contre les défenseurs des droits.\n"
        "Le cœur de l'affaire : « l'État doit protéger », dit Müller à Zürich.\n\n"
        "Veuillez agréer nos salutations distinguées,\nLigue des droits de l'Homme, Besançon\n"
    ),
    "german": (
        "Sehr geehrte Frau Ministerin,\n\n"
        "wir schreiben Ihnen über die Versammlungsfreiheit in München und Köln.\n"
        "Wir fordern, dass die Behörden die Verfolgung von Aktivistinnen beenden; "
        "Straßenproteste müssen möglich bleiben.\n"
        "Für Ihre Antwort danken wir Ihnen im Voraus.\n\n"
        "Mit freundlichen Grüßen,\nÖsterreichische Liga für Menschenrechte, Wien\n"
    ),
    "portuguese": (
        "Senhor Ministro,\n\n"
        "Escrevemos-lhe a respeito da liberdade de reunião e de associação em São Paulo.\n"
        "Pedimos que as autoridades ponham fim à perseguição dos defensores; a situação "
        "é grave e não pode continuar.\n"
        "Agradecemos a sua atenção e aguardamos uma resposta.\n\n"
        "Atenciosamente,\nAssociação Ação Cívica, Lisboa\n"
    ),
    "japanese": (
        "大臣閣下\n\n集会の自由について、私たちはお手紙を差し上げます。\n"
        "人権活動家への弾圧をやめるよう、当局に求めます。\n"
        "早急なご回答をお待ちしております。\n\n敬具\n東京人権協会\n"
    ),
    "chinese_simplified": (
        "尊敬的部长：\n\n我们就集会自由问题写信给您。\n我们要求当局停止对人权捍卫者的迫害。\n"
        "期待您的尽快答复。\n\n此致敬礼\n北京公民协会\n"
    ),
    "chinese_traditional": (
        "尊敬的部長：\n\n我們就集會自由問題寫信給您。\n我們要求當局停止對人權捍衛者的迫害。\n"
        "期待您的盡快答覆。\n\n此致敬禮\n台北公民協會\n"
    ),
}

TWINS = [
    ("polish", "cp1250"),
    ("polish", "iso8859-2"),
    ("czech", "cp1250"),
    ("czech", "iso8859-2"),
    ("russian", "cp1251"),
    ("russian", "koi8-r"),
    ("russian", "iso8859-5"),
    ("russian", "cp866"),
    ("greek", "cp1253"),
    ("greek", "iso8859-7"),
    ("turkish", "cp1254"),
    ("turkish", "iso8859-9"),
    ("lithuanian", "cp1257"),
    ("french", "cp1252"),
    ("french", "iso8859-15"),
    ("french", "iso8859-1"),
    ("french", "mac-roman"),
    ("french", "cp850"),
    ("french", "cp437"),
    ("german", "mac-roman"),
    ("german", "cp850"),
    ("german", "cp437"),
    ("portuguese", "mac-roman"),
    ("portuguese", "cp850"),
    ("japanese", "shift_jis"),
    ("chinese_simplified", "gb18030"),
    ("chinese_traditional", "big5"),
    ("polish", "utf-16-le"),
    ("russian", "utf-16-le"),
    ("japanese", "utf-16-le"),
    ("french", "utf-16-be"),
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.mark.parametrize(("language", "codec"), TWINS)
def test_a_code_page_letter_reads_exactly_as_its_utf8_twin(tmp_path, taxonomy, language, codec):
    text = LETTERS[language]
    if "œ" in text and codec in ("iso8859-1", "cp850", "cp437"):
        text = text.replace("œ", "oe")
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "coded.txt").write_bytes(text.encode(codec))  # no BOM for UTF-16 either
    twin, coded = load_document(tmp_path / "utf8.txt"), load_document(tmp_path / "coded.txt")
    assert coded.text == twin.text
    assert coded.warnings == ()  # a clear winner: no close call
    if language in ("polish", "russian", "french", "german", "portuguese"):
        [a] = read_letters(tmp_path / "utf8.txt", taxonomy)
        [b] = read_letters(tmp_path / "coded.txt", taxonomy)
        assert compare_pair(a, b).score >= 0.99


def test_a_text_still_garbled_suggests_forcing_its_encoding(tmp_path):
    """A code page not weighed (Greek DOS, cp737) reads as mojibake: the warning says so and
    names ``--encoding``, which then reads it right."""
    data = LETTERS["greek"].encode("cp737")
    [warning] = decode(data).warnings
    assert "garbled" in warning and "--encoding NAME" in warning
    assert decode(data, encoding="cp737").text == LETTERS["greek"]


def test_ascii_letters_do_not_make_a_text_windows_1252():
    text = "Dear Minister, the café owner, Mr Dvořák, agrees; so does Mrs Šťastná.\n"
    assert decode_text(text.encode("cp1250")) == (text, "cp1250")


def test_a_close_call_names_the_winner_and_the_runner_up(tmp_path, taxonomy):
    decoded = decode("Mañana\n".encode("cp1252"))
    assert decoded.warnings == ("read as windows-1252 (close to windows-1250)",)


def test_an_encoding_can_be_forced_by_argument_or_environment(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes("Mañana\n".encode("cp1252"))
    assert load_document(path, encoding="cp1250").text == "Mańana\n"
    assert load_document(path, encoding="windows-1252").warnings == ()
    monkeypatch.setenv("COMPARE_ENCODING", "iso-8859-2")
    assert load_document(path).text == "Mańana\n"
    assert load_document(path, encoding="cp1252").text == "Mañana\n"  # the argument wins


def test_an_unknown_or_unfitting_forced_encoding_is_a_one_line_error(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes("Mañana\n".encode("cp1252"))
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        load_document(path, encoding="klingon")
    with pytest.raises(InputError, match="unknown encoding 'base64'"):
        load_document(path, encoding="base64")
    with pytest.raises(InputError, match="cannot decode the file as utf-8"):
        load_document(path, encoding="utf-8")
    monkeypatch.setenv("COMPARE_ENCODING", "klingon")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        load_document(path)


NUL_LETTER = (
    "Dear Minister,\n\n"
    "We write to you about the\x00 freedom of assembly in our country.\n"
    "We urge you to release the detained journalists without delay.\x00\n"
    "We also call on you to end the harassment of human rights defenders.\n\n"
    "Sincerely,\n\nAmnesty International\x00\nHuman Rights Watch\n"
)


def test_a_letter_with_three_nul_bytes_parses_with_a_warning(tmp_path, taxonomy):
    path = tmp_path / "nul.txt"
    path.write_bytes(NUL_LETTER.encode("utf-8"))
    document = load_document(path)
    assert "\x00" not in document.text
    assert document.warnings == ("3 stray NUL bytes dropped",)
    [letter] = read_letters(path, taxonomy)
    assert "3 stray NUL bytes dropped" in letter.warnings
    assert {s.name for s in letter.signatories} >= {"Amnesty International"}
    result = CliRunner().invoke(cli, ["--corpus", str(SEEDS), "show", str(path)])
    assert result.exit_code == 0, result.output
    assert "! 3 stray NUL bytes dropped" in result.output


def test_stray_control_bytes_in_a_code_page_text_are_dropped_too(tmp_path):
    data = LETTERS["polish"].encode("cp1250").replace(b"Ministrze", b"Mini\x1bstrze\x07")
    decoded = decode(data)
    assert (decoded.text, decoded.encoding) == (LETTERS["polish"], "cp1250")
    assert decoded.warnings == ("2 stray control bytes dropped",)


@pytest.mark.parametrize("seed", range(5))
def test_a_binary_blob_is_refused(tmp_path, seed):
    blob = random.Random(seed).randbytes(4000)
    path = tmp_path / "blob.txt"
    path.write_bytes(blob)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.problem == "binary file, not text"


def test_a_nul_in_most_lines_is_binary_though_the_bytes_are_few():
    data = b"".join(b"line %d of a long enough record\x00\n" % n for n in range(10))
    with pytest.raises(InputError, match="binary file, not text"):
        decode(data)


def test_the_encoding_option_forces_an_encoding_for_every_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from compare.cli import cli

    monkeypatch.setenv("COMPARE_ENCODING", "")  # what the CLI sets is undone after the test
    text = "Dear Minister,\n\nWe urge you to act for Łódź and Kraków.\n\nSincerely,\n\nGroup\n"
    (tmp_path / "l.txt").write_bytes(text.encode("cp1250"))
    runner = CliRunner()
    forced = runner.invoke(
        cli,
        ["--encoding", "iso-8859-2", "--no-cache", "--corpus", str(tmp_path), "parse", "--json"],
    )
    monkeypatch.setenv("COMPARE_ENCODING", "")
    assert forced.exit_code == 0, forced.output
    assert (
        "Kraków" in forced.output and "Łódź" not in forced.output
    )  # cp1250's ź (0x9F) is a control code in ISO-8859-2
    bad = runner.invoke(
        cli,
        [
            "--encoding",
            "no-such-codec",
            "--no-cache",
            "--corpus",
            str(tmp_path),
            "parse",
            str(tmp_path / "l.txt"),
        ],
    )
    assert bad.exit_code == 1 and "unknown encoding" in bad.output
