"""Case table of series titles: every shape French "3 questions à …" series use, and titles
that only look like the series. All names and organisations are invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parser.title import is_interview_title, split_title

P, G, O = "person", "group", "organisation"

# title -> (interviewee, role, organisation, kind)
CASES = [
    # Name, Role chez / de / d’ Org
    ("3 questions à Lina Forge, Coordinatrice chez Tiers-Lieu Le Rucher",
     ("Lina Forge", "Coordinatrice", "Tiers-Lieu Le Rucher", P)),
    ("#3 questions à Bruno Lisle, Directeur de l’Agence Solstice", ("Bruno Lisle", "Directeur", "Agence Solstice", P)),
    ("#3 questions à Jade Orme, Présidente de la Fédération Ardoise",
     ("Jade Orme", "Présidente", "Fédération Ardoise", P)),
    ("#3 questions à Yves Carde, Trésorier du Collectif Mistral", ("Yves Carde", "Trésorier", "Collectif Mistral", P)),
    ("#3 questions à Nora Pell, Fondatrice des Potagers Volants", ("Nora Pell", "Fondatrice", "Potagers Volants", P)),
    ("#3 questions à Oscar Vey, Gérant d’Atelier Brindille", ("Oscar Vey", "Gérant", "Atelier Brindille", P)),
    ("#3 questions à Oscar Vey, Gérant d'Atelier Brindille", ("Oscar Vey", "Gérant", "Atelier Brindille", P)),
    ("#3 questions à Mila Ruiz, Directrice de Vents d’Ouest", ("Mila Ruiz", "Directrice", "Vents d’Ouest", P)),
    ("#3 questions à Théo Marsan, Cofondateur de La Cordée Verte",
     ("Théo Marsan", "Cofondateur", "La Cordée Verte", P)),
    ("#3 questions à Anouk Bel, Déléguée générale de l’Union des Cantines Solidaires",
     ("Anouk Bel", "Déléguée générale", "Union des Cantines Solidaires", P)),
    ("#3 questions à Rémy Sol, Directeur de l’Institut d’économie sociale",
     ("Rémy Sol", "Directeur", "Institut d’économie sociale", P)),
    ("#3 questions à Lou Garin, Fondatrice des Jardins Suspendus du Canal",
     ("Lou Garin", "Fondatrice", "Jardins Suspendus du Canal", P)),
    ("#3 questions à Élise Pratt, Directrice de l’Office Régional pour l’Emploi Solidaire",
     ("Élise Pratt", "Directrice", "Office Régional pour l’Emploi Solidaire", P)),
    # a kind of organisation not among the usual ones, before the name
    ("3 questions à Anaïs Fabre, fondatrice de la ferme coopérative Les Trois Chênes",
     ("Anaïs Fabre", "fondatrice", "Les Trois Chênes", P)),
    ("3 questions à Anaïs et Louis Fabre, fondateurs de la ferme Les Trois Chênes",
     ("Anaïs et Louis Fabre", "fondateurs", "Les Trois Chênes", G)),
    ("3 questions à Odile Sarre, libraire de la librairie Le Chat Lecteur",
     ("Odile Sarre", "libraire", "Le Chat Lecteur", P)),
    # what one is in charge of, then where ("en charge de", "délégué à", "adjointe au")
    ("3 questions à Yves Colin, vice-président en charge de l’ESS à la Métropole de Lyon",
     ("Yves Colin", "vice-président en charge de l’ESS", "Métropole de Lyon", P)),
    ("3 questions à Yves Colin, conseiller délégué à l’ESS de la Ville de Nantes",
     ("Yves Colin", "conseiller délégué à l’ESS", "Ville de Nantes", P)),
    ("3 questions à Rose Aubert, adjointe au Logement de la Ville de Rennes",
     ("Rose Aubert", "adjointe au Logement", "Ville de Rennes", P)),
    ("3 questions à Rose Aubert, déléguée de l’Union des Régies de Quartier",
     ("Rose Aubert", "déléguée", "Union des Régies de Quartier", P)),
    # separators other than a comma: dashes, a pipe, a colon after the name
    ("3 questions à Claire Vidal – Directrice générale – Fondation Écotone",
     ("Claire Vidal", "Directrice générale", "Fondation Écotone", P)),
    ("3 questions à Claire Vidal | Directrice, Fondation Écotone", ("Claire Vidal", "Directrice", "Fondation Écotone", P)),
    ("3 questions à Claire Vidal : directrice de la Fondation Écotone",
     ("Claire Vidal", "directrice", "Fondation Écotone", P)),
    # an organisation and no role
    ("3 questions à Claire Vidal, de la Fondation Écotone", ("Claire Vidal", None, "Fondation Écotone", P)),
    ("3 questions à Claire Vidal, Fondation Écotone", ("Claire Vidal", None, "Fondation Écotone", P)),
    ("3 questions à Claire Vidal, Les Ateliers du Ruisseau", ("Claire Vidal", None, "Les Ateliers du Ruisseau", P)),
    # a bracket after the organisation is part of it; a long name after a kind word
    ("3 questions à Claire Vidal, directrice de la Fondation Écotone (Lyon)",
     ("Claire Vidal", "directrice", "Fondation Écotone (Lyon)", P)),
    ("3 questions à Anne Rey, coordinatrice de l’entreprise à but d’emploi de Colombelles",
     ("Anne Rey", "coordinatrice", "entreprise à but d’emploi de Colombelles", P)),
    # people described, then named, with no organisation: the description is the role
    ("3 questions à notre présidente, Anne Roy", ("Anne Roy", "présidente", None, P)),
    ("3 questions aux cofondatrices, Julie Mas et Aline Roux", ("Julie Mas et Aline Roux", "cofondatrices", None, G)),
    # roles with et / &
    ("#3 questions à Iris Vallon, Présidente et fondatrice de La Forge à Projets",
     ("Iris Vallon", "Présidente et fondatrice", "La Forge à Projets", P)),
    ("#3 questions à Hugo Brel, Responsable Achats & Qualité chez Nordis",
     ("Hugo Brel", "Responsable Achats & Qualité", "Nordis", P)),
    ("#3 questions à Sacha Lind, Avocate et médiatrice chez Cabinet Ormeau",
     ("Sacha Lind", "Avocate et médiatrice", "Cabinet Ormeau", P)),
    ("#3 questions à Paula Serre, Prix Nobel de la Paix et porte-parole d’Horizon Commun",
     ("Paula Serre", "Prix Nobel de la Paix et porte-parole", "Horizon Commun", P)),
    ("#3 questions à Dan Ruel, Fondateur de Cap Vert et président de l’Alliance Bleue",
     ("Dan Ruel", "Fondateur de Cap Vert et président", "Alliance Bleue", P)),
    # roles containing "de": the organisation after the link whose right side is a name
    ("#3 questions à Zoé Kerr, Cheffe de projet de l’Agence Lumen", ("Zoé Kerr", "Cheffe de projet", "Agence Lumen", P)),
    ("#3 questions à Inès Faure, Chargée de mission de Boussole", ("Inès Faure", "Chargée de mission", "Boussole", P)),
    ("#3 questions à Inès Faure, Chargée de Communication de Boussole",
     ("Inès Faure", "Chargée de Communication", "Boussole", P)),
    ("#3 questions à Marc Tell, Directeur de la communication de la Mutuelle Azur",
     ("Marc Tell", "Directeur de la communication", "Mutuelle Azur", P)),
    ("#3 questions à Ana Brun, Responsable du développement de la Coopérative Sirius",
     ("Ana Brun", "Responsable du développement", "Coopérative Sirius", P)),
    ("#3 questions à Luc Aymé, Responsable de la Fondation Cèdre", ("Luc Aymé", "Responsable", "Fondation Cèdre", P)),
    # compound links introducing the organisation: auprès de, au sein de, pour + kind word
    ("3 questions à Rosa Plant, Chargée de médiation auprès de la Fédération Tilia",
     ("Rosa Plant", "Chargée de médiation", "Fédération Tilia", P)),
    ("3 questions à Rosa Plant, Animatrice auprès d’Entraide Bocage",
     ("Rosa Plant", "Animatrice", "Entraide Bocage", P)),
    ("3 questions à Rosa Plant, Chargée de mission au sein du réseau Brins de Lien",
     ("Rosa Plant", "Chargée de mission", "Brins de Lien", P)),
    ("3 questions à Rosa Plant, Coordinatrice bénévole pour l’association Pas Sages",
     ("Rosa Plant", "Coordinatrice bénévole", "Pas Sages", P)),
    ("3 questions à Rosa Plant, Chargée de projet pour les Jeux", ("Rosa Plant", "Chargée de projet pour les Jeux",
                                                                     None, P)),
    # an appositive after the organisation belongs to neither
    ("3 questions à Hugo Sarre, Gérant de Roue Libre, finaliste du concours Ruches 2022",
     ("Hugo Sarre", "Gérant", "Roue Libre", P)),
    ("3 questions à Hugo Sarre, Directeur de l’Atelier Pivot, ancien éducateur",
     ("Hugo Sarre", "Directeur", "Atelier Pivot", P)),
    # organisations introduced by à / au / aux / à l’ / à la
    ("#3 questions à Claire Dumont, Maîtresse de conférences à l’Université de Valmont",
     ("Claire Dumont", "Maîtresse de conférences", "Université de Valmont", P)),
    ("#3 questions à Rose Aubin, Cadre de santé au Centre hospitalier de Brenne",
     ("Rose Aubin", "Cadre de santé", "Centre hospitalier de Brenne", P)),
    ("#3 questions à Joël Mény, Élu au Conseil départemental", ("Joël Mény", "Élu", "Conseil départemental", P)),
    ("#3 questions à Sonia Rey, Chargée de mission à la Métropole de Lorvan",
     ("Sonia Rey", "Chargée de mission", "Métropole de Lorvan", P)),
    ("#3 questions à Gaël Nour, Animateur aux Ateliers du Vivant", ("Gaël Nour", "Animateur", "Ateliers du Vivant", P)),
    # organisations named with a lowercase kind: kept as written, article dropped
    ("#3 questions à Véra Lenoir, Présidente de l’association Les Jardins du Lien",
     ("Véra Lenoir", "Présidente", "Les Jardins du Lien", P)),
    ("#3 questions à Malik Doré, Gérant de la recyclerie Le Bon Tri", ("Malik Doré", "Gérant", "Le Bon Tri", P)),
    ("#3 questions à Agnès Poli, Directrice de l’entreprise adaptée Atelier Hêtre",
     ("Agnès Poli", "Directrice", "Atelier Hêtre", P)),
    ("#3 questions à Tom Guéry, Cogérant de la SCOP Bois Flotté", ("Tom Guéry", "Cogérant", "SCOP Bois Flotté", P)),
    ("#3 questions à Eva Roche, Coordinatrice du chantier d’insertion Les Bras Verts",
     ("Eva Roche", "Coordinatrice", "Les Bras Verts", P)),
    # Name – Role, Org; Name – Role chez Org; Name, Role, Org; Name (Org)
    ("3 questions à Maud Ferrer – Directrice, Réseau Boréal", ("Maud Ferrer", "Directrice", "Réseau Boréal", P)),
    ("3 questions à Maud Ferrer — Directrice chez Réseau Boréal", ("Maud Ferrer", "Directrice", "Réseau Boréal", P)),
    ("3 questions à Maud Ferrer - Directrice de Réseau Boréal", ("Maud Ferrer", "Directrice", "Réseau Boréal", P)),
    ("3 questions à Félix Arno, Directeur général, Groupe Palme", ("Félix Arno", "Directeur général", "Groupe Palme", P)),
    ("3 questions à Félix Arno, Président, Réseau des Acteurs de l’Emploi",
     ("Félix Arno", "Président", "Réseau des Acteurs de l’Emploi", P)),
    ("3 questions à Léna Vidal (Coopérative Orge)", ("Léna Vidal", None, "Coopérative Orge", P)),
    ("3 questions à Léna Vidal (fondatrice de la Coopérative Orge)",
     ("Léna Vidal", "fondatrice", "Coopérative Orge", P)),
    ("3 questions à Hugo Lenoir (La Maison des Semis)", ("Hugo Lenoir", None, "La Maison des Semis", P)),
    # groups
    ("3 questions aux fondatrices de Cèpe Nomade, Anna Roux et Léa Pic",
     ("Anna Roux et Léa Pic", "fondatrices", "Cèpe Nomade", G)),
    ("3 questions à Anna Roux et Léa Pic, cofondatrices de Cèpe Nomade",
     ("Anna Roux et Léa Pic", "cofondatrices", "Cèpe Nomade", G)),
    ("3 questions à Anna Roux & Léa Pic, cofondatrices de Cèpe Nomade",
     ("Anna Roux & Léa Pic", "cofondatrices", "Cèpe Nomade", G)),
    ("3 questions à Jo Lam, Kim Sy et Ali Bey, fondateurs de Trois Rives",
     ("Jo Lam, Kim Sy et Ali Bey", "fondateurs", "Trois Rives", G)),
    ("3 questions aux fondatrices de La Coopérative Nacre",
     ("fondatrices de La Coopérative Nacre", "fondatrices", "La Coopérative Nacre", G)),
    ("3 questions aux bénévoles du quartier", ("bénévoles du quartier", None, None, G)),
    ("3 questions à nos sociétaires", ("nos sociétaires", None, None, G)),
    ("3 questions à 3 artisanes du Marais", ("3 artisanes du Marais", "artisanes", "Marais", G)),
    ("3 questions à : Ilan Vidal, directeur de Terre Vive", ("Ilan Vidal", "directeur", "Terre Vive", P)),
    ("3 questions à Ilan Vidal, Terre Vive", ("Ilan Vidal", None, "Terre Vive", P)),
    ("3 questions à Ilan Vidal, Sage-femme Libérale", ("Ilan Vidal", "Sage-femme Libérale", None, P)),
    ("3 questions à l’équipe de La Ressourcerie Gaïa", ("équipe de La Ressourcerie Gaïa", "équipe",
                                                       "La Ressourcerie Gaïa", G)),
    ("3 questions à nos partenaires de la Fondation Orée", ("nos partenaires de la Fondation Orée", "partenaires",
                                                            "Fondation Orée", G)),
    ("3 questions à la directrice de l’Agence Opale, Marion Rey", ("Marion Rey", "directrice", "Agence Opale", P)),
    # names after a colon replace a description; a subtitle that is not names does not
    ("3 questions aux cogérants de La Clef des Champs : Yann Morel, Ilse Faure et Tom Ba",
     ("Yann Morel, Ilse Faure et Tom Ba", "cogérants", "La Clef des Champs", G)),
    ("3 questions aux fondatrices de Cèpe Nomade : « Rester petites »",
     ("fondatrices de Cèpe Nomade", "fondatrices", "Cèpe Nomade", G)),
    # an organisation as the interviewee
    ("3 questions à la Coopérative Les Semailles", ("Coopérative Les Semailles", None, "Coopérative Les Semailles", O)),
    ("3 questions à l’association Pas à Pas", ("Pas à Pas", None, "Pas à Pas", O)),
    ("3 questions à l'association Pas à Pas", ("Pas à Pas", None, "Pas à Pas", O)),
    ("3 questions au Collectif Marée Haute", ("Collectif Marée Haute", None, "Collectif Marée Haute", O)),
    ("3 questions à la recyclerie La Boucle", ("La Boucle", None, "La Boucle", O)),
    ("3 questions à La Fabrique des Possibles", ("La Fabrique des Possibles", None, "La Fabrique des Possibles", O)),
    ("3 questions à la Fondation Ébène, lauréate du prix Impact",
     ("Fondation Ébène", "lauréate du prix Impact", "Fondation Ébène", O)),
    ("3 questions aux Ateliers de la Dune", ("Ateliers de la Dune", None, "Ateliers de la Dune", O)),
    # an organisation named bare, no kind nor article: a cause's word, a department after it
    ("3 questions à Entraide Bénévole Corrèze", ("Entraide Bénévole Corrèze", None, "Entraide Bénévole Corrèze", O)),
    ("3 questions à Ulysse Vélo Quimper", ("Ulysse Vélo Quimper", None, "Ulysse Vélo Quimper", O)),
    ("3 questions à Claire Mobilisation Aude", ("Claire Mobilisation Aude", None, "Claire Mobilisation Aude", O)),
    ("3 questions à Cocagne Haute Vendée", ("Cocagne Haute Vendée", None, "Cocagne Haute Vendée", O)),
    ("3 questions à Valérie Marchand", ("Valérie Marchand", None, None, P)),  # an ending in a given name
    ("3 questions à Lucie Savoie", ("Lucie Savoie", None, None, P)),  # a department as a surname
    ("3 questions à Répar’Vélos Morlaix", ("Répar’Vélos Morlaix", None, "Répar’Vélos Morlaix", O)),  # a coined word
    ("3 questions à Broc’ & Co Pontivy", ("Broc’ & Co Pontivy", None, "Broc’ & Co Pontivy", O)),
    ("3 questions à Lucia Dell’Orto", ("Lucia Dell’Orto", None, None, P)),  # an Italian surname's elision
    ("3 questions à Jeanne Ory, médiatrice pour Justice Proche Armor",
     ("Jeanne Ory", "médiatrice", "Justice Proche Armor", P)),  # "pour" before a name of several words
    ("3 questions à Jeanne Ory, bénévole pour Paris 2024", ("Jeanne Ory", "bénévole pour Paris 2024", None, P)),
    ("3 questions à Paul Gest, trésorier de la fédération Épiceries en Réseau",
     ("Paul Gest", "trésorier", "Épiceries en Réseau", P)),  # a federation's kind, in lower case, dropped
    ("3 questions au Docteur Paul Action", ("Docteur Paul Action", None, None, P)),  # an honorific: a person
    # honorifics kept in interviewee
    ("3 questions au Professeur Jean Dupré, Doyen de la Faculté Lumière",
     ("Professeur Jean Dupré", "Doyen", "Faculté Lumière", P)),
    ("3 questions au Professeur Armand Vigne", ("Professeur Armand Vigne", None, None, P)),
    ("3 questions à Iris Le Bras, coordinatrice du Pôle ESS du Pays de Morlaix",
     ("Iris Le Bras", "coordinatrice", "Pôle ESS du Pays de Morlaix", P)),
    ("3 questions à la Professeure Irène Valois, Directrice de l’Institut Marée & Sols",
     ("Professeure Irène Valois", "Directrice", "Institut Marée & Sols", P)),
    # an appositive after an organisation in brackets; the series' site name after the title
    ("3 questions à Lise Aubry, Directrice chez Toits Partagés 29 (Brest), dix ans de chantiers",
     ("Lise Aubry", "Directrice", "Toits Partagés 29 (Brest)", P)),
    ("3 questions à Noé Varin, Président de Clic Solidaire 93 – ESS 2024", ("Noé Varin", "Président", "Clic Solidaire 93", P)),
    ("3 questions à Noé Varin (Mutuelle Saint-Clair) | ESS 2024", ("Noé Varin", None, "Mutuelle Saint-Clair", P)),
    ("#3 questions à Dr Anne Roy, Médecin chez Santé Commune", ("Dr Anne Roy", "Médecin", "Santé Commune", P)),
    ("#3 questions à Maître Sophie Laval, Avocate chez Cabinet Tilleul",
     ("Maître Sophie Laval", "Avocate", "Cabinet Tilleul", P)),
    ("#3 questions à Me Paul Ortiz, Notaire de l’Étude Ortiz", ("Me Paul Ortiz", "Notaire", "Étude Ortiz", P)),
    # Title Case
    ("3 Questions À Marie Noël, Fondatrice De La Fabrique", ("Marie Noël", "Fondatrice", "La Fabrique", P)),
    ("#3 Questions À Marie Noël, Directrice De La Fondation Sève", ("Marie Noël", "Directrice", "Fondation Sève", P)),
    ("#3 Questions À Nadia Ferrant, Chargée De Mission De L’Agence Sirocco",
     ("Nadia Ferrant", "Chargée De Mission", "Agence Sirocco", P)),
    ("3 Questions À Lucas Morel, Coordinateur De La Ferme Des Trois Chênes",
     ("Lucas Morel", "Coordinateur", "Ferme Des Trois Chênes", P)),
    ("#3 Questions à Paul Ode, Directeur des Serres Communes", ("Paul Ode", "Directeur", "Serres Communes", P)),
    # English
    ("3 questions to Ada Lowe, Programme Director at Civic Loom", ("Ada Lowe", "Programme Director", "Civic Loom", P)),
    ("3 questions to Ada Lowe, Director of the Civic Loom Trust", ("Ada Lowe", "Director", "Civic Loom Trust", P)),
    ("3 questions to Ada Lowe, Head of Research at Civic Loom", ("Ada Lowe", "Head of Research", "Civic Loom", P)),
    # series variants, tags, dashes
    ("Trois questions à Basile Frey, Directeur de l’Agence Nova", ("Basile Frey", "Directeur", "Agence Nova", P)),
    ("#3 question à Jeanne Mars, Secrétaire régionale chez Réseau Cèdre",
     ("Jeanne Mars", "Secrétaire régionale", "Réseau Cèdre", P)),
    ("3 questions a Jeanne Mars, Secrétaire chez Réseau Cèdre", ("Jeanne Mars", "Secrétaire", "Réseau Cèdre", P)),
    ("#ESS 2024 – 3 questions à Tim Roy, Directeur de Gamma Sud", ("Tim Roy", "Directeur", "Gamma Sud", P)),
    ("#ESS2024 3 questions à Tim Roy, Directeur de Gamma Sud", ("Tim Roy", "Directeur", "Gamma Sud", P)),
    ("#ESS2024 – #3 questions à Tim Roy, Directeur de Gamma Sud", ("Tim Roy", "Directeur", "Gamma Sud", P)),
    ("#TOURNÉE ESS 2024 – 3 questions à Tim Roy, Directeur de Gamma Sud", ("Tim Roy", "Directeur", "Gamma Sud", P)),
    ("#ÉVÈNEMENT – 3 questions à Tim Roy, Directeur de Gamma Sud", ("Tim Roy", "Directeur", "Gamma Sud", P)),
    ("#ESS 2024 - 3 questions à Tim Roy, Directeur de Gamma Sud", ("Tim Roy", "Directeur", "Gamma Sud", P)),
    ("#ESS 2024 — 3 questions à Tim Roy, Directeur de Gamma Sud", ("Tim Roy", "Directeur", "Gamma Sud", P)),
    ("3\u00a0questions à Noé Gris, Gérant chez Nuance", ("Noé Gris", "Gérant", "Nuance", P)),
    # as REST renders them: entities and tags
    ("#ESS 2024 &#8211; 3 questions à Tim Roy, Directeur de Gamma Sud", ("Tim Roy", "Directeur", "Gamma Sud", P)),
    ("#3 questions à Oscar Vey, Gérant d&#8217;Atelier Brindille", ("Oscar Vey", "Gérant", "Atelier Brindille", P)),
    ("#3 questions à Hugo Brel, Responsable Achats &amp; Qualité chez Nordis",
     ("Hugo Brel", "Responsable Achats & Qualité", "Nordis", P)),
    ("#3 questions à Hugo Brel, Responsable Achats &#038; Qualité chez Nordis",
     ("Hugo Brel", "Responsable Achats & Qualité", "Nordis", P)),
    ("3&nbsp;questions à Noé Gris, Gérant chez Nuance", ("Noé Gris", "Gérant", "Nuance", P)),
    ("<em>3 questions</em> à Noé Gris, Gérant chez <strong>Nuance</strong>", ("Noé Gris", "Gérant", "Nuance", P)),
    ("3 questions à Jean de La Rive, Président de l’Atelier Vert", ("Jean de La Rive", "Président", "Atelier Vert", P)),
    ("3 questions à M. Paul Bon, adjoint au maire de Valcourt", ("M. Paul Bon", "adjoint au maire", "Valcourt", P)),
    ("3 questions aux candidats", ("candidats", None, None, G)),
    ("3 questions à deux fondatrices de Brindille", ("deux fondatrices de Brindille", "fondatrices", "Brindille", G)),
    ("3 questions à la présidente de la Fédération Ocre",
     ("présidente de la Fédération Ocre", "présidente", "Fédération Ocre", P)),
    ("3 questions à ESS Ocre", ("ESS Ocre", None, "ESS Ocre", O)),
    ("3 questions à… Anne Lys, fondatrice de Brindille", ("Anne Lys", "fondatrice", "Brindille", P)),
    ("#3questions à Anne Lys, fondatrice de Brindille", ("Anne Lys", "fondatrice", "Brindille", P)),
    ("3 questions à Anne Lys, fondatrice de Brindille : « Agir ensemble »",
     ("Anne Lys", "fondatrice", "Brindille", P)),
    # incomplete titles keep the record (with a warning)
    ("3 questions à Jean Dupont de la Fondation Azur", ("Jean Dupont", None, "Fondation Azur", P)),
    ("3 questions à Jean Dupont chez Azur", ("Jean Dupont", None, "Azur", P)),
    ("3 questions à Anne Lys sur la finance solidaire", ("Anne Lys", None, None, P)),
    ("3 questions à Anne Lys, présidente du jury", ("Anne Lys", "présidente du jury", None, P)),
    ("#3 questions à Eva Sand, bénévole engagée", ("Eva Sand", "bénévole engagée", None, P)),
    ("#3 questions à Eva Sand", ("Eva Sand", None, None, P)),
    # pictographs before the series, a sentence's final mark, "chargée de", compound links
    ("🎙️ #3 questions à Maud Ferre, Directrice de Roue Libre Solidaire",
     ("Maud Ferre", "Directrice", "Roue Libre Solidaire", P)),
    ("▶️ 3 questions à Ilan Best 🌱, Fondateur de Graines Communes",
     ("Ilan Best", "Fondateur", "Graines Communes", P)),
    ("#3 questions à Romy Vidal, Directrice du Gymnase Partagé ?", ("Romy Vidal", "Directrice", "Gymnase Partagé", P)),
    ("#3 questions à Inès Morel, Maire adjointe chargée de l’ESS de Vaulnay",
     ("Inès Morel", "Maire adjointe chargée de l’ESS", "Vaulnay", P)),
    ("#3 questions à Tom Aubry, Conseiller chargé des solidarités de la Ville de Brémont",
     ("Tom Aubry", "Conseiller chargé des solidarités", "Ville de Brémont", P)),
    ("#3 questions à Léna Cros, Coordinatrice de l’ESS au sein de la Ville de Saint-Brice",
     ("Léna Cros", "Coordinatrice de l’ESS", "Ville de Saint-Brice", P)),
    ("#3 questions à Paul Rives, Chargé de projets ESS auprès du Réseau Cime",
     ("Paul Rives", "Chargé de projets ESS", "Réseau Cime", P)),
    # an organisation in quotes: the quotes wrapping the whole name go, those around a part stay
    ("#3 questions à Léo Marchal, directeur de « La Clé des Champs »",
     ("Léo Marchal", "directeur", "La Clé des Champs", P)),
    ("#3 questions à Inès Robin, coordinatrice chez “Les Jardins d’Ici”",
     ("Inès Robin", "coordinatrice", "Les Jardins d’Ici", P)),
    ("#3 questions à Noé Vidal, gérant de l’Épicerie « Le Panier Vert »",
     ("Noé Vidal", "gérant", "Épicerie « Le Panier Vert »", P)),
    # initials are a person's, not an acronym's
    ("#3 questions à J.-P. Morel, président de la SCIC Bois Local", ("J.-P. Morel", "président", "SCIC Bois Local", P)),
    ("#3 questions à A. Tissier, trésorière de Terres Partagées", ("A. Tissier", "trésorière", "Terres Partagées", P)),
    # a dash before the preposition
    ("3 questions – à Sophie Lenoir, gérante de la Coop des Quais", ("Sophie Lenoir", "gérante", "Coop des Quais", P)),
    # the series after the organisation's name, the interviewee named as "its" role
    ("La Cress Armor : 3 questions à sa directrice, Anne Le Goff", ("Anne Le Goff", "directrice", "Cress Armor", P)),
    ("La Clé des Prés : 3 questions à sa fondatrice, Inès Roy", ("Inès Roy", "fondatrice", "La Clé des Prés", P)),
    # a body of the organisation belongs to the role
    ("3 questions au Professeur Iban, Président du Conseil scientifique de l’Observatoire des Communs",
     ("Professeur Iban", "Président du Conseil scientifique", "Observatoire des Communs", P)),
    ("#3 questions à Anne Roy, Responsable du pôle emploi de La Ruche", ("Anne Roy", "Responsable du pôle emploi",
                                                                          "La Ruche", P)),
    ("#3 questions à Anne Roy, Présidente du Conseil régional de Bretagne",
     ("Anne Roy", "Présidente", "Conseil régional de Bretagne", P)),
    ("#3 questions à Karim Ouali, chargé de mission achats de la régie de quartier des Grands Prés",
     ("Karim Ouali", "chargé de mission achats", "régie de quartier des Grands Prés", P)),
    ("#3 questions à Karim Hadj, coordinateur (Réseau Cocagne Sud)", ("Karim Hadj", "coordinateur", "Réseau Cocagne Sud", P)),
    ("#3 questions à Anne Roy, président du comité scientifique de l’Observatoire ESS",
     ("Anne Roy", "président du comité scientifique", "Observatoire ESS", P)),
    ("L’Atelier du Vélo Libre : 3 questions à sa directrice, Anne Roy",
     ("Anne Roy", "directrice", "L’Atelier du Vélo Libre", P)),
    # a parenthesis starting with a capitalised word that names no role is the organisation
    ("3 questions à Théo Lambert (Coop des Monts)", ("Théo Lambert", None, "Coop des Monts", P)),
    ("3 questions à Théo Lambert (Présidente de La Ruche)", ("Théo Lambert", "Présidente", "La Ruche", P)),
    ("#3 questions à M.-C. Dubreuil, gérante de la SCOP Les Toits Verts",
     ("M.-C. Dubreuil", "gérante", "SCOP Les Toits Verts", P)),
    ("#3 questions à Claire et Antoine Rivière, cofondateurs de « La Bricole »",
     ("Claire et Antoine Rivière", "cofondateurs", "La Bricole", G)),
    ("Recyclerie du Môle – 3 questions à son fondateur, Hugo Barde",
     ("Hugo Barde", "fondateur", "Recyclerie du Môle", P)),
    ("Portrait : 3 questions à Maëlle Roux, Cheffe de projet chez Tisserands",
     ("Maëlle Roux", "Cheffe de projet", "Tisserands", P)),
    # the series' name set off in quotes or brackets
    ("« 3 questions à » Léo Marchal, Coordinateur chez Ressources Vives",
     ("Léo Marchal", "Coordinateur", "Ressources Vives", P)),
    ("[3 questions à] Léo Marchal – Coordinateur, Ressources Vives", ("Léo Marchal", "Coordinateur", "Ressources Vives", P)),
    ("“Trois questions à” Léo Marchal (Ressources Vives)", ("Léo Marchal", None, "Ressources Vives", P)),
    # a label in brackets before the series
    ("[Interview] 3 questions à Inès Caradec, trésorière de la Clé des Sols", ("Inès Caradec", "trésorière", "Clé des Sols", P)),
    ("(Vidéo) #3 questions à Inès Caradec (La Clé des Sols)", ("Inès Caradec", None, "La Clé des Sols", P)),
    # a public body named by its kind and its place: the kind is the name's
    ("3 questions à Paul Hardy, maître de conférences à l’université de Tours",
     ("Paul Hardy", "maître de conférences", "université de Tours", P)),
    ("3 questions à Nina Royer, chargée de mission ESS à la métropole de Brest",
     ("Nina Royer", "chargée de mission ESS", "métropole de Brest", P)),
    # the occasion after the organisation; spaced hyphens between name, role and organisation
    ("3 questions à Luc Tanguy, directeur de la SCIC Bois Vivant — Forum ESS 2024",
     ("Luc Tanguy", "directeur", "SCIC Bois Vivant", P)),
    ("3 questions à Luc Tanguy - directeur - SCIC Bois Vivant", ("Luc Tanguy", "directeur", "SCIC Bois Vivant", P)),
    # a board asked
    ("3 questions au conseil d’administration de la Coop des Dunes",
     ("conseil d’administration de la Coop des Dunes", "conseil d’administration", "Coop des Dunes", G)),
    # Title Case: an article in brackets is the name's
    ("3 Questions À Inès Caradec (Les Jardins Du Port)", ("Inès Caradec", None, "Les Jardins Du Port", P)),
]

NOT_INTERVIEWS = [
    "3 questions à l’artisanat d’art", "3 questions à l’éducation populaire", "3 questions à 10 ans de réemploi",
    "📌 3 questions à se poser avant de rejoindre une SCIC",
    "3 questions à l’ordre du jour ?",
    "3 questions à se poser avant de candidater",
    "3 questions à s’adresser avant de candidater",
    "3 questions à l’ordre du jour",
    "3 questions à l'ordre du jour du conseil",
    "Les 3 questions à retenir de la journée",
    "3 questions à retenir de la journée",
    "3 questions à propos du budget",
    "#ESS 2024 – 3 questions à trancher en juin",
    "3 questions à choix multiples",
    "« 3 questions à » se poser avant de créer sa SCOP",
    "3 questions à J-100 des Jeux", "3 questions à J-30",
    "3 questions à ne pas manquer",
    "3 questions à la une",
    "3 questions à la veille des Jeux",
    "3 questions à l’approche des Jeux",
    "3 questions au programme",
    "3 questions au sujet du fonds",
    "3 questions aux enjeux multiples",
    "3 questions à 3 jours des Jeux",
    "3 questions à débattre",
    "3 Questions À Propos Du Budget",
    "3 Questions À Se Poser",
    "#ESS2024 Les 3 questions à Tim Roy",
    "#EVENEMENT – Retour sur nos 3 questions à la presse",
    "#ESS 2024 – Lancement du programme",
    "Questions à Marie Curie, physicienne",
    "3 questions sur la réforme",
    "3 questions à savoir avant les Jeux",
    "3 questions à poser à votre banquier",
    "3 questions à chaud",
    "3 questions à vous poser",
    "3 questions à l’heure du bilan",
    "3 questions à la rentrée",
    "3 questions à la mode",
    "3 questions à prendre au sérieux",
    "3 questions à éviter en entretien",
    "#ESS 2024 &#8211; 3 questions à se poser",
    "Forum régional : 3 questions à se poser avant de créer sa SCIC",
    "Retour sur le forum : les 3 questions à retenir",
    "Webinaire – 3 questions à l’ordre du jour",
    "",
]


@pytest.mark.parametrize("title, expected", CASES, ids=[c[0][:60] for c in CASES])
def test_title_parts(title, expected):
    parts = split_title(title)
    assert parts is not None and is_interview_title(title)
    assert (parts.interviewee, parts.role, parts.organisation, parts.kind) == expected


@pytest.mark.parametrize("title", NOT_INTERVIEWS)
def test_not_an_interview(title):
    assert split_title(title) is None
    assert not is_interview_title(title)


def test_the_table_is_large():
    assert len(CASES) + len(NOT_INTERVIEWS) >= 80


@pytest.mark.parametrize("title, name", [
    ("3 questions au Professeur Jean Dupré, Doyen de la Faculté Lumière", "Jean Dupré"),
    ("#3 questions à Dr Anne Roy, Médecin chez Santé Commune", "Anne Roy"),
    ("#3 questions à Dr. Anne Roy, Médecin chez Santé Commune", "Anne Roy"),
    ("#3 questions à Maître Sophie Laval, Avocate chez Cabinet Tilleul", "Sophie Laval"),
    ("3 questions à Dr Anna Roux et Pr Léa Pic, cofondatrices de Cèpe Nomade", "Anna Roux et Léa Pic"),
    ("3 questions à Lina Forge, Coordinatrice chez Tiers-Lieu Le Rucher", "Lina Forge"),
    ("3 questions à la Coopérative Les Semailles", "Coopérative Les Semailles"),
    ("3 questions à la Professeure Irène Valois", "Irène Valois"),
    ("3 questions à Père Louis Garnier, fondateur de la Maison Béthanie", "Louis Garnier"),
    ("3 questions à Sœur Agnès Ravel, responsable du Foyer Les Cèdres", "Agnès Ravel"),
    # people named by what they are, not by their names: cited so
    ("3 questions à l’équipe de La Ressourcerie Gaïa", "équipe de La Ressourcerie Gaïa"),
])
def test_name_drops_honorifics(title, name):
    assert split_title(title).name == name


@pytest.mark.parametrize("title, warning", [
    ("#3 questions à Eva Sand", "title: no role/organisation found after the name"),
    ("#3 questions à Eva Sand, bénévole engagée", "title: organisation not found in 'bénévole engagée'"),
    ("3 questions aux bénévoles du quartier", "title: organisation not found in 'bénévoles du quartier'"),
])
def test_incomplete_titles_warn(title, warning):
    assert split_title(title).warnings == (warning,)


def test_clean_titles_do_not_warn():
    assert all(not split_title(title).warnings for title, (_, role, org, _) in CASES if org and role)


def test_series_details():
    assert split_title("3 questions to Ada Lowe, Programme Director at Civic Loom").language == "en"
    assert split_title("Trois questions à Basile Frey, Directeur de l’Agence Nova").count == 3
    assert split_title("#4 questions à Basile Frey, Directeur de l’Agence Nova").count == 4


@pytest.mark.parametrize("title, expected", [
    ("Interview de Léa Roy, présidente de Terre Vive", ("Léa Roy", "présidente", "Terre Vive")),
    ("#ESS2024 – Entretien avec Omar Diallo (Les Liens)", ("Omar Diallo", None, "Les Liens")),
    ("Interview d’Anne Roy, cofondatrice de Vélo Cité", ("Anne Roy", "cofondatrice", "Vélo Cité")),
    ("Interview de la semaine : le budget", None), ("Entretien de fin d’année", None),
])
def test_an_interview_de_title_may_be_of_the_series(title, expected):
    from crawler.parser.title import announced_parts

    parts = announced_parts(title)
    assert (parts and (parts.interviewee, parts.role, parts.organisation)) == expected
    assert is_interview_title(title) == (expected is not None)  # discovery fetches it; the article decides
    assert split_title(title) is None


# Held-out tables written by helpers who had not read the parser (round 11: 120 titles, the
# shapes of issue 9 and 25 look-alikes, 97.5% of fields on first run; round 14: 120 harder
# ones, 92.2%; round 19: 99 more, 84.0%, a bracketed label before the series, a public
# body's kind, an occasion after the organisation and a board asked as a group then missed;
# round 20: 140 more, 98.1%, "pour" before a name, religious honorifics, a federation's kind
# and organisations named bare by a coined word then missed),
# with the project's conventions applied where they differed: a foundation keeps
# its lowercase kind ("fondation Terre d'Accueil"), a capitalised kind or acronym stays in the
# name ("SCOP Fil à Fil", "AMAP Potimarron"), an organisation asked is named without its
# lowercase kind ("Les Mains Vertes"), a group described keeps its description as its role
# (and as its interviewee), a town in brackets after the organisation stays in it, what an
# elected member is in charge of after the town is neither role nor organisation.
BLIND = json.loads((Path(__file__).parent / "blind_titles.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", BLIND, ids=[row["title"][:60] for row in BLIND])
def test_held_out_titles(row):
    parts = split_title(row["title"])
    if not row["interview"]:
        assert parts is None and not is_interview_title(row["title"])
    else:
        assert (parts.interviewee, parts.role, parts.organisation, parts.kind, parts.name) == \
            (row["interviewee"], row["role"], row["organisation"], row["kind"], row["name"])
