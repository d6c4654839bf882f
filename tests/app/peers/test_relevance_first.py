"""Find peers puts relevance first: a much closer text wins over country and ecosystem bonuses, and the
words people write count beside the model's vectors (the lexical model is refitted with the index)."""

from __future__ import annotations

from app.extensions import db
from app.services import matching
from tests.app.peers.conftest import unit
from tests.conftest import HTMX

OTHER_COUNTRIES = [
    "PT",
    "ES",
    "FR",
    "DE",
    "IT",
    "PL",
    "CZ",
    "AT",
    "BE",
    "NL",
    "DK",
    "FI",
    "EE",
    "LV",
]


def first_card_names(html: str, names: list[str], k: int = 12) -> list[str]:
    """The given names in page order."""
    found = sorted((html.find(name), name) for name in names if name in html)
    return [name for _, name in found][:k]


def test_a_same_ecosystem_peer_with_a_much_closer_text_leads_similar_challenges(
    make_user, give_vectors, login
):
    ana = give_vectors(
        make_user(name="Ana Novak", country="SI", ecosystems=["construction"]), about=unit(0)
    )
    bo = give_vectors(
        make_user(name="Bo Kranjc", country="SI", ecosystems=["construction"]),
        about=unit(0, 1, weights=(0.97, 0.03)),
    )
    others = [
        give_vectors(
            make_user(name=f"Peer {code}", country=code, ecosystems=["tourism"]),
            about=unit(0, 2 + i, weights=(0.85, 0.53)),
        )  # close, but clearly less
        for i, code in enumerate(OTHER_COUNTRIES)
    ]
    db.session.commit()
    names = [bo.name] + [o.name for o in others]
    for headers in ({}, HTMX):
        html = login(ana).get("/peers/?tab=similar", headers=headers).get_data(as_text=True)
        assert first_card_names(html, names)[0] == "Bo Kranjc"


def test_surprise_me_lets_other_countries_lead_among_comparable_peers(
    make_user, give_vectors, login
):
    ana = give_vectors(
        make_user(name="Ana Novak", country="SI", ecosystems=["construction"]), about=unit(0)
    )
    give_vectors(
        make_user(name="Neighbour Horvat", country="SI", ecosystems=["tourism"]),
        about=unit(0, 1, weights=(0.90, 0.10)),
    )
    give_vectors(
        make_user(name="Far Away Silva", country="PT", ecosystems=["health"]),
        about=unit(0, 2, weights=(0.89, 0.11)),
    )
    db.session.commit()
    html = login(ana).get("/peers/?tab=surprise").get_data(as_text=True)
    assert first_card_names(html, ["Neighbour Horvat", "Far Away Silva"]) == [
        "Far Away Silva",
        "Neighbour Horvat",
    ]


def test_shared_specific_words_rank_a_peer_first_when_the_vectors_tie(
    make_user, give_vectors, login
):
    """With 20+ texts the index fits its lexical model on the community's own words."""
    topics = [
        "wine tourism routes",
        "hydrogen valleys",
        "medical device certification",
        "textile recycling",
        "space data services",
        "dairy cooperatives",
        "battery materials",
        "port logistics",
        "video game studios",
        "organic cosmetics",
        "rail signalling",
    ]
    ana = make_user(
        name="Ana Novak",
        country="SI",
        about="Our sawmill members want to export timber frames to Japan.",
        expertise="Timber frame houses.",
        needs="Buyers of timber frames.",
    )
    bo = make_user(
        name="Bo Kranjc",
        country="AT",
        about="Sawmill owners in our cluster export timber frames abroad.",
        expertise="Timber frames for houses.",
        needs="Sawmill partners.",
    )
    others = [
        make_user(
            name=f"Peer {i}",
            country=OTHER_COUNTRIES[i],
            about=f"Our members work on {topic}.",
            expertise=f"Advice on {topic}.",
            needs=f"Partners for {topic}.",
        )
        for i, topic in enumerate(topics)
    ]
    for user in (ana, bo, *others):
        give_vectors(
            user, about=unit(0), expertise=unit(1), needs=unit(2)
        )  # the model sees no difference
    db.session.commit()
    html = login(ana).get("/peers/?tab=similar").get_data(as_text=True)
    assert first_card_names(html, [bo.name] + [o.name for o in others])[0] == "Bo Kranjc"
    assert matching.peer_snapshot().relevance.lexical is not None


def test_cards_say_how_close_in_words_not_numbers(make_user, give_vectors, login):
    ana = give_vectors(make_user(name="Ana Novak", country="SI"), about=unit(0))
    give_vectors(make_user(name="Bo Kranjc", country="AT"), about=unit(0, 1, weights=(0.99, 0.01)))
    for i, code in enumerate(OTHER_COUNTRIES):
        give_vectors(
            make_user(name=f"Peer {code}", country=code),
            about=unit(0, 2 + i, weights=(0.05 * i, 1)),
        )
    db.session.commit()
    html = login(ana).get("/peers/?tab=similar").get_data(as_text=True)
    bo_card = html[html.index("Bo Kranjc") : html.index("</article>", html.index("Bo Kranjc"))]
    assert '<span class="badge closeness">Very close</span>' in bo_card
    assert html.count('<span class="badge closeness">Very close</span>') < html.count(
        'class="badge closeness"'
    )
    assert "closeness 0." not in html
