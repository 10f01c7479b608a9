"""captions.*: captions ending in a photo credit, credit-only lines, caption toggles."""
from __future__ import annotations

import pytest

from .util import assert_kept, assert_kept_anywhere, assert_removed, assert_story_kept, clean, story

CAPTIONS = [
    # Getty, Guardian, NYT, AP, Reuters, AFP, EPA, German/Spanish/Portuguese/French wires.
    "Protesters gather outside the legislature in Hong Kong on Nov. 18, 2019. (Photo by Anthony Kwan/Getty Images)",
    "Boris Johnson arrives in Downing Street on Thursday. Photograph: Stefan Rousseau/PA",
    "Firefighters battle a bushfire near Sydney on Tuesday. Credit...Saeed Khan/Agence France-Presse",
    "Workers clear debris from a flooded street in Houston. (AP Photo/David J. Phillip)",
    "A rescue worker searches the rubble of the collapsed building. Photo: John Smith, AP",
    "The Eiffel Tower is lit up in the colours of the French flag. (Benoit Tessier/Reuters)",
    "Supporters cheer as the candidate arrives at the rally in Miami. Joe Raedle/Getty Images",
    "A woman walks past a mural in Caracas, Venezuela, January 22, 2019. REUTERS/Carlos Garcia Rawlins",
    # Reuters' file and pool photos name the kind after the photographer
    "FILE PHOTO: The company's logo is seen at its headquarters in Santa Clara, California, U.S., May 12, 2023. "
    "REUTERS/Carlos Barria/File Photo",
    "Rescuers search the rubble in Antakya, Turkey, February 8, 2023. REUTERS/Umit Bektas/Pool",
    "Ein Polizist sichert den Tatort in der Innenstadt. Foto: dpa",
    "Manifestantes marchan por el centro de Santiago. Foto: EFE",
    "Des manifestants défilent à Paris samedi. Photo AFP",
    "Senator Susan Collins speaks to reporters on Capitol Hill. Chip Somodevilla via Getty Images",
    "The rocket lifts off from Cape Canaveral on Saturday. Image: NASA",
    "Rescuers carry a survivor from the debris in Izmir, Turkey. Photo by Burak Kara/Getty Images",
    "Crowds line the route of the parade in central Moscow. © Sputnik / Ramil Sitdikov",
    "An MSC cargo ship leaves PortMiami, on Aug. 31, 2019. (AP)",
    "Representative image. (AFP file photo)",
    # A credit closed by a full stop, and photo illustrations (Slate, The Oregonian)
    "Photo illustration by Slate. Photo by David Dyer-Bennet.",
    "Dear Abby column sig. Photo illustration by Mark Graves, Oregonian/OregonLive",
    "The mayor at the opening of the new library on Monday. (Credit: City of Leeds)",
]


@pytest.mark.parametrize("caption", CAPTIONS)
def test_caption_with_credit_is_removed(caption: str) -> None:
    assert_removed(caption, "captions.caption")


@pytest.mark.parametrize(
    "credit",
    [
        "Image caption The minister resigned on Friday after weeks of pressure",
        "Image copyright Getty Images",
        "Credit...Doug Mills/The New York Times",
        "Photo: Reuters",
        "(AP Photo/Evan Vucci)",
        "(Photographer: Jane Smith)",
        "Photograph: Alastair Grant/AP",
        "Toby Melville/Reuters",
        "Getty Images",
        "Foto: Michael Kappeler/dpa",
        "Crédito: Agencia EFE",
        "Fotoğraf: AA",
        "Фото: ТАСС",
        "Photo : AFP",
        "File photo",
        "(Photo: Courtesy of the family)",
        "Patrick Semansky, ASSOCIATED PRESS",
        "Michael Conroy, AP",
    ],
)
def test_credit_line_is_removed(credit: str) -> None:
    assert_removed(credit, "captions.credit")


@pytest.mark.parametrize(
    "control",
    ["toggle caption", "Expand caption", "Collapse caption", "Enlarge this image", "Expand image", "Click to enlarge", "main article image",
     "Media playback is unsupported on your device"],
)
def test_caption_toggle_after_a_caption_is_removed(control: str) -> None:
    assert_removed(control, "captions.control")


def test_caption_with_more_toggle_is_removed() -> None:
    assert_removed("Commuters wait for a delayed train at the central station on Monday … more",
                   "captions.control")


@pytest.mark.parametrize(
    "sentence",
    [
        "(Reporting by Tom Smith in London and Ana Ruiz in Madrid; Editing by Jane Doe/Mark Heinrich)",
        "(Reporting by Angus McDowall; Writing by Lisa Barrington; Editing by Peter Graff)",
        "Police said the photo was taken by a neighbour and posted on Facebook on Sunday night.",
        "The agency released the image, which shows the comet's tail, on Monday.",
        "The minister announced her resignation via Twitter on Sunday evening.",
        "The minister announced her resignation via Twitter.",
        "The video was distributed to broadcasters via Reuters.",
        "Support for the president fell to 39 percent, according to Reuters/Ipsos.",
        "The picture, taken by Reuters photographer Goran Tomasevic, won an award last year.",
        "Credit card debt rose 5 percent in the quarter, the central bank said.",
        "Photo finish: Ireland edged past Scotland in the final seconds",
        '"I was photographed by the police without my consent," she said.',
        "Getty Images, which licenses millions of pictures, reported higher revenue this year.",
        "Photographs by Annie Leibovitz will be shown at the gallery until June.",
        "The agency's photographers filed more than 300 images from the summit (AP).",
        "Inside the Associated Press",
        "Photo: The minister said the picture was taken in 2015.",
        "Credit Suisse shares fell 4 percent in Zurich.",
        "The Reuters/Ipsos poll was conducted online.",
        "The agency said the picture, filed as REUTERS/File, was taken in May.",
        "A pool photographer for Reuters/Pool coverage was the only one allowed inside the court.",
        "The exhibition features a Photo by Annie Leibovitz of the Queen, which drew crowds.",
        "She shared a photo by Annie Leibovitz.",
        "Shares in the bank rose 3 percent (Credit Agricole was unchanged).",
        "(Credit Suisse declined to comment on the report.)",
    ],
)
def test_sentences_about_photos_and_credits_are_kept(sentence: str) -> None:
    assert_kept(sentence)


def test_caption_above_its_credit_line_goes_with_it() -> None:
    """captions.caption: NPR and Guardian put the credit on the caption's next line."""
    block = "\n".join(["Enlarge this image", "The Fed chair speaks at a news conference in Washington on Wednesday.",
                       "Chip Somodevilla/Getty Images", "toggle caption"])
    article = clean(story(block))
    assert "captions.caption" in {r.rule for r in article.removals}
    assert "The Fed chair speaks" not in article.text
    assert_story_kept(article)


def test_a_paragraph_above_a_credit_in_another_block_is_kept() -> None:
    article = clean(story("The Fed chair spoke at a news conference in Washington on Wednesday.",
                          "Chip Somodevilla/Getty Images"))
    assert "The Fed chair spoke" in article.text
    assert [r.rule for r in article.removals] == ["captions.credit"]


@pytest.mark.parametrize(
    "caption",
    ["Il premier parla alla Camera dei deputati. Immagine: ANSA", "Presiden berbicara di Jakarta. Gambar: Antara"],
)
def test_caption_with_italian_or_indonesian_credit_is_removed(caption: str) -> None:
    assert_removed(caption, "captions.caption")


@pytest.mark.parametrize(
    "caption",
    [
        "Interim President Jeanine Anez speaks during a news conference in La Paz [Marco Bello/Reuters]",
        "Aerial view of a cleared area in Pará - Lalo de Almeida/Folhapress",
        "The labour minister at a news conference in Madrid. FOTO: EFE",
        "Office buildings in Jakarta. (SHUTTERSTOCK)",
        "© Reuters/MOHAMED AZAKIR FILE PHOTO: Demonstrators carry national flags in Beirut.",
    ],
)
def test_captions_with_other_publishers_credits_are_removed(caption: str) -> None:
    article = clean(story(caption))
    assert " ".join(caption.split()) not in article.text
    assert {r.rule for r in article.removals} <= {"captions.caption", "captions.credit"}
    assert_story_kept(article)


def test_caption_under_a_share_button_above_its_credit_goes_with_it() -> None:
    article = clean(story("Artikel teilen\nICE am Berliner Hauptbahnhof\nFoto: Kay Nietfeld / dpa", where="head"))
    assert "ICE am Berliner Hauptbahnhof" not in article.text
    assert_story_kept(article)


def test_a_headline_over_an_agency_line_is_not_a_caption() -> None:
    raw = story().replace("\n\n", "\nAssociated Press\n\n", 1)
    article = clean(raw)
    assert article.text.startswith("Council approves new budget")


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor said the picture, taken by a resident, showed the flood [at its peak].",
        "Officials said the price would rise to 3 euros - a decision criticised by drivers.",
        "The agency said its photographers had been barred from the event (AFP).",
        "Lihat foto-foto pameran itu di museum mulai Sabtu, kata kurator.",
    ],
)
def test_sentences_with_brackets_and_dashes_are_kept(sentence: str) -> None:
    assert_kept(sentence)


def test_a_schedule_line_with_a_spaced_slash_after_a_dash_is_kept() -> None:
    assert_kept("2a etapa: 8 de abril – Curitiba / Alternativa")


def test_credit_only_union_finds_what_each_pattern_finds() -> None:
    """`is_caption_like` tries the credit-only patterns as one union at the line start."""
    import re

    from cleaner.rules import captions

    lines = ["Photo: Reuters", "Photo: ", "REUTERS/John Smith", "(AP Photo/Jane Doe)", "Getty Images", "Handout.",
             "Patrick Semansky, ASSOCIATED PRESS", "Image caption The minister speaks", "© Reuters/Name FILE PHOTO: x",
             "Photo: The minister said the picture was taken in the spring of 2015.", "The hall at night", "x" * 500,
             "Chip Somodevilla via Getty Images", "(Photo courtesy of the family)", "AFP", "Credit: Name", ""]
    for text in lines + [a + b for a in lines[:8] for b in (" ", ".", " today")]:
        assert (captions._credit_only_re().match(text) is not None) == any(
            re.search(p, text) for p in captions._CREDIT_ONLY
        ), text


@pytest.mark.parametrize(
    "sentence",
    [
        # a credit's label over a lower-case phrase: a headline or a sentence
        "Copyright: the legal fight over the monkey selfie",
        "Crédito: o que muda para quem pede empréstimo",
        "Image copyright disputes are rising as AI tools spread, lawyers say.",
        "Image caption contests drew 4,000 entries this year.",
        # a photo the sentence speaks of, after an article
        "The exhibition's best-known work is the Photo by Man Ray.",
        "The museum bought a Photo by Annie Leibovitz",
        "Das Bild von Europa",
        # an agency the story names, its abbreviation spelled out before it
        "The official told Asian News International (ANI)",
        "The figures were confirmed to the Press Trust of India (PTI)",
        "The statement was sent to Agence France-Presse (AFP)",
    ],
)
def test_lines_that_only_look_like_credits_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    "line",
    ["Foto: dpa", "Photo: picture alliance / dpa", "Image copyright Getty Images", "Credit: iStock",
     "Image caption The minister arrives at Downing Street", "Фото: личный архив Анны Меркуровой",
     "Photo: courtesy of the family"],
)
def test_credits_in_lower_case_or_after_a_bbc_label_still_go(line: str) -> None:
    assert_removed(line, "captions.credit")


@pytest.mark.parametrize(
    "caption",
    ["Modi waves to supporters in Varanasi (ANI)", "Protesters march in Nairobi. Photo by John Muchucha",
     "Der Kanzler in Berlin. Bild: dpa"],
)
def test_captions_whose_credit_is_no_spelled_out_name_still_go(caption: str) -> None:
    assert_removed(caption, "captions.caption")


@pytest.mark.parametrize("credit", ["Crédit photo : Ludovic Marin / AFP", "Beeld: ANP / Remko de Waal", "写真：共同通信",
                                    "图片来源：新华社", "Pic: Twitter/@metpoliceuk"])
def test_credit_labels_of_other_languages_and_desks(credit: str) -> None:
    assert_removed(credit, "captions.credit")


@pytest.mark.parametrize("credit", ["Credit: iStock/Getty Images Plus", "Copyright: dpa/picture alliance/Jane Doe",
                                    "Image copyright iStock/Getty Images Plus"])
def test_a_credit_in_lower_case_with_a_slash_is_a_credit(credit: str) -> None:
    assert_removed(credit, "captions.credit")


def test_a_spelled_out_agency_after_a_photo_label_is_a_credit() -> None:
    assert_removed("Modi waves to supporters. Photo: Press Trust of India (PTI)", "captions.caption")


@pytest.mark.parametrize("caption", ["Il presidente Mattarella al Quirinale (foto ANSA)",
                                     "El presidente en Madrid (Foto: EFE)",
                                     "Спасатели на месте обрушения дома в Магнитогорске. Фото: РИА Новости"])
def test_captions_with_italian_spanish_and_russian_credits(caption: str) -> None:
    assert_removed(caption, "captions.caption")


def test_a_sentence_about_a_photo_in_spanish_is_kept() -> None:
    assert_kept_anywhere("La foto fue tomada en 1999 por un turista, según la policía.")


@pytest.mark.parametrize("line", ["(Crédit photo : Ludovic Marin / AFP)", "Zdjęcie: Shutterstock", "（写真：共同通信）",
                                  "撮影：山田太郎"])
def test_photo_credits_of_other_languages_and_in_brackets_are_removed(line: str) -> None:
    assert_removed(line, "captions.credit")


@pytest.mark.parametrize("sentence", [
    "Zdjęcie: to właśnie ono obiegło cały świat i przyniosło fotografowi nagrodę Pulitzera.",
    "撮影は来月から北海道で始まる予定だと、制作会社が明らかにした。",
    "(Crédit photo and lending rules were eased in March, the central bank said.)",
])
def test_sentences_opening_with_those_labels_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


# Trial 5: the BBC's caption labels since 2023 carry a comma.
@pytest.mark.parametrize("line", ["Image source, PA Media", "Image caption, The minister arrives at Downing Street on Tuesday",
                                  "Media caption, Watch: the moment the bridge collapsed"])
def test_bbc_caption_labels_with_a_comma_are_removed(line: str) -> None:
    assert_removed(line, "captions.credit")


def test_a_sentence_about_image_captions_is_kept() -> None:
    assert_kept_anywhere("Image caption contests are popular among the readers of the weekly, the editor said.")
