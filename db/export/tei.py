"""TEI P5 XML of the interviews: one ``TEI`` document per interview (``tei/ID.xml``) and a
``teiCorpus`` holding them all inline (``tei/corpus.xml``).

Each document's ``teiHeader`` gives the title as published, the interviewee and ESS 2024 as
``respStmt`` (TEI practice for a recorded or published interview: ESS 2024 conducts and
publishes the series without naming an interviewer), the archive and the rights of the
texts (``publicationStmt``), the original publication and the raw capture it was read from
(``sourceDesc``: URL, date, capture id and date, SHA-256 of the raw bytes), the language,
categories and tags, and the participants (``particDesc``: the interviewee, with the role and
organisation as ``affiliation``, and the organisations). The ``body`` holds the intro, one
``div type="qa"`` per question with the question (``sp who="#ess2024"``) and the answer
(``sp`` of the interviewee, with the record's speaker label as ``speaker``; paragraphs,
lists, quotes and inline markup from the sanitised ``answer_html``), then the outro.

Ids are unique in the whole corpus: the document is ``ess2024_ID`` (the citation key), its
interviewee ``ess2024_ID-interviewee`` and organisation ``ess2024_ID-organisation``; ESS
2024 is ``ess2024``, declared in each document and, in ``corpus.xml``, once in the corpus
header (a ``TEI`` in a ``teiCorpus`` inherits the corpus header), so the documents inline in
the corpus do not repeat it. Deterministic: the files depend on the interviews, their
questions and their captures only, never on the clock.

The files validate against ``tei_all.rng`` (TEI P5 4.3.0, shipped in ``schema/``): the
tests check every file and the corpus with lxml's RELAX NG."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import lxml.html
from lxml import etree
from sqlite_utils import Database

from db.citations import SERIES, SITE, citation_key, cited_name, csl_name, french_date

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SCHEMA = Path(__file__).parent / "schema" / "tei_all.rng"
SCHEMA_URL = "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
PROLOGUE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<?xml-model href="{SCHEMA_URL}" type="application/xml" '
            'schematypens="http://relaxng.org/ns/structure/1.0"?>\n')
SITE_ID = "ess2024"

# Each interview with its capture (the capture is optional: the header then says less).
INTERVIEWS = """
SELECT i.*, c.url AS capture_url, c.fetched_at AS captured, c.sha256 AS capture_sha256, c.status AS capture_status,
       c.content_type AS capture_type, c.body_size AS capture_size
FROM interviews i LEFT JOIN captures c ON c.id = i.capture_id ORDER BY i.id
"""
QUESTIONS = "SELECT n, marker, question, answer, answer_html, speaker FROM qa WHERE interview_id = ? ORDER BY n"

# Inline HTML of the sanitised answers -> TEI (element, attributes).
INLINE = {
    "strong": ("hi", {"rend": "bold"}), "b": ("hi", {"rend": "bold"}),
    "em": ("hi", {"rend": "italic"}), "i": ("hi", {"rend": "italic"}),
    "u": ("hi", {"rend": "underline"}), "s": ("hi", {"rend": "strikethrough"}),
    "sub": ("hi", {"rend": "subscript"}), "sup": ("hi", {"rend": "superscript"}),
    "small": ("hi", {"rend": "small"}), "mark": ("hi", {"rend": "highlight"}),
    "code": ("code", {}), "q": ("q", {}), "cite": ("title", {}), "abbr": ("abbr", {}),
}
LISTS = {"ul": "bulleted", "ol": "numbered"}
DROPPED = {"script", "style", "template"}  # not in sanitised HTML; if ever there, not text either
# Elements written one child a line (element-only content); every other element keeps its
# white space exactly as the text has it.
STRUCTURAL = {"TEI", "teiCorpus", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt",
              "availability", "sourceDesc", "bibl", "profileDesc", "langUsage", "textClass", "keywords",
              "particDesc", "listPerson", "person", "personGrp", "listOrg", "org", "text", "body", "div",
              "sp", "list", "quote", "extent"}
# Characters XML 1.0 cannot carry (C0 controls but tab and newlines, surrogates, U+FFFE/F).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
W3C_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?)?)?$")


def tei(tag: str) -> str:
    """Return the qualified name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def clean(text: str | None) -> str:
    """Return text XML can carry (characters it cannot dropped)."""
    return NOT_XML.sub("", text or "")


def uri(url: str | None) -> str:
    """Return a URL as an ``anyURI`` (spaces and non-ASCII characters percent-encoded)."""
    return quote(clean(url).strip(), safe=":/?#[]@!$&'()*+,;=%~")


def add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str | None) -> etree._Element:
    """Append a TEI element (``xml_id``/``xml_lang`` for ``xml:id``/``xml:lang``; None attributes left out)."""
    element = etree.SubElement(parent, tei(tag))
    for name, value in attributes.items():
        if value is not None:
            key = f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml_") else name
            element.set(key, clean(str(value)))
    if text:
        element.text = clean(text)
    return element


def responsibility(title_stmt: etree._Element, what: str, tag: str, who: str, **attributes: str) -> None:
    """Add a ``respStmt`` (what was done, and by whom) to a ``titleStmt``."""
    resp = add(title_stmt, "respStmt")
    add(resp, "resp", what)
    add(resp, tag, who, **attributes)


def append_text(element: etree._Element, text: str | None) -> None:
    """Append text at the end of an element's content (after its last child)."""
    text = clean(text)
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def date_element(parent: etree._Element, iso: str | None, kind: str) -> None:
    """Append a ``date`` (``when`` if the value is a W3C date, the French date as text)."""
    if not iso:
        return
    when = iso.strip() if W3C_DATE.match(iso.strip()) else None
    add(parent, "date", french_date(iso) or iso, type=kind, when=when)


def json_list(value: str | None) -> list[str]:
    """Return a JSON list column as a list of strings (anything else: empty)."""
    try:
        items = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(i) for i in items if str(i).strip()] if isinstance(items, list) else []


# --- the answers' HTML -----------------------------------------------------------------------

def inline_into(source: etree._Element, target: etree._Element) -> None:
    """Write the content of an HTML element into a TEI element: text, inline markup, lists."""
    append_text(target, source.text)
    for child in source:
        inline_child(child, target)
        append_text(target, child.tail)


def inline_child(child: etree._Element, target: etree._Element) -> None:
    """Write one HTML element (not its tail) into a TEI element."""
    if not isinstance(child.tag, str):  # a comment or processing instruction: nothing
        return
    tag = child.tag.lower()
    if tag in DROPPED:
        return
    if tag in INLINE:
        name, attributes = INLINE[tag]
        inline_into(child, add(target, name, **attributes))
    elif tag == "a":
        href = child.get("href")
        inline_into(child, add(target, "ref", target=uri(href) if href else None))
    elif tag == "br":
        add(target, "lb")
    elif tag in LISTS:
        list_into(child, target)
    elif tag == "p" and target.tag == tei("item"):
        inline_into(child, add(target, "p"))
    elif tag == "blockquote" and target.tag == tei("item"):
        blocks_into(child, target, quote=True)
    else:  # anything else keeps its text and inline markup
        inline_into(child, target)


def list_into(source: etree._Element, target: etree._Element) -> None:
    """Write an HTML list as a TEI ``list`` of ``item``s (nested lists kept nested)."""
    items = [c for c in source if isinstance(c.tag, str) and c.tag.lower() not in DROPPED]
    if not items:
        return  # an empty list: nothing to say
    tei_list = add(target, "list", rend=LISTS[source.tag.lower()])
    for child in items:  # anything but an li in a list is an item of its own
        inline_into(child, add(tei_list, "item"))


def blocks_into(source: etree._Element, target: etree._Element, quote: bool = False) -> None:
    """Write block-level HTML (p, lists, blockquote) as TEI blocks; loose text and inline
    markup between blocks become paragraphs of their own."""
    if quote:
        target = add(target, "quote")
    loose: etree._Element | None = None

    def paragraph() -> etree._Element:
        nonlocal loose
        if loose is None:
            loose = add(target, "p")
        return loose

    if (source.text or "").strip():
        append_text(paragraph(), source.text)
    for child in source:
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figcaption"):
            loose = None
            inline_into(child, add(target, "p"))
        elif tag in LISTS:
            loose = None
            list_into(child, target)
        elif tag == "blockquote":
            loose = None
            blocks_into(child, target, quote=True)
        elif tag is not None and tag not in DROPPED:
            inline_child(child, paragraph())
        if (child.tail or "").strip():
            append_text(paragraph(), child.tail)
    if quote and not len(target):
        add(target, "p")


def answer_blocks(sp: etree._Element, answer_html: str | None, answer: str | None) -> None:
    """Write an answer into its ``sp``: from the sanitised HTML, else from the plain text
    (one paragraph per blank-line-separated part)."""
    if (answer_html or "").strip():
        fragment = lxml.html.fragment_fromstring(clean(answer_html), create_parent="div")
        blocks_into(fragment, sp)
    else:
        for part in re.split(r"\n\s*\n", clean(answer)):
            if part.strip():
                add(sp, "p", part.strip())
    if len(sp) == sum(1 for c in sp if c.tag == tei("speaker")):
        add(sp, "p")  # an sp needs a block; an empty answer stays an empty paragraph


# --- one document ----------------------------------------------------------------------------

def ids(interview: dict) -> dict[str, str]:
    """Return the xml:ids of an interview's document, interviewee and organisation."""
    key = citation_key(interview)
    return {"doc": key, "person": f"{key}-interviewee", "org": f"{key}-organisation"}


def site_org(parent: etree._Element, source_url: str) -> None:
    """Append ESS 2024, the site, as an ``org`` (``ess2024``)."""
    org = add(parent, "org", xml_id=SITE_ID, role="interviewer publisher")
    add(org, "orgName", SITE)
    add(org, "ptr", target=uri(source_url))


def pers_name(parent: etree._Element, interview: dict) -> None:
    """Append the interviewee's name as published: honorific, forename and surname for a
    person (as the citations split them), the name as it is for a group or organisation."""
    published = clean(interview.get("interviewee")).strip()
    if interview.get("kind") not in (None, "person"):
        add(parent, "name", published or cited_name(interview))
        return
    name = add(parent, "persName")
    plain = cited_name(interview)
    honorific = published[: -len(plain)].strip() if plain and published.endswith(plain) else ""
    parts = csl_name(interview)
    if honorific:
        add(name, "roleName", honorific, type="honorific")
        append_text(name, " ")
    if "family" in parts:
        add(name, "forename", parts["given"])
        append_text(name, " ")
        add(name, "surname", parts["family"])
    else:
        append_text(name, parts.get("literal") or published)


def header(doc: etree._Element, interview: dict, meta: dict, in_corpus: bool) -> None:
    """Write the ``teiHeader`` of an interview."""
    idx = ids(interview)
    organisation = clean(interview.get("organisation")).strip()
    head = add(doc, "teiHeader")
    file_desc = add(head, "fileDesc")
    title_stmt = add(file_desc, "titleStmt")
    add(title_stmt, "title", interview["title"], type="main")
    responsibility(title_stmt, "Personne interviewée", "name",
                   interview.get("interviewee") or cited_name(interview), ref=f"#{idx['person']}")
    responsibility(title_stmt, "Entretien conduit et publié par", "orgName", SITE, ref=f"#{SITE_ID}")
    responsibility(title_stmt, "Archivage et encodage TEI", "name", meta["about"])
    publication(file_desc, meta, interview)
    source = add(file_desc, "sourceDesc")
    bibl = add(source, "bibl", type="original")
    add(bibl, "title", interview["title"], level="a")
    interviewed = add(bibl, "respStmt")
    add(interviewed, "resp", "Personne interviewée")
    add(interviewed, "name", interview.get("interviewee") or cited_name(interview), ref=f"#{idx['person']}")
    add(bibl, "title", SERIES, level="s")
    add(bibl, "publisher", SITE, ref=f"#{SITE_ID}")
    date_element(bibl, interview.get("published"), "published")
    date_element(bibl, interview.get("modified"), "modified")
    add(bibl, "ptr", target=uri(interview["url"]))
    if interview["id"] > 0:
        add(bibl, "idno", str(interview["id"]), type="wordpress-post")
    add(bibl, "textLang", mainLang=interview.get("language") or "fr")
    if interview.get("capture_id") is not None:
        capture = add(source, "bibl", type="capture")
        add(capture, "title", f"Capture brute {interview['capture_id']} (ess-archive)")
        add(capture, "ptr", target=uri(interview["capture_url"]))
        date_element(capture, interview.get("captured"), "capture")
        add(capture, "idno", str(interview["capture_id"]), type="capture")
        add(capture, "idno", interview["capture_sha256"], type="sha256")
        add(capture, "note", f"HTTP {interview['capture_status']}, {interview['capture_type'] or 'sans type'}, "
                             f"{interview['capture_size']} octets ; lue par « {interview.get('source') or '?'} »")
    profile(head, interview, meta, in_corpus, organisation)


def publication(file_desc: etree._Element, meta: dict, interview: dict | None) -> None:
    """Write the ``publicationStmt``: the archive, the document's id, the rights."""
    pub = add(file_desc, "publicationStmt")
    add(pub, "publisher", meta["about"])
    if interview is not None:
        add(pub, "idno", str(interview["id"]), type="ess-archive")
    available = add(pub, "availability", status="restricted")
    add(available, "p", meta["license"])  # texts © their authors and ESS 2024, not relicensed
    add(pub, "ptr", target=uri(meta["about_url"]))


def profile(head: etree._Element, interview: dict, meta: dict, in_corpus: bool, organisation: str) -> None:
    """Write the ``profileDesc``: language, categories and tags, participants."""
    idx = ids(interview)
    desc = add(head, "profileDesc")
    language = interview.get("language") or "fr"
    add(add(desc, "langUsage"), "language", {"fr": "français", "en": "anglais"}.get(language, language),
        ident=language)
    categories, tags = json_list(interview.get("categories")), json_list(interview.get("tags"))
    if categories or tags:
        classes = add(desc, "textClass")
        for kind, terms in (("categories", categories), ("tags", tags)):
            if terms:
                keywords = add(classes, "keywords", n=kind)
                for term in terms:
                    add(keywords, "term", term)
    partic = add(desc, "particDesc")
    people = add(partic, "listPerson")
    person = add(people, "person" if interview.get("kind") in (None, "person") else "personGrp",
                 xml_id=idx["person"], role="interviewee")
    pers_name(person, interview)
    role = clean(interview.get("role")).strip()
    if role or organisation:
        affiliation = add(person, "affiliation", ref=f"#{idx['org']}" if organisation else None)
        if role:
            add(affiliation, "roleName", role)
        if role and organisation:
            append_text(affiliation, ", ")
        if organisation:
            add(affiliation, "orgName", organisation, ref=f"#{idx['org']}")
    if interview.get("person_id") is not None:
        add(person, "idno", str(interview["person_id"]), type="ess-archive-person")
    if organisation or not in_corpus:
        orgs = add(partic, "listOrg")
        if organisation:
            org = add(orgs, "org", xml_id=idx["org"])
            add(org, "orgName", organisation)
            if interview.get("organisation_id") is not None:
                add(org, "idno", str(interview["organisation_id"]), type="ess-archive-organisation")
        if not in_corpus:
            site_org(orgs, meta["source_url"])


def body(doc: etree._Element, interview: dict, questions: list[dict]) -> None:
    """Write the ``text``: intro, one ``div`` per question and answer, outro."""
    idx = ids(interview)
    text = add(doc, "text")
    content = add(text, "body")
    for kind in ("intro", None, "outro"):
        if kind is None:
            for qa in questions:
                div = add(content, "div", type="qa", n=str(qa["n"]))
                question = add(add(div, "sp", who=f"#{SITE_ID}"), "p")
                if (qa.get("marker") or "").strip():
                    add(question, "label", qa["marker"].strip(), type="marker")
                    append_text(question, " ")
                append_text(question, qa["question"])
                answer = add(div, "sp", who=f"#{idx['person']}")
                if (qa.get("speaker") or "").strip():
                    add(answer, "speaker", qa["speaker"].strip())
                answer_blocks(answer, qa.get("answer_html"), qa.get("answer"))
        elif (interview.get(kind) or "").strip():
            div = add(content, "div", type=kind)
            for part in re.split(r"\n\s*\n", clean(interview[kind])):
                if part.strip():
                    add(div, "p", part.strip())
    if not len(content):
        add(content, "p")


def document(interview: dict, questions: list[dict], meta: dict, in_corpus: bool = False) -> etree._Element:
    """Return the ``TEI`` element of an interview (``in_corpus``: ESS 2024 left to the corpus header)."""
    doc = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    doc.set(f"{{{XML_NS}}}id", ids(interview)["doc"])
    doc.set(f"{{{XML_NS}}}lang", clean(interview.get("language") or "fr"))
    header(doc, interview, meta, in_corpus)
    body(doc, interview, questions)
    return doc


def corpus(db: Database, interviews: list[dict], meta: dict) -> etree._Element:
    """Return the ``teiCorpus``: its header (the archive, the site, ESS 2024 once) and every
    interview's ``TEI``, in id order."""
    root = etree.Element(tei("teiCorpus"), nsmap={None: TEI_NS})
    root.set(f"{{{XML_NS}}}lang", "fr")
    head = add(root, "teiHeader")
    file_desc = add(head, "fileDesc")
    title_stmt = add(file_desc, "titleStmt")
    add(title_stmt, "title", f"{meta['title']} — corpus TEI", type="main")
    responsibility(title_stmt, "Entretiens conduits et publiés par", "orgName", SITE, ref=f"#{SITE_ID}")
    responsibility(title_stmt, "Archivage et encodage TEI", "name", meta["about"])
    extent = add(file_desc, "extent")
    add(extent, "measure", f"{len(interviews)} entretiens", unit="interview", quantity=str(len(interviews)))
    publication(file_desc, meta, None)
    bibl = add(add(file_desc, "sourceDesc"), "bibl")
    add(bibl, "title", SERIES, level="s")
    add(bibl, "publisher", SITE, ref=f"#{SITE_ID}")
    add(bibl, "ptr", target=uri(meta["source_url"]))
    site_org(add(add(add(head, "profileDesc"), "particDesc"), "listOrg"), meta["source_url"])
    for interview in interviews:
        root.append(document(interview, questions_of(db, interview), meta, in_corpus=True))
    return root


def questions_of(db: Database, interview: dict) -> list[dict]:
    """Return the questions and answers of an interview, in order."""
    return list(db.query(QUESTIONS, [interview["id"]]))


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent element-only content by two spaces a level; mixed content is left as it is."""
    children = [c for c in element if isinstance(c.tag, str)]
    local = etree.QName(element).localname if isinstance(element.tag, str) else ""
    if (children and local in STRUCTURAL and not (element.text or "").strip()
            and not any((c.tail or "").strip() for c in element)):
        element.text = "\n" + "  " * (level + 1)
        for child in element:
            child.tail = "\n" + "  " * (level + 1)
        element[-1].tail = "\n" + "  " * level
    for child in children:
        indent(child, level + 1)


def serialise(root: etree._Element) -> bytes:
    """Return a document as UTF-8 bytes: the XML declaration, the schema's ``xml-model``, the tree."""
    indent(root)
    return (PROLOGUE + etree.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def metadata() -> dict:
    """Return the archive's metadata (``db/metadata.yaml``)."""
    import yaml

    return yaml.safe_load(Path(__file__).parent.parent.joinpath("metadata.yaml").read_text(encoding="utf-8"))


def export_tei(db: Database, folder: Path) -> list[Path]:
    """Write ``ID.xml`` for every interview and ``corpus.xml`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = metadata()
    interviews = list(db.query(INTERVIEWS))
    written = []
    for interview in interviews:
        path = folder / f"{interview['id']}.xml"
        path.write_bytes(serialise(document(interview, questions_of(db, interview), meta)))
        written.append(path)
    path = folder / "corpus.xml"
    path.write_bytes(serialise(corpus(db, interviews, meta)))
    return written + [path]
