"""English names told whole: a hospital, its college and its university in one comma chain, an official
"Affiliated to" name, and a title-case headline whose verbs no name holds."""

from __future__ import annotations

from pipelines.pinyin import romanised
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


def test_a_branch_a_botanical_garden_and_a_lab_in_chinese_medicine_are_named_with_their_parents() -> None:
    text = "The Yantai Branch of Shanghai Institute of Materia Medica, Chinese Academy of Sciences signed."
    assert organisations_in(text) == [
        "Yantai Branch of Shanghai Institute of Materia Medica, Chinese Academy of Sciences"
    ]
    garden = "Xishuangbanna Tropical Botanical Garden of the Chinese Academy of Sciences joined."
    assert organisations_in(garden) == ["Xishuangbanna Tropical Botanical Garden of the Chinese Academy of Sciences"]
    lab = "The State Key Laboratory of Quality Research in Chinese Medicine joined."
    assert organisations_in(lab) == ["State Key Laboratory of Quality Research in Chinese Medicine"]


def test_a_company_and_a_societys_branch_named_by_the_same_field_are_two() -> None:
    text = (
        "Hunan Wuling Miao Medicine Co., Ltd. joined. "
        "So did the Miao Medicine Branch of the China Medical Association of Minorities."
    )
    assert organisations_in(text) == [
        "Hunan Wuling Miao Medicine Co., Ltd.",
        "Miao Medicine Branch of the China Medical Association of Minorities",
    ]


def test_an_industry_alliance_is_an_organisation_and_an_exchanges_board_is_the_exchange() -> None:
    text = "The Shandong Marine Biomedicine Industry Alliance was launched on Monday."
    assert organisations_in(text) == ["Shandong Marine Biomedicine Industry Alliance"]
    text = "Its shares began trading on the Main Board of The Stock Exchange of Hong Kong Limited."
    assert organisations_in(text) == ["The Stock Exchange of Hong Kong Limited"]


def test_a_regional_unit_a_foreign_legal_form_and_an_academy_of_two_fields_end_where_the_name_does() -> None:
    assert organisations_in("Morgan Stanley Asia was the sole sponsor.") == ["Morgan Stanley Asia"]
    assert organisations_in("China Telecom Shanghai built the hub.") == ["China Telecom Shanghai"]
    assert organisations_in("Norrsund Biotherapeutics ApS signed the deal on Monday.") == [
        "Norrsund Biotherapeutics ApS"
    ]
    text = "The Hebei Academy of Agriculture and Forestry Sciences bred the wheat."
    assert organisations_in(text) == ["Hebei Academy of Agriculture and Forestry Sciences"]
    assert organisations_in("Goldman Sachs said China Is Growing.") == ["Goldman Sachs"]  # a headline's words go on


def test_a_stock_exchange_a_legal_form_before_its_country_and_a_campus_are_whole_names() -> None:
    text = "Its shares began trading on the Main Board of the Stock Exchange of Hong Kong Limited."
    assert organisations_in(text) == ["Stock Exchange of Hong Kong Limited"]
    text = "The plant is a joint venture with Lindqvist Perfusion AB of Sweden."
    assert organisations_in(text) == ["Lindqvist Perfusion AB"]
    text = "Harbin Institute of Technology, Weihai will work with the joint venture."
    assert organisations_in(text) == ["Harbin Institute of Technology, Weihai"]
    listed = "Founded by researchers from Peking University, Ruiyi is developing RNA editing drugs."
    assert organisations_in(listed) == ["Peking University"]


def test_a_chinese_brand_or_an_acronym_after_and_starts_a_second_name() -> None:
    text = "The round was co-led by Yuanhe Origin and Lanfeng Capital, with BOCI Asia and CMB International Capital."
    assert organisations_in(text) == ["Yuanhe Origin", "Lanfeng Capital", "BOCI Asia", "CMB International Capital"]
    assert organisations_in("Hong Kong Science and Technology Parks Corporation said.") == [
        "Hong Kong Science and Technology Parks Corporation"
    ]


def test_a_kind_of_firm_before_a_chinese_brand_describes_it() -> None:
    assert organisations_in("Taiwan CDMO Hanhe Biologics lands first order") == ["Hanhe Biologics"]
    assert organisations_in("Shanghai AI Laboratory signed the agreement.") == ["Shanghai AI Laboratory"]


def test_pinyin_brands_are_told_from_english_words() -> None:
    assert [w for w in ("Lanfeng", "Yuanhe", "Hengrui", "Medicine", "Genome", "Capital") if romanised(w)] == [
        "Lanfeng",
        "Yuanhe",
        "Hengrui",
    ]
    assert romanised("Hanhe", marked=False) and not romanised("Hanhe")


def test_law_firms_an_institutes_list_of_fields_and_a_known_name_with_its_legal_form() -> None:
    text = (
        "Han Kun Law Offices advised the company, while Zhong Lun Law Firm and Latham & Watkins LLP advised the banks."
    )
    assert organisations_in(text) == ["Han Kun Law Offices", "Zhong Lun Law Firm", "Latham & Watkins LLP"]
    text = "It licensed a lens from the Changchun Institute of Optics, Fine Mechanics and Physics of the Chinese Academy of Sciences."
    assert organisations_in(text) == [
        "Changchun Institute of Optics, Fine Mechanics and Physics of the Chinese Academy of Sciences"
    ]
    assert organisations_in("The School of Medicine, Zhejiang University and Westlake University signed.") == [
        "School of Medicine, Zhejiang University",
        "Westlake University",
    ]
    assert organisations_in("Davis Polk & Wardwell LLP advised the underwriters.") == ["Davis Polk & Wardwell LLP"]
    text = "It is managed by Liaoning Angao Private Fund Management Co., Ltd. Limited partners include two banks."
    assert organisations_in(text) == ["Liaoning Angao Private Fund Management Co., Ltd."]


def test_a_companys_co_at_a_sentences_end_and_a_brand_named_after_its_field() -> None:
    text = "The plant will be built by Liaoning Qinghun Robotics Technology Co. It will make arms."
    assert organisations_in(text) == ["Liaoning Qinghun Robotics Technology Co."]
    assert organisations_in("Innovent licensed the drug to Caldera Oncology, a US biotech.") == [
        "Innovent",
        "Caldera Oncology",
    ]
    assert organisations_in("He heads the Department of Radiation Oncology at the hospital.") == []
    assert organisations_in("The State Key Laboratory of Biotherapy signed.") == ["State Key Laboratory of Biotherapy"]
    assert organisations_in("Hubei Three Gorges New Energy will build the plant.") == ["Hubei Three Gorges New Energy"]
    assert organisations_in("Clean Energy is a priority for the zone.") == []
    text = "West China Hospital of Sichuan University signed. West China Hospital said it would recruit."
    assert organisations_in(text) == ["West China Hospital of Sichuan University"]  # the hospital told short
    text = "JD Health expands delivery. JD Health International Inc. said orders rose."
    assert organisations_in(text) == ["JD Health International Inc."]  # a company told by its first words
    text = "Boehringer Ingelheim will invest. Its unit, Boehringer Ingelheim Biopharmaceuticals (China) Ltd., runs the site."
    assert organisations_in(text) == [
        "Boehringer Ingelheim",
        "Boehringer Ingelheim Biopharmaceuticals (China) Ltd.",
    ]  # a country's unit is its own company


def test_a_persons_office_european_forms_and_accents_and_an_exchanges_market() -> None:
    text = "The Chief Executive Officer of Skovgaard Medical, Anders Holm, said the plant would open."
    assert organisations_in(text) == ["Skovgaard Medical"]  # the office is the person's
    text = "Verhaegen Pharma NV, listed on Euronext Brussels, set up Verhaegen Pharma (Shanghai) Co., Ltd. in 2020."
    assert organisations_in(text) == [
        "Verhaegen Pharma NV",
        "Euronext Brussels",
        "Verhaegen Pharma (Shanghai) Co., Ltd.",
    ]
    assert organisations_in("Aubert Therapeutics SA said it would license the drug.") == ["Aubert Therapeutics SA"]
    text = "Maison Valère S.A. set up Maison Valère (Shanghai) Cosmetics Co., Ltd. in 2019."
    assert organisations_in(text) == ["Maison Valère S.A.", "Maison Valère (Shanghai) Cosmetics Co., Ltd."]
    text = "Ferrand (Shanghai) Pharmaceutical R&D Co., Ltd. will run the center."
    assert organisations_in(text) == ["Ferrand (Shanghai) Pharmaceutical R&D Co., Ltd."]
    assert organisations_in("The company is listed on Nasdaq Copenhagen.") == ["Nasdaq Copenhagen"]
    assert organisations_in("General Hospital of Northern Theater Command signed.") == [
        "General Hospital of Northern Theater Command"
    ]


def test_a_wires_dateline_is_no_part_of_the_name_after_it() -> None:
    text = "XI'AN, China--Xi'an Qinlan Medical Technology Co., Ltd. announced"
    assert organisations_in(text) == ["Xi'an Qinlan Medical Technology Co., Ltd."]


def test_a_place_based_describes_the_company_and_bio_based_is_part_of_its_name() -> None:
    assert organisations_in("Lianyue Bio-based Materials (Jinan) Co., Ltd. will build it.") == [
        "Lianyue Bio-based Materials (Jinan) Co., Ltd."
    ]
    assert organisations_in("Shanghai-based Qinglu Biotechnology Co., Ltd. signed.") == [
        "Qinglu Biotechnology Co., Ltd."
    ]
