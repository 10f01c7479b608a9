"""social.*: share bars, follow prompts, comment counters and the comment section."""
from __future__ import annotations

import pytest

from .util import TAIL, assert_kept, assert_kept_anywhere, assert_removed, assert_story_kept, clean, story


@pytest.mark.parametrize(
    "line",
    [
        "Share this article", "Facebook Twitter Email", "Share on Facebook", "Tweet",
        "FacebookTwitterLinkedInEmail", "Share | Tweet | Email | Print", "Facebook / Twitter / WhatsApp / Copy link",
        "Share on WhatsApp", "1,234 shares", "Compartir Facebook Twitter WhatsApp", "Teilen auf Facebook",
        "Partager sur Facebook",
    ],
)
def test_share_bar_is_removed(line: str) -> None:
    assert_removed(line, "social.share")


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Twitter", "Follow @Reuters on Twitter", "Like us on Facebook",
        "Follow NBC News on Facebook, Twitter and Instagram.", "Join us on Telegram",
        "Síguenos en Twitter", "Folgen Sie uns auf Instagram", "Suivez-nous sur Facebook", "@janedoe",
    ],
)
def test_follow_prompt_is_removed(line: str) -> None:
    assert_removed(line, "social.follow", where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "12 Comments", "Comments (3)", "Leave a Reply", "0 Comments", "View comments",
        "Your email address will not be published. Required fields are marked *",
        "Notify me of follow-up comments by email.", "Comments are closed.", "Cancel reply",
        "You must be logged in to post a comment.",
        "As you comment, please be respectful of other commenters and other viewpoints.",
        "O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *",
        "Ihre E-Mail-Adresse wird nicht veröffentlicht.",
        "5 comentarios", "Kommentare",
        "Loading comments...", "New, 15 comments", "2 comentários , ,", "Comente! , ,",
    ],
)
def test_comment_counter_is_removed(line: str) -> None:
    # Before the story, so that the counter does not open the comment section.
    assert_removed(line, "social.comment_count", where="head")


def test_everything_after_a_comment_heading_at_the_end_is_the_comment_section() -> None:
    comments = ["Leave a Reply", "John Smith says:", "November 19, 2019 at 7:52 am",
                "This is the worst budget I have seen in thirty years of paying council tax here.",
                "Anna K. says:", "Totally agree with you, John."]
    article = clean(story(*comments, where="tail"))
    assert "social.comment_section" in {r.rule for r in article.removals}
    for line in comments:
        assert line not in article.text
    assert_story_kept(article)


def test_a_comment_heading_early_in_the_text_does_not_cut_the_story() -> None:
    article = clean(story("Comments", where="head"))
    assert_story_kept(article)
    assert article.text.endswith(TAIL[-1])


@pytest.mark.parametrize(
    "sentence",
    [
        "Facebook and Twitter removed the accounts on Tuesday, the companies said.",
        "Share prices fell 3 percent in early trading.",
        "Follow the money, investigators told the committee on Tuesday.",
        "Follow us, the protesters chanted as they marched towards parliament.",
        "Like us, the French have struggled with high inflation.",
        "Comments by the minister angered opposition lawmakers.",
        "The post was shared 12,000 times on Facebook before it was removed.",
        "She posted the video on Instagram, Twitter and TikTok within minutes.",
        "Email and text messages were sent to all residents of the affected streets.",
        "Loading comments took minutes, users said.",
        "New, 15 comments were posted before the thread closed.",
    ],
)
def test_news_about_social_networks_is_kept(sentence: str) -> None:
    assert_kept(sentence)


def test_a_discussion_heading_in_the_story_keeps_what_follows() -> None:
    last = "The researchers said the findings should be confirmed in a larger trial next year."
    article = assert_kept("Discussion", last, where="tail")
    assert article.text.endswith(last)


def test_a_control_under_every_post_is_no_comment_section_heading() -> None:
    """Q&A pages put "Add a comment" under the question and under each answer: the answers are the page."""
    question = ["Why is a bare except clause considered bad practice in Python code?",
                "I often see reviewers object to it, but my script only needs to keep running when a call fails.",
                "Add a comment"]
    answers = ["3 Answers", "A bare except also catches KeyboardInterrupt and SystemExit, so the program cannot be stopped.",
               "It hides programming errors such as a misspelt name, which then fail silently much later.",
               "Add a comment",
               "Catch the exceptions you expect, and log anything else before you decide to continue.",
               "Add a comment"]
    article = clean("\n\n".join(question + answers))
    assert "social.comment_section" not in {r.rule for r in article.removals}
    for line in answers[1:3] + answers[4:5]:
        assert line in article.text
    once = clean(story("Add a comment", "A reader's comment that comes after the story ends.", where="tail"))
    assert "social.comment_section" in {r.rule for r in once.removals}  # once, it still opens the section
    replies = ["admin says:", "September 12, 2018 at 4:47 pm", "Comments are moderated; be kind.",
               "Milan says:", "September 12, 2018 at 5:02 pm", "Great piece, thanks.",
               "admin says:", "September 12, 2018 at 6:10 pm", "Thank you, Milan.",
               "admin says:", "September 13, 2018 at 9:00 am", "Because of the vote."]
    answered = clean(story(*replies, where="tail"))  # a header repeated by the answering author
    assert "social.comment_section" in {r.rule for r in answered.removals}
    assert not any(line in answered.text for line in replies)


def test_readers_comment_headers_open_the_comment_section() -> None:
    comments = ["Milan Griffes on September 12, 2018 at 4:47 pm said:",
                "Any update on how the follow-up paper will affect the recommendation for next year?",
                "Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:", "Hi Milan,",
                "We have not yet reviewed the paper, but plan to consider it in our year-end review."]
    article = clean(story(*comments, where="tail"))
    assert "social.comment_section" in {r.rule for r in article.removals}
    for line in comments:
        assert line not in article.text
    assert_story_kept(article)


def test_a_count_naming_the_post_opens_the_comment_section() -> None:
    comments = ["6 thoughts on “Council approves new budget”",
                "When I started out, I thought the council would never agree to anything like this.",
                "Great article, thanks for writing it."]
    article = clean(story(*comments, where="tail"))
    assert [r.rule for r in article.removals] == ["social.comment_section"]
    assert_story_kept(article)


def test_one_quoted_speaker_line_late_in_the_story_is_not_a_comment_header() -> None:
    assert_kept("The mayor said:", "“We will review the budget again in the autumn, as promised.”", where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "Share this with Facebook", "Copiar enlace", "Compartilhe", "Give this article", "Share Obituary",
        "Vous pouvez partager un article en cliquant sur les icônes de partage en haut à droite de celui-ci.",
        "Did you make this recipe? Tag @bakingwithbeth on Instagram and hashtag it #bakingwithbeth",
        "1.4K Followers",
    ],
)
def test_other_publishers_share_bars_are_removed(line: str) -> None:
    assert_removed(line, "social.share")


@pytest.mark.parametrize(
    "line",
    [
        "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
        "Подписывайтесь на РИА Новости в Telegram", "Takip Et", "Follow",
        "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
    ],
)
def test_other_publishers_follow_prompts_are_removed(line: str) -> None:
    assert_removed(line, "social.follow")


def test_a_wordpress_reply_form_opens_the_comment_section() -> None:
    article = clean(story("Leave a Reply Cancel reply", "Name *", "Post Comment", where="tail"))
    assert "Post Comment" not in article.text and "Name" not in article.text.split("\n\n")[-1]
    assert_story_kept(article)


@pytest.mark.parametrize(
    "sentence",
    [
        "Did you make the team? Coaches will post the list on Friday.",
        "Chat with us, the hotline's volunteers urged callers, and you will not be judged.",
        "Follow the money, and you'll see why this matters, the senator said.",
    ],
)
def test_sentences_like_other_social_prompts_are_kept(sentence: str) -> None:
    assert_kept(sentence)


def test_a_last_sentence_that_opens_with_a_comment_count_is_story() -> None:
    last = "15 comments, mostly angry, followed the post."
    article = assert_kept(last, where="tail")
    assert article.text.endswith(last)
    assert_removed("12 Comments", "social.comment_section", where="tail")  # the count alone opens the section


def test_a_count_of_replies_by_named_readers_opens_the_comment_section() -> None:
    thread = ["2 replies by Jane Doe and others", "Jeff Bowers",
              "I think the field makes strong claims too often, and rarely tests them."]
    article = clean(story(*thread, where="tail"))
    assert "social.comment_section" in {r.rule for r in article.removals}
    assert not any(line in article.text for line in thread)
    assert_story_kept(article)


@pytest.mark.parametrize(
    "sentence",
    [
        'Like many teenagers on TikTok, she began posting dance videos in 2019.',
        'Connect with us, the president told young voters in Lagos.',
        'Síguenos en la calle, gritaban los manifestantes.',
        'Dapatkan informasi lengkap di kantor kelurahan setempat, kata lurah.',
        "Comments have been disabled on the mayor's posts, her office said.",
        '312 comments on the draft plan were submitted by residents.',
        '850 responses to the survey came from parents.',
        '312 comments on the draft plan were submitted by residents, most of them "strongly opposed."',
        '312 comments on the draft plan were submitted by residents. Were they heard?',
    ],
)
def test_social_words_in_a_news_sentence_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    "line",
    [
        "Download the BBC News app", "Get the CNN app for iOS and Android", "Download our app for the latest news",
        "Get it on Google Play", "Available on the App Store and Google Play", "Jetzt die App herunterladen",
        "Téléchargez l'application", "Descarga la app", "Uygulamamızı indirin",
    ],
)
def test_app_prompt_is_removed(line: str) -> None:
    assert_removed(line, "social.app", where="tail")


@pytest.mark.parametrize(
    "sentence",
    [
        "Downloads of the app rose 40 percent after the update, the company said.",
        "Download the application form from the council website and return it by May 1.",
        "The app store removed the game after complaints from parents.",
        "Get the facts before you vote, the commission urged.",
        'Install the app on an older phone and it crashes within minutes.',
        'Download the app and you will find that most features require a paid subscription.',
        'Try the new app for a week and the battery drain becomes obvious.',
    ],
)
def test_news_about_apps_is_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Be the first to comment", "social.comment_count"), ("Load more comments", "social.comment_count"),
        ("Commentaires", "social.comment_count"), ("Sort by: Newest", "social.comment_count"),
        ("Link copied!", "social.share"), ("Share 1.2K", "social.share"), ("공유하기", "social.share"),
        ("Follow The Hindu on WhatsApp", "social.follow"),
        ("For the latest news, follow us on Google News", "social.follow"),
        ("Stay updated – follow us on LinkedIn", "social.follow"),
        ("Get the latest news on our Telegram channel", "social.follow"),
        ("Bizi Twitter'da takip edin", "social.follow"),
    ],
)
def test_other_publishers_social_widgets_are_removed(line: str, rule: str) -> None:
    assert_removed(line, rule, where="tail")


@pytest.mark.parametrize(
    "line",
    ["Sign in with Google", "Log in with Facebook", "Log in with VK", "Continue with Apple", "Sign-in with LinkedIn",
     "Connect with Twitter", "Mit Google anmelden", "Se connecter avec Facebook", "Iniciar sesión con Google",
     "Masuk dengan Google", "Войти через Google"],
)
def test_social_sign_in_button_is_removed(line: str) -> None:
    assert_removed(line, "social.login", where="tail")


@pytest.mark.parametrize(
    "sentence",
    [
        "Sign in with Google became the default for 40 percent of users, the survey found.",
        "Log in with Facebook and the app shares your contacts, the regulator warned.",
        "Continue with Apple's plan, the board told its managers.",
    ],
)
def test_a_sentence_about_signing_in_is_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize("where", ["middle", "tail"])
def test_quotes_introduced_by_said_and_wrote_are_no_comment_section(where: str) -> None:
    """A comment header is a name (and a date after "on") before "says:"; a sentence that
    introduces a quote, commas and all, is story."""
    for lines in [("In a letter dated March 1, Jensen wrote:", '"The budget protects the services residents rely on most."',
                   "On March 2, the opposition leader said:", '"This is a budget built on wishful thinking."'),
                  ("The opposition leader on March 2, 2019 said:", '"This is a budget built on wishful thinking."',
                   "The mayor on March 5, 2019 wrote:", '"We will not back down."')]:
        article = clean(story(*lines, where=where))
        assert article.removals == [], [(r.rule, r.text) for r in article.removals]


@pytest.mark.parametrize("line", ["Entrar com o Google", "Inloggen met Google", "Zaloguj się przez Facebook",
                                  "Войти с помощью Яндекс ID"])
def test_sign_in_buttons_of_other_languages(line: str) -> None:
    assert_removed(line, "social.login", where="tail")


@pytest.mark.parametrize("line", ["Auf Facebook teilen", "Per E-Mail teilen", "Partager sur Facebook",
                                  "Compartir en WhatsApp", "Condividi su Facebook", "Delen op LinkedIn"])
def test_share_buttons_of_other_languages(line: str) -> None:
    assert_removed(line, "social.share", where="tail")


def test_a_sentence_about_sharing_on_facebook_in_german_is_kept() -> None:
    assert_kept_anywhere("Auf Facebook teilen viele Nutzer Falschmeldungen, ohne sie zu lesen, sagte die Ministerin.")


@pytest.mark.parametrize("line", ["Teilen Sie diesen Artikel", "Partagez cet article", "Compartilhe esta notícia",
                                  "Deel dit artikel", "Condividi questo articolo", "この記事をシェアする"])
def test_share_prompts_of_other_languages_are_removed(line: str) -> None:
    assert_removed(line, "social.share", where="tail")


def test_a_sentence_asking_readers_to_share_a_story_is_kept_when_reported() -> None:
    assert_kept_anywhere("Partagez cet article, a demandé la préfecture, qui cherche des témoins de l'accident.")


@pytest.mark.parametrize("line, rule", [
    ("Already have an account? Sign in", "social.login"), ("Déjà abonné ? Se connecter", "social.login"),
    ("Kommentare (23)", "social.comment_count"), ("Commentaires (4)", "social.comment_count"),
    ("Réagir", "social.comment_count"),
])
def test_sign_in_prompts_and_comment_counters_of_other_languages_are_removed(line: str, rule: str) -> None:
    assert_removed(line, rule, where="tail")


@pytest.mark.parametrize("sentence", [
    "Already have an account? Sign in, the email said, and thousands of customers did, the bank admitted.",
    "Kommentare (23) und Leserbriefe zum Thema füllten am Montag zwei ganze Seiten der Zeitung.",
    "Réagir vite est essentiel, a rappelé le préfet lors de sa conférence de presse.",
])
def test_sentences_with_those_words_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


# Trial 5: comment prompts of other publishers.
@pytest.mark.parametrize("line", ["Read 214 Comments", "Join our commenting forum",
                                  "The comments below have not been moderated."])
def test_other_comment_prompts_are_removed(line: str) -> None:
    assert_removed(line, "social.comment_count", where="middle")


def test_a_sentence_about_reading_comments_is_kept() -> None:
    assert_kept_anywhere("Read 214 comments from residents before the council voted, the mayor said.")
    assert_kept_anywhere("Join the comments section of the council's website, residents were told.")
