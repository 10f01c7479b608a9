"""gallery.*: gallery markers, their controls, and the run of captions between them."""
from __future__ import annotations

import pytest

from cleaner import Config

from .util import assert_kept, assert_removed, assert_story_kept, clean, story

CAPTIONS = (
    "Demonstrators march through the city centre on Sunday. (AP Photo/Kin Cheung)",
    "Police officers stand guard outside parliament. REUTERS/Tyrone Siu",
)


@pytest.mark.parametrize(
    "marker",
    ["12 PHOTOS", "See Gallery", "Image 1 of 23", "Slide 3/10", "View gallery", "Photo 4 of 9", "1 / 15",
     "Photos: The week in pictures", "In Pictures: Floods in Venice", "View the full gallery"],
)
def test_marker_opens_a_gallery_run_with_its_captions(marker: str) -> None:
    article = clean(story(marker, "Protests in the capital", *CAPTIONS))
    removed = "\n".join(r.text for r in article.removals if r.rule == "gallery.run")
    assert marker in removed
    for caption in CAPTIONS:
        assert caption in removed
    assert "Protests in the capital" not in article.text
    assert_story_kept(article)


def test_marker_alone_is_removed_by_the_line_rule_when_runs_are_off() -> None:
    article = clean(story("34 PHOTOS"), Config(disable=["gallery.run"]))
    assert [r.rule for r in article.removals] == ["gallery.marker"]


def test_gallery_widget_block_is_one_run() -> None:
    block = "\n".join(["18 PHOTOS", "Inside the flooded museum", "See Gallery", "Inside the flooded museum",
                       *CAPTIONS, "HIDE CAPTION", "SHOW CAPTION", "of", "SEE ALL", "BACK TO SLIDE"])
    article = clean(story(block))
    assert [r.rule for r in article.removals] == ["gallery.run"]
    assert "BACK TO SLIDE" in article.removals[0].text
    assert_story_kept(article)


@pytest.mark.parametrize("control", ["Next", "Previous", "Close", "Fullscreen", "Replay gallery"])
def test_controls_beside_gallery_lines_are_removed(control: str) -> None:
    block = "\n".join(["Image 2 of 8", CAPTIONS[0], control])
    article = clean(story(block))
    assert control not in article.text.split("\n\n")
    assert_story_kept(article)


def test_controls_rule_removes_controls_next_to_each_other() -> None:
    assert_removed("HIDE CAPTION", "gallery.controls", with_lines=("SHOW CAPTION\nSEE ALL",))


@pytest.mark.parametrize("word", ["Autoplay", "Replay", "Expand", "Thumbnails"])
def test_controls_context_keeps_a_control_word_standing_alone(word: str) -> None:
    """gallery.controls_context: alone among prose, a control word may be a heading."""
    assert_kept(word)


def test_a_lone_pagination_word_falls_to_the_navigation_rule() -> None:
    """gallery.controls_context hands 'Next' back to the other line rules, not to the text."""
    assert_removed("« Previous", "navigation.top")


@pytest.mark.parametrize(
    "sentence",
    [
        "The museum opened a photo gallery of 40 images from the war, curators said.",
        "Photos of the suspect were shared widely on social media, police said.",
        "12 photos were submitted as evidence in the case, the court heard.",
        "Gallery owners in the district said sales had fallen by a third this year.",
        "In pictures taken by residents, the river can be seen bursting its banks.",
        "See the gallery's new wing, which opens to the public in May, for the full collection.",
    ],
)
def test_sentences_about_photos_and_galleries_are_kept(sentence: str) -> None:
    assert_kept(sentence)


def test_a_heading_over_prose_is_not_a_gallery_title() -> None:
    assert_kept("PHOTOS AND MEMORIES", "Families gathered on Sunday to share photos of the victims and memories of their lives.")


@pytest.mark.parametrize("marker", ["1 of 12", "Image 3/10", "View gallery", "12 photos"])
@pytest.mark.parametrize("where", ["head", "middle"])
def test_a_stray_marker_takes_no_story_paragraph_with_it(marker: str, where: str) -> None:
    """The line after a marker is the gallery's title only when shaped like one: here it is the story."""
    article = assert_removed(marker, "gallery.run", where=where)
    assert_story_kept(article)


def test_a_title_under_the_marker_goes_with_the_gallery() -> None:
    gallery = ["12 PHOTOS", "Scenes from the council vote", "Scenes from the council vote"]
    article = clean(story(*gallery, where="tail"))
    assert not any(line in article.text for line in gallery)
    assert_story_kept(article)


@pytest.mark.parametrize(
    "line", ["Photo 1 sur 10", "Imagen 3 de 12", "Zur Bildergalerie", "Voir le diaporama", "Fotostrecke: 15 Bilder",
             "Galeri foto (10)", "Fotogaleri"],
)
def test_other_languages_gallery_markers_are_removed(line: str) -> None:
    assert_removed(line, "gallery.run", where="head")
