"""Generated posts for benchmarks and property tests: deterministic, in the shapes of the
demo's hand-written posts, with the truth of each post (interview or not, how many
questions) known by construction. Words and names are invented."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from mirror.content import Post, slugify

FIRST = ["Alix", "Bérénice", "Camille", "Dorian", "Élodie", "Fanny", "Gaël", "Hélène", "Ilan",
         "Jade", "Kévin", "Léonie", "Malo", "Nadège", "Océane", "Pierre-Yves", "Quentin", "Rose",
         "Sacha", "Thaïs", "Ulysse", "Valérie", "Wassim", "Yasmine", "Zélie"]
LAST = ["Achard", "Bonnefoy", "Chevalier", "Delmas", "Estève", "Fournier", "Guérin", "Hamadi",
        "Isnard", "Jourdan", "Kerbrat", "Lemoine", "Marchal", "Nguyen", "Ollivier", "Perrot",
        "Quéré", "Rivière", "Sauvage", "Tessier", "Vasseur-Lim", "Weber", "Yilmaz", "Zanetti"]
ROLES = ["Directrice", "Directeur général", "Présidente", "Co-fondateur", "Chargée de mission",
         "Responsable Achats & RSE", "Délégué régional", "Coordinatrice", "Trésorier",
         "Présidente et fondatrice", "Gérant"]
ORGS = ["Atelier Solidaire du Port", "Coopérative Horizon", "Réseau Entraide Vallée",
        "Fabrique des Communs", "Jardins de la Gare", "Union des Recycleries du Centre",
        "Maison de l’Emploi Partagé", "Épicerie Coopérative Soleil", "Collectif Vélo Libre"]
LINKS = [" chez ", " de la ", " de l’", " de ", " du "]
SUBJECTS = ["Notre équipe", "Le réseau", "Chaque adhérent", "La coopérative", "Le projet",
            "Notre atelier", "L’association", "Le collectif"]
VERBS = ["accompagne", "forme", "réunit", "soutient", "finance", "équipe", "conseille", "accueille"]
OBJECTS = ["des habitants du quartier", "des personnes éloignées de l’emploi", "des artisans locaux",
           "des jeunes en reconversion", "des associations de taille modeste", "des producteurs voisins",
           "les bénévoles les plus engagés", "des familles à faibles revenus"]
ENDINGS = ["depuis 5 ans.", "avec 10 000 € de budget annuel.", "dans trois communes.",
           "grâce à 1 428 heures de bénévolat.", "sans subvention de fonctionnement.",
           "avec l’appui des collectivités.", "chaque semaine, toute l’année."]
QUESTIONS = ["Comment est né votre projet ?", "Quel est votre rôle au quotidien ?",
             "Qu’attendez-vous des Jeux de 2024 ?", "Quelles difficultés rencontrez-vous ?",
             "Comment financez-vous vos activités ?", "Quels sont vos projets pour demain ?",
             "Qui sont vos partenaires ?", "Que conseilleriez-vous à une structure qui débute ?"]
NEWS_TAGS = ["#ESS 2024 – ", "#ESS2024 ", "#ENTREPRENDRE 2024 – ", "#TOURNÉE ESS 2024 – ",
             "#PARIS 2024 – ", "#ÉVÈNEMENT – ", "#EVENEMENT – "]
NEWS_TOPICS = ["Lancement d’un appel à projets", "Retour sur la journée des réseaux",
               "Les marchés des Jeux ouverts aux entreprises solidaires",
               "Quelles clauses sociales pour 2024 ?", "Bilan de l’étape de Lyon"]
MARKERS = ["", "{n}. ", "{n}/ ", "{n}) ", "Question {n} : "]


def sentence(rng: random.Random) -> str:
    """Return one invented sentence."""
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"


def paragraph(rng: random.Random) -> str:
    """Return a paragraph of two to four sentences."""
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))


def interview_content(rng: random.Random, count: int, name: str) -> str:
    """Return the body of an interview with ``count`` questions in one numbering style."""
    marker = rng.choice(MARKERS)
    shell = rng.choice(["<p>{q}</p>", "<p><strong>{q}</strong></p>", "<h3>{q}</h3>"])
    parts = [f"<p>{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2022</p>"] if rng.random() < 0.7 else []
    if rng.random() < 0.3:
        parts.append(f'<figure><img src="/wp-content/uploads/portrait.jpg" alt="{name}" />'
                     f"<figcaption>© {rng.choice(ORGS)}</figcaption></figure>")
    for n, question in enumerate(rng.sample(QUESTIONS, count), start=1):
        parts.append(shell.format(q=marker.format(n=n) + question))
        parts += [f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            parts.append("<ol>" + "".join(f"<li>{sentence(rng)}</li>" for _ in range(3)) + "</ol>")
    return "\n".join(parts)


def generated_posts(n: int, seed: int = 2024, first_id: int = 20000,
                    interview_share: float = 0.4) -> list[Post]:
    """Return ``n`` posts, ids and dates rising together, interviews mixed with news."""
    rng = random.Random(seed)
    start, span = datetime(2019, 1, 7, 9, 0), (datetime(2024, 8, 31) - datetime(2019, 1, 7)) / max(n, 1)
    posts = []
    for k in range(n):
        date = start + span * k + timedelta(minutes=rng.randint(0, 600))
        post_id = first_id + k * 3
        if rng.random() < interview_share:
            name, role, org = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES), rng.choice(ORGS)
            prefix = rng.choice(["#3 questions à", "3 questions à", "#3 question à", "#3 Questions à"])
            title = f"{prefix} {name}, {role}{rng.choice(LINKS)}{org}"
            count = rng.choice([2, 3, 3, 3, 4, 5])
            content, expect = interview_content(rng, count, name), "interview"
            truth = {"interviewee": name, "role": role, "organisation": org}
            # A few posts were renamed after publication: the slug keeps the first title.
            slug = slugify(f"entretien avec {name}") if rng.random() < 0.03 else slugify(title)
        else:
            title = rng.choice(NEWS_TAGS) + rng.choice(NEWS_TOPICS)
            count, expect, truth = 0, "other", {}
            slug = slugify(title)
            content = "\n".join(f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(2, 5)))
        posts.append(Post(id=post_id, date=date.replace(microsecond=0), modified=date.replace(microsecond=0),
                          slug=slug, title=title, content=content,
                          theme=rng.choice(["classic", "block", "legacy"]),
                          trailing_slash=rng.random() < 0.7, categories=("actualites",),
                          tags=(), expect=expect, questions=count, extra=truth))
    return posts
