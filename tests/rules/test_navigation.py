"""navigation.*: back-to-top and menu links, tag lists, reading times, cookie notices."""
from __future__ import annotations

import pytest

from .util import assert_kept, assert_kept_anywhere, assert_removed


@pytest.mark.parametrize(
    "line",
    [
        "go to top", "Back to top", "Skip to main content", "Menu", "Home > News > World", "Page 2 of 5",
        "Next article", "« Previous", "Zum Seitenanfang", "Listen to this article", "Voltar ao topo", "Başa dön",
        "1 2 3 Next", "Text size", "Current Time 0:00", "Stream Type LIVE", "This is a modal window.",
        "This slideshow requires JavaScript.", "Was this article helpful?", "Thanks for your feedback!", "Please wait",
        "Fill 2 Copy 11 Created with Sketch.", "Created with Sketch.",
    ],
)
def test_navigation_link_is_removed(line: str) -> None:
    assert_removed(line, "navigation.top", where="tail")


@pytest.mark.parametrize(
    "line",
    ["Tags: Brexit, EU, Theresa May", "Topics: Climate change, Energy", "Filed under: Politics",
     "Schlagworte: Bundestag, Haushalt", "Etiquetas: economía, inflación", "Tagged with: budget, council",
     "Posted in Politics | Tagged budget, council | Leave a comment",
     "This entry was posted in Politics and tagged budget, council. Bookmark the permalink."],
)
def test_tag_list_is_removed(line: str) -> None:
    assert_removed(line, "navigation.tags", where="tail")


@pytest.mark.parametrize(
    "line",
    ["5 min read", "Reading time: 3 minutes", "Lesezeit: 4 Minuten", "Temps de lecture : 2 min", "2,345 views",
     "4 minute read", "Tempo de leitura: 1 minuto", "Время чтения: 3 мин"],
)
def test_reading_time_is_removed(line: str) -> None:
    assert_removed(line, "navigation.reading_time", where="head")


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.",
        "This website uses cookies to ensure you get the best experience.",
        "This website uses cookies. Read our privacy policy to find out more.",
        "Accept all cookies", "Cookie settings", "Manage cookies",
        "By using this site, you agree to the Privacy Policy and Terms of Use.",
        # Vox Media's notice: one paragraph of 384 characters
        "We use cookies and other tracking technologies to improve your browsing experience on our site, "
        "show personalized content and targeted ads, analyze site traffic, and understand where our audience "
        "is coming from. To find out more or to opt-out, please read our Cookie Policy. In addition, please "
        "read our Privacy Policy, which has also been updated and became effective May 23rd, 2018.",
    ],
)
def test_cookie_notice_is_removed(line: str) -> None:
    assert_removed(line, "navigation.cookies", where="head")


@pytest.mark.parametrize(
    "sentence",
    [
        "Top officials met on Monday to discuss the crisis.",
        "Home prices rose 4 percent in the year to October.",
        "Search teams found the wreckage on Tuesday morning.",
        "Tags on the luggage identified the owner, police said.",
        "The company uses cookies to track users across websites, regulators said.",
        "We use cookies sparingly, the company's privacy chief told lawmakers.",
        "Cookie sales rose 20 percent during the holidays.",
        "Page 2 of the report shows the scale of the losses.",
        "Next, the committee will vote on the amendments.",
        "Print newspapers have lost half their readers in a decade.",
        "Skip the queue, the museum advises visitors who book online.",
        "Topics ranged from climate change to the cost of housing.",
        "The report, a 40-minute read, was published on Monday.",
        "Was this the right decision? Many residents doubt it.",
        "Posted in Iraq since 2003, the unit returned home on Friday.",
        "The logo was created with Sketch.",
        "Every icon was created with Sketch, the designer said.",
    ],
)
def test_sentences_with_navigation_words_are_kept(sentence: str) -> None:
    assert_kept(sentence)


@pytest.mark.parametrize("line", ["Jump to Recipe", "Print Recipe", "Zur Merkliste hinzufügen",
                                  "Track Latest News Live on NDTV.com and get news updates from India and around the world."])
def test_other_publishers_navigation_is_removed(line: str) -> None:
    assert_removed(line, "navigation.top")


def test_french_reading_time_is_removed() -> None:
    assert_removed("Lecture 3 min.", "navigation.reading_time")


@pytest.mark.parametrize("sentence", ["Track the storm's path on the weather service's website, officials urged.",
                                      "Lecture halls will reopen on Monday, the university said."])
def test_sentences_like_other_navigation_are_kept(sentence: str) -> None:
    assert_kept(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        'By using our site, the lawsuit claims, users unknowingly shared their data.',
        'Listen to the story she tells.',
        'Font size on ballots will rise.',
        'Topics: Inflation, jobs and housing dominated the debate.',
        'Themen: Rente, Migration und Wohnen bestimmten den Wahlkampf.',
    ],
)
def test_navigation_words_in_a_news_sentence_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ('Listen to this article · 4 min', 'navigation.top'),
        ("We use cookies to give you the best experience on our website, according to our Cookie Policy.",
         "navigation.cookies"),

    ],
)
def test_navigation_lines_the_page_speaks_are_still_removed(line: str, rule: str) -> None:
    assert_removed(line, rule, where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "Video", "Watch video", "Now Playing", "Video player is loading.", "Your browser does not support the video tag.",
        "Regarder la vidéo", "Hier klicken", "Cliquez ici", "Drucken", "Imprimir", "Save for later",
        "Listen to our podcast", "Listen on Spotify", "Podcast: The Daily", "Écoutez notre podcast",
    ],
)
def test_players_prompts_and_buttons_of_other_publishers_are_removed(line: str) -> None:
    assert_removed(line, "navigation.top")


@pytest.mark.parametrize(
    "line",
    [
        "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
        "Nous utilisons des cookies pour améliorer votre expérience.", "Utilizamos cookies propias y de terceros.",
        "Questo sito utilizza cookie.", "Мы используем файлы cookie.", "Alle akzeptieren", "Manage cookie preferences",
        "To view this content you need to accept cookies",
    ],
)
def test_other_languages_cookie_notices_are_removed(line: str) -> None:
    assert_removed(line, "navigation.cookies", where="head")


@pytest.mark.parametrize(
    "sentence",
    [
        "Listen to our podcast guests and you hear the same worry again and again.",
        "Video of the arrest was shared thousands of times, police said.",
        "Wir verwenden Cookies nicht, sagte der Sprecher.",
    ],
)
def test_sentences_about_videos_podcasts_and_cookies_are_kept(sentence: str) -> None:
    assert_kept(sentence)


def test_a_finding_reported_at_the_end_of_a_cookie_sentence_is_news() -> None:
    """"found", "shows", "added" report only where they end the sentence."""
    assert_kept_anywhere("This site uses cookies that track users across the web, the regulator found.")


def test_a_cookie_notice_pointing_to_where_its_policy_can_be_found_still_goes() -> None:
    assert_removed("We use cookies to improve your experience, details of which can be found in our cookie policy.",
                   "navigation.cookies", where="tail")


@pytest.mark.parametrize("line", ["Diese Website verwendet Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
                                  "Wij gebruiken cookies om onze website te verbeteren.", "Alles accepteren"])
def test_cookie_notices_in_german_and_dutch(line: str) -> None:
    assert_removed(line, "navigation.cookies", where="tail")


def test_a_passive_at_the_end_of_a_cookie_notice_is_no_report() -> None:
    assert_removed("We use cookies to improve your experience, more details can be found.", "navigation.cookies",
                   where="tail")


@pytest.mark.parametrize("line", ["Retour en haut", "Terug naar boven", "Powrót do góry"])
def test_back_to_top_links_of_other_languages_are_removed(line: str) -> None:
    assert_removed(line, "navigation.top", where="tail")


def test_a_sentence_about_going_back_to_the_top_is_kept() -> None:
    assert_kept_anywhere("Retour en haut du classement pour Lyon, qui a battu Nantes 3-1 dimanche soir.")


@pytest.mark.parametrize("line, rule", [
    ("Schlagwörter: Straßenbahn, Flughafen, Stadtrat", "navigation.tags"), ("Mots-clés : budget, mairie", "navigation.tags"),
    ("Anmelden", "navigation.top"), ("Se connecter", "navigation.top"),
])
def test_tags_and_sign_in_links_of_other_languages_are_removed(line: str, rule: str) -> None:
    assert_removed(line, rule, where="tail")


def test_a_sentence_about_tags_or_signing_in_is_kept() -> None:
    assert_kept_anywhere("Schlagwörter wie Klimaschutz und Verkehrswende prägten den Wahlkampf der Grünen.")
    assert_kept_anywhere("Anmelden können sich Interessierte bis zum 15. März beim Bürgeramt, teilte die Stadt mit.")


# Trial 5: consent buttons and links, audio and video players' labels.
@pytest.mark.parametrize("line", ["Accept all", "Customise", "Your privacy choices",
                                  "Do Not Sell or Share My Personal Information", "Aceptar y continuar",
                                  "Continuer sans accepter"])
def test_consent_buttons_and_links_are_removed(line: str) -> None:
    assert_removed(line, "navigation.cookies")


@pytest.mark.parametrize("line", ["Listen · 4:32", "Artikel anhören • 4 Min",
                                  "Ascolta l'articolo", "Video Duration 02 minutes 31 seconds"])
def test_audio_and_video_player_labels_are_removed(line: str) -> None:
    assert_removed(line, "navigation.reading_time")


def test_listen_to_this_article_is_removed() -> None:
    assert_removed("Listen to this article · 5 min", "navigation.top")  # its "listen to this article" entry
    assert_removed("Écouter cet article · 4 min", "navigation.reading_time")


@pytest.mark.parametrize("sentence", [
    "Listen to the recordings and you will hear the pilot warn of the ice, the investigator said.",
    "Accept all the terms or lose the contract, the union was told.",
])
def test_sentences_opening_like_those_labels_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)
