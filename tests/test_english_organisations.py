"""English names told whole: a hospital, its college and its university in one comma chain, an official
"Affiliated to" name, and a title-case headline whose verbs no name holds."""

from __future__ import annotations

from tests.support.entities import organisations_in


def test_a_hospital_its_college_and_its_university_are_one_name() -> None:
    text = "Union Hospital, Tongji Medical College, Huazhong University of Science and Technology signed with Hengtai Biotech."
    assert organisations_in(text) == [
        "Union Hospital, Tongji Medical College, Huazhong University of Science and Technology",
        "Hengtai Biotech",
    ]


def test_an_official_affiliated_to_name_is_one_and_a_description_two() -> None:
    official = "Shandong Provincial Hospital Affiliated to Shandong First Medical University hosts the lab."
    assert organisations_in(official) == [
        "Shandong Provincial Hospital Affiliated to Shandong First Medical University"
    ]
    described = "The trial was led by Shanghai Pulmonary Hospital affiliated to Tongji University."
    assert organisations_in(described) == ["Shanghai Pulmonary Hospital", "Tongji University"]


def test_a_title_case_headlines_verb_ends_the_name_before_it() -> None:
    assert organisations_in("Wuhan Union Hospital Opens International Medical Center") == ["Wuhan Union Hospital"]
    assert organisations_in("Peking Union Medical College Hospital Establish Joint Laboratory") == [
        "Peking Union Medical College Hospital"
    ]
