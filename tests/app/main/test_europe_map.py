"""The map of Europe on the home page and the directory: managers per country, each country a link
to the directory filtered to it, and a table with the same numbers."""

from __future__ import annotations

from app import maps


def test_the_home_page_draws_a_linked_country_for_each_country_with_managers(client, make_user):
    for _ in range(3):
        make_user(country="SI", visibility="community")
    make_user(country="PT", visibility="community")
    page = client.get("/").get_data(as_text=True)
    assert '<a href="/profiles/?country=SI" aria-label="Slovenia: 3 managers">' in page
    assert '<a href="/profiles/?country=PT" aria-label="Portugal: 1 manager">' in page
    assert (
        'href="/profiles/?country=FR"' not in page
    )  # nobody from France yet: no link to an empty list


def test_the_map_has_a_table_with_the_same_numbers(client, make_user):
    make_user(country="SI", visibility="community")
    page = client.get("/").get_data(as_text=True)
    table = page[page.index("Managers per country (table)") :]
    assert '<a href="/profiles/?country=SI">Slovenia</a></td><td>1</td>' in table


def test_the_directory_shows_the_map_but_its_htmx_results_do_not(client, make_user):
    make_user(country="SI", visibility="community")
    assert "Where the managers come from" in client.get("/profiles/").get_data(as_text=True)
    fragment = client.get("/profiles/?country=SI", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "map-svg" not in fragment


def test_counts_follow_the_directorys_visibility_rule(client, login, make_user):
    make_user(country="SI", visibility="community")
    hidden = make_user(country="SI", visibility="hidden")
    assert 'aria-label="Slovenia: 1 manager"' in client.get("/").get_data(as_text=True)
    assert 'aria-label="Slovenia: 2 managers"' in login(hidden).get("/").get_data(
        as_text=True
    )  # one's own profile


def test_shades_get_darker_with_more_managers():
    assert maps.shade(0, 10) == maps.SHADES[0]
    assert maps.shade(1, 10) != maps.shade(10, 10)
    assert maps.shade(10, 10) == maps.SHADES[-1]


def test_every_eligible_country_has_a_shape():
    from app import reference

    missing = set(reference.country_names()) - set(maps.shapes()["shapes"])
    assert missing == set()


def test_the_directory_shows_ecosystems_by_countries_with_links_to_both_filters(client, make_user):
    make_user(country="SI", ecosystems=["digital", "health"], visibility="community")
    make_user(country="SI", ecosystems=["digital"], visibility="community")
    page = client.get("/profiles/").get_data(as_text=True)
    grid = page[page.index("Ecosystems × countries") :]
    assert (
        'href="/profiles/?country=SI&amp;ecosystem=digital" aria-label="Digital in Slovenia: 2">2</a>'
        in grid
    )
    assert 'aria-label="Health in Slovenia: 1">1</a>' in grid
