"""Who a title names: the words of French names, honorifics, kinds of organisation, and
the nouns that describe people (read by ``crawler.parser.title`` and the speaker labels of
``crawler.parser.qa``)."""

from __future__ import annotations

import re
from functools import lru_cache

APOSTROPHE = "'’ʼ"

HONORIFICS = {"professeur", "professeure", "pr", "pre", "prof", "docteur", "docteure", "dr", "dre", "maître", "me",
              "monsieur", "madame", "m", "mme", "mgr", "professor", "père", "mère", "sœur", "soeur", "frère", "abbé"}

# Words that make what follows "à" something other than a name, even capitalised (Title Case).
NOT_NAMES = {"se", "s", "ne", "n", "y", "en", "propos", "choix", "ce", "cet", "cette", "ces", "ceux",
             "celles", "tout", "tous", "toute", "toutes", "quoi", "qui", "que", "quel", "quelle",
             "quels", "quelles", "poser", "retenir", "trancher", "savoir", "venir", "suivre",
             "méditer", "débattre", "résoudre", "régler", "éviter", "connaître",
             "comprendre", "garder", "lire", "voir", "ordre", "une", "veille", "rentrée", "loupe",
             "suite", "fin", "approche", "horizon", "étude", "épreuve", "affiche", "honneur",
             "heure", "occasion", "lumière", "question", "questions", "réponses", "vous", "nous",
             "moi", "toi", "lui", "eux", "elle", "elles", "chaud", "froid", "mi", "partir",
             "travers", "cause", "quelques", "plusieurs", "sujet", "sujets"}

# Kinds of organisation written before its name ("l’association Les Liens", "la SCOP X").
KINDS = {"association", "associations", "entreprise", "coopérative", "scop", "scic", "cae", "fondation",
         "fédération", "mutuelle", "collectif", "réseau", "agence", "université", "mairie", "ville",
         "commune", "région", "département", "conseil", "cabinet", "groupe", "société", "institut",
         "centre", "école", "fonds", "union", "maison", "atelier", "ateliers", "tiers-lieu",
         "épicerie", "recyclerie", "ressourcerie", "régie", "plateforme", "start-up", "startup",
         "compagnie", "chantier", "esat", "établissement", "club", "comité", "syndicat", "banque",
         "caisse", "office", "incubateur", "foyer", "cité", "communauté", "métropole",
         "préfecture", "ministère", "collège", "lycée", "laboratoire", "observatoire", "festival",
         "café", "chambre", "cercle", "mouvement", "alliance", "cress", "cres", "ferme", "fermes",
         "jardin", "jardins", "boutique", "librairie", "brasserie", "boulangerie", "cantine", "restaurant",
         "auberge", "garage", "bibliothèque", "médiathèque", "ludothèque", "théâtre", "musée", "crèche",
         "clinique", "hôpital", "ehpad", "résidence", "habitat", "pépinière", "accorderie",
         "friche", "espace", "écolieu", "éco-lieu", "fablab", "coworking", "accélérateur", "groupement",
         "geiq", "siae", "ong", "monnaie", "radio", "journal", "média", "revue", "éditions", "foncière",
         "agglomération", "parc", "campus", "magasin", "épiceries", "conciergerie", "consortium"}

# Lowercase nouns naming people ("aux fondatrices de X", "aux bénévoles du quartier").
PERSON_STEMS = ("fondat", "cofondat", "co-fondat", "présid", "coprésid", "co-présid", "vice", "direct",
                "codirect", "co-direct", "gérant", "cogérant", "co-gérant", "coordinat", "responsable",
                "chargé", "chef",
                "délégué", "secrétaire", "trésori", "membre", "administrat", "conseill", "maire",
                "adjoint", "élu", "député", "sénat", "chercheu", "chercheur", "doctorant",
                "ingénieu", "avocat", "médiat", "associé", "animat", "consultant", "porte-parole",
                "bénévole", "salarié", "habitant", "jeune", "équipe", "lauréat", "partenaire",
                "acteur", "actrice", "porteu", "porteur", "créat", "entrepreneu", "dirigeant",
                "organisat", "représentant", "candidat", "étudiant", "agent", "athlète", "sportif", "sportive",
                "artiste", "parent", "enseignant", "professeur", "médecin", "infirmi", "cadre",
                "militant", "volontaire", "stagiaire", "apprenti", "bénéficiaire", "usager",
                "maîtresse", "maître", "pilote", "capitaine", "ambassad", "expert", "experte")

AND = re.compile(r"\s(?:et|&|and)\s")

PARTICLES = {"de", "du", "des", "d", "le", "la", "van", "von", "der", "den", "ben", "bin", "el", "al",
             "da", "di", "dos", "et", "&", "and"}



WORD = re.compile(rf"[\w{APOSTROPHE}-]+")

ELIDED = re.compile(rf"^[ld][{APOSTROPHE}]")



def words_of(text: str) -> list[str]:
    return WORD.findall(text)



@lru_cache(maxsize=4096)  # the same few words, title after title
def word_key(word: str) -> str:
    """Return a word's comparison form: lowercase, elided article and final period dropped."""
    word = word.casefold().rstrip(".")
    return ELIDED.sub("", word) if len(word) > 2 else word.strip(APOSTROPHE)



def is_upper(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())



# Person nouns whose stem also begins other words ("artisan" / "artisanat", "éducateur" /
# "éducation"): matched whole, in the singular or the plural.
PERSON_WORDS = frozenset("""adhérent adhérente sociétaire coopérateur coopératrice agriculteur agricultrice paysan
paysanne artisan artisane commerçant commerçante travailleur travailleuse élève lycéen lycéenne collégien
collégienne retraité retraitée voisin voisine ouvrier ouvrière employé employée collaborateur collaboratrice
mécène donateur donatrice financeur financeuse investisseur investisseuse éducateur éducatrice formateur formatrice
accompagnateur accompagnatrice référent référente mentor mentore auteur autrice journaliste photographe architecte
designer économiste sociologue historien historienne juriste urbaniste ministre préfet préfète commissaire
sage-femme maraîcher maraîchère éleveur éleveuse boulanger boulangère cuisinier cuisinière menuisier menuisière
manager officer founder cofounder co-founder ceo president vice-president researcher member head""".split())


# Words that name a cause, a place or an activity, never a person: a bare name made of them
# ("Solidarité Paysanne Drôme", "Vélo Cité Lorient", "France Bénévolat Ardèche") is an
# organisation asked as such, even without a kind word or an article before it.
CAUSE_WORDS = frozenset("""solidarité solidarités solidaire solidaires bénévolat bénévoles emploi emplois insertion
vélo vélos cité terre terres lien liens humanisme habitat avenir nature initiative initiatives partage
citoyen citoyens citoyenne citoyennes territoire territoires environnement ensemble action actions active actives
entreprendre développement commerce équitable bio local locale locales durable durables social sociale sociales
économie culture cultures santé énergie énergies climat alimentation agriculture paysanne paysannes paysan paysans
jeunesse secours accueil entraide inclusion handicap logement mobilité mobilités numérique recyclage réemploi
vrac déchet déchets transition innovation coop co cie solidarity community""".split())
CAUSE_ENDINGS = ("tion", "tions", "sion", "sions", "isme", "ismes", "ité", "ités", "erie", "eries", "ement", "ements")
# Regions and departments, which end so many organisations' names ("… Ardèche", "… Bretagne").
PLACES = frozenset("""bretagne normandie occitanie provence alsace lorraine bourgogne auvergne aquitaine picardie
champagne corse île-de-france hauts-de-france grand-est ain aisne allier ardèche ardennes ariège aube aude aveyron
calvados cantal charente corrèze creuse dordogne doubs drôme eure finistère gard gers gironde hérault
ille-et-vilaine indre isère jura landes loire loiret lozère manche marne mayenne meuse morbihan moselle nièvre
nord oise orne pas-de-calais puy-de-dôme rhône saône sarthe savoie somme tarn vaucluse vendée vienne vosges yonne
essonne yvelines val-de-marne seine-saint-denis hauts-de-seine""".split())


# A coined word clipped by an apostrophe ("Solid’Roues", "Récup’ & Co"): a brand's, not a
# name's (names elide one letter: "N’Diaye", "D’Almeida", "O’Connor").
COINED = re.compile(rf"^\w{{3,}}[{APOSTROPHE}]")
ITALIAN_ELISIONS = ("dell", "dall", "nell", "sull")


def reads_as_organisation(name: str) -> bool:
    """Return whether a bare name after "à" ("France Bénévolat Ardèche") names an organisation:
    a word of a cause or an activity in it (or a noun's ending after its first word), a coined
    word, or a region or department ending a name of three
    words or more ("Marie Savoie" stays a person)."""
    words = [w for w in words_of(name) if word_key(w) not in PARTICLES]
    if any(COINED.match(w) and not w.casefold().startswith(ITALIAN_ELISIONS) for w in words):
        return True
    keys = [word_key(w) for w in words]
    if any(key in CAUSE_WORDS for key in keys) or any(len(key) > 5 and key.endswith(CAUSE_ENDINGS) for key in keys[1:]):
        return True  # an ending read after the first word only: "Valérie", "Félicité" are given names
    return len(keys) >= 3 and keys[-1] in PLACES


def is_person_noun(word: str) -> bool:
    key = word_key(word)
    return key.startswith(PERSON_STEMS) or key in PERSON_WORDS or key[-1:] in ("s", "x") and key[:-1] in PERSON_WORDS



def without_honorific(name: str) -> str:
    """Return a person's name without leading honorifics ("Professeur Jean Dupuis" -> "Jean Dupuis")."""
    words = name.split()
    while len(words) > 1 and word_key(words[0]) in HONORIFICS:
        words = words[1:]
    return " ".join(words)



def without_honorifics(names: str) -> str:
    """Return names joined by et/&/commas, each without its honorific."""
    parts = re.split(r"(\s(?:et|&|and)\s|,\s)", names)
    return "".join(part if i % 2 else without_honorific(part) for i, part in enumerate(parts))



def looks_like_names(text: str) -> bool:
    """Return whether ``text`` is made of names: capitalised words and particles only, and
    not a role ("Fondatrice et Présidente")."""
    words = words_of(text)
    return bool(words) and not is_person_noun(words[0]) and all(
        is_upper(w) or word_key(w) in PARTICLES for w in words)



NAME_CHARS = re.compile(rf"[\w\s{APOSTROPHE}.-]+")



def names_list(text: str) -> bool:
    """Return whether ``text`` is only people's names ("A B", "A B, C D et E F"): each of two
    to four capitalised words, so that a Title Case subtitle of one or two words is not one."""
    people = [p for p in re.split(r",\s|\s(?:et|&|and)\s", text) if p.strip()]
    return bool(people) and all(NAME_CHARS.fullmatch(p) and looks_like_names(p) and 2 <= len(words_of(p)) <= 4
                                and not any(word_key(w) in KINDS or word_key(w) in NOT_NAMES for w in words_of(p))
                                for p in people)



GROUP_TAIL = re.compile(r"\s[–—-]\s|\s\((?=[^()]*\)$)")


def group_names(rest: str) -> tuple[str, str] | None:
    """Return (names, what follows) when ``rest`` starts with names joined by et/& ("A et
    B, cofondateurs de X", "A, B et C – fondatrices de X", "A et B (X)"), else None."""
    segments = rest.split(", ")
    for i, segment in enumerate(segments):
        head = GROUP_TAIL.split(segment, maxsplit=1)  # "A et B – fondatrices de X", "A et B (X)"
        if len(head) > 1 and head[1].endswith(")") and "(" not in head[1]:
            head[1] = head[1][:-1]
        if not looks_like_names(head[0]) and not (i == 0 and AND.search(head[0]) and
                                                   all(looks_like_names(p) for p in AND.split(head[0]))):
            return None
        if AND.search(head[0]):
            tail = ", ".join(([head[1]] if len(head) > 1 else []) + segments[i + 1:])
            return ", ".join(segments[:i] + [head[0]]), tail
    return None
