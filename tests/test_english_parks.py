"""English park names: capitalised words before a kind of park, one-word kinds, a zone's own park,
a headline's short name for the park the text names in full."""

from __future__ import annotations

import pytest

from tests.support.entities import analyse_text


def test_english_one_word_kinds_and_a_zone_owning_a_park() -> None:
    assert analyse_text("", "The plant opened in the Tianfu International Biotown on Monday.", "en")["parks"] == [
        "Tianfu International Biotown"
    ]
    body = "It opened in Guangzhou Development District's Sino-Singapore Guangzhou Knowledge City."
    assert analyse_text("", body, "en")["parks"] == [
        "Guangzhou Development District",
        "Sino-Singapore Guangzhou Knowledge City",
    ]


def test_a_zones_park_named_by_two_fields_is_one_park_not_a_company() -> None:
    body = "The Hechuan High-tech Zone Medicine and Health Industrial Park opened on Monday."
    got = analyse_text("", body, "en")
    assert got["parks"] == ["Hechuan High-tech Zone Medicine and Health Industrial Park"]
    assert got["organizations"] == []


def test_a_zone_named_on_its_own_beside_a_park_named_after_it_is_two_parks() -> None:
    body = (
        "The Yanling Economic Development Zone Medical Device Industrial Park opened on Tuesday.\n"
        "The park lies in the Yanling Economic Development Zone, south of the city."
    )
    assert analyse_text("", body, "en")["parks"] == [
        "Yanling Economic Development Zone Medical Device Industrial Park",
        "Yanling Economic Development Zone",
    ]
    alone = "The Yanling Economic Development Zone Medical Device Industrial Park opened on Tuesday."
    assert analyse_text("", alone, "en")["parks"] == [
        "Yanling Economic Development Zone Medical Device Industrial Park"
    ]


def test_an_english_headlines_short_name_is_the_park_the_text_names_in_full() -> None:
    title = "Lingang opens AI hub; Wuhan FTZ adds park"
    body = (
        "It lies in the Lingang Special Area. Another is in the Wuhan Area of the China (Hubei) Pilot Free Trade Zone."
    )
    assert analyse_text(title, body, "en")["parks"] == [
        "Lingang Special Area",
        "Wuhan Area of the China (Hubei) Pilot Free Trade Zone",
    ]
    title = "Tibetan medicine park opens in Xining"
    body = "The Qinghai Tibetan Medicine Industrial Park opened on Monday."
    assert analyse_text(title, body, "en")["parks"] == ["Qinghai Tibetan Medicine Industrial Park"]
    body = "Qicheng moved to Optics Valley, into the Optics Valley Biolake."  # a kind of its own: the zone
    assert analyse_text("", body, "en")["parks"] == ["Optics Valley", "Optics Valley Biolake"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The corporation pointed to the Tseung Kwan O InnoPark as the answer.", ["Tseung Kwan O InnoPark"]),
        ("It recommended that the InnoLife Healthtech Hub be built in phases.", ["InnoLife Healthtech Hub"]),
        ("The plant is in the Haicang Taiwanese Investment Zone.", ["Haicang Taiwanese Investment Zone"]),
        (
            "It opened in the China (Guangdong) Pilot Free Trade Zone Nansha Area, in the south.",
            ["China (Guangdong) Pilot Free Trade Zone Nansha Area"],
        ),
        ("Deals were signed at China Eye Valley, an ophthalmic cluster.", ["China Eye Valley"]),
        (
            "It is in the China-Mongolia Erenhot-Zamyn-Uud Economic Cooperation Zone.",
            ["China-Mongolia Erenhot-Zamyn-Uud Economic Cooperation Zone"],
        ),  # hyphens joining several names
        ("It rises in the Urumqi ETDZ Medical Device Industrial Park.", ["Urumqi ETDZ Medical Device Industrial Park"]),
        ("Anqing ETDZ signs 12 projects in the Yangpu Bonded Port Area.", ["Anqing ETDZ", "Yangpu Bonded Port Area"]),
        ("Scientists urge a life-science zone in San Tin Technopole.", ["San Tin Technopole"]),
        ("The firm moved to the Sino-German Ecopark in Qingdao.", ["Sino-German Ecopark"]),
        ("It is the core of the Shijiazhuang National Bio-industry Base.", ["Shijiazhuang National Bio-industry Base"]),
    ],
)
def test_english_park_names_of_one_letter_camel_case_words_and_free_trade_areas(body: str, expected: list[str]) -> None:
    assert analyse_text("", body, "en")["parks"] == expected


def test_a_park_of_a_zone_is_one_name_and_a_park_of_the_zone_two() -> None:
    text = "It opened in the Daxing Biomedicine Industry Base of Zhongguancun Science Park."
    assert analyse_text("", text, "en")["parks"] == ["Daxing Biomedicine Industry Base of Zhongguancun Science Park"]
    text = "It opened in Jinan Innovation Valley of the Jinan High-tech Industrial Development Zone."
    assert analyse_text("", text, "en")["parks"] == [
        "Jinan Innovation Valley",
        "Jinan High-tech Industrial Development Zone",
    ]


def test_official_english_names_of_known_zones() -> None:
    text = "The clinic opened in the Guangdong-Macao In-depth Cooperation Zone in Hengqin on Monday."
    assert analyse_text("", text, "en")["parks"] == ["Guangdong-Macao In-depth Cooperation Zone in Hengqin"]
    text = "The lab is in the China (Shanghai) Pilot Free Trade Zone Lingang Special Area."
    assert analyse_text("", text, "en")["parks"] == ["China (Shanghai) Pilot Free Trade Zone Lingang Special Area"]


def test_a_zones_initials_a_parks_own_park_and_a_station_named_after_a_park() -> None:
    text = "The Nanyang High-tech Industrial Development Zone grew. The zone, known as the Nanyang HTZ, hosts 40 firms."
    assert analyse_text("", text, "en")["parks"] == ["Nanyang High-tech Industrial Development Zone"]
    text = "It will build a factory in the Central Taiwan Science Park's Houli park."
    assert analyse_text("", text, "en")["parks"] == ["Central Taiwan Science Park", "Houli park"]
    text = "The line stops at Bio-City Station and Bio-City South Station, near Chongqing International Bio-City."
    assert analyse_text("", text, "en")["parks"] == ["Chongqing International Bio-City"]
    assert analyse_text("", "Another Science Park start-up strikes licensing deal", "en")["parks"] == []


def test_english_names_of_known_zones_written_several_ways() -> None:
    text = "Hangzhou Medical Port and Tianfu International Biotown signed with Beijing Economic and Technological Development Area."
    assert analyse_text("", text, "en")["parks"] == [
        "Hangzhou Medical Port",
        "Tianfu International Biotown",
        "Beijing Economic and Technological Development Area",
    ]


def test_an_e_commerce_park_and_an_industrial_concentration_zone() -> None:
    text = "Goods leave the Heihe Cross-border E-commerce Industrial Park, part of the Xinhuang Industrial Concentration Zone."
    assert analyse_text("", text, "en")["parks"] == [
        "Heihe Cross-border E-commerce Industrial Park",
        "Xinhuang Industrial Concentration Zone",
    ]


def test_a_life_science_and_technology_town_is_one_park_not_a_company() -> None:
    got = analyse_text("", "The base, in the Jiangning Life Science and Technology Town, will open.", "en")
    assert got["parks"] == ["Jiangning Life Science and Technology Town"] and got["organizations"] == []


def test_a_parks_two_fields_after_and_and_a_title_case_headlines_verb() -> None:
    body = "Officials opened the Minning Pharmaceutical and Health Industrial Park on Friday."
    assert analyse_text("", body, "en")["parks"] == ["Minning Pharmaceutical and Health Industrial Park"]
    assert analyse_text("", body, "en")["organizations"] == []  # no company called Minning Pharmaceutical
    title = "Xiamen Opens Life and Health Industrial Park"
    body = "The Xiamen Torch Life and Health Industrial Park opened on Monday."
    assert analyse_text(title, body, "en")["parks"] == ["Xiamen Torch Life and Health Industrial Park"]


def test_a_headlines_abridged_name_is_the_park_the_text_names_in_full() -> None:
    title = "Hefei High-Tech Zone Signs Chip Project"
    body = "The Hefei High-tech Industrial Development Zone signed the project on Monday."
    assert analyse_text(title, body, "en")["parks"] == ["Hefei High-tech Industrial Development Zone"]
    title = "Chengdu Bio-Town launches fund"
    body = "Chengdu Tianfu International Bio-Town set up the fund."
    assert analyse_text(title, body, "en")["parks"] == ["Chengdu Tianfu International Bio-Town"]
    # a field's park inside a zone is a park of its own
    body = "Lines at Hsinchu Science Park grow; Hsinchu Biomedical Science Park, its biomedical branch, too."
    assert analyse_text("", body, "en")["parks"] == ["Hsinchu Science Park", "Hsinchu Biomedical Science Park"]
