"""newsletter.*: sign-up calls, their fine print, and the short lines of a sign-up box."""
from __future__ import annotations

import pytest

from .util import assert_kept, assert_kept_anywhere, assert_removed, assert_story_kept, clean, story


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our newsletter",
        "Sign up for the Morning Briefing newsletter and get the news delivered to your inbox.",
        "Subscribe to our daily newsletter for the latest headlines.",
        "Get the best of the news delivered straight to your inbox every morning.",
        "Want more stories like this? Sign up for our free weekly digest.",
        "Never miss a story: subscribe to our breaking news alerts.",
        "Don't miss out on the headlines from our politics team. Sign up to our daily email.",
        "Newsletter: The week in politics",
        "Subscribe now",
        "Already a subscriber?",
        "Stay up to date with our free newsletter, delivered every Friday to your inbox.",
        "Jetzt den Newsletter abonnieren",
        "Abonnez-vous à notre newsletter",
        "Suscríbete a nuestro boletín diario",
        "Подпишитесь на нашу рассылку",
        "Breaking News Emails",
        "Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.",
    ],
)
def test_signup_line_is_removed(line: str) -> None:
    assert_removed(line, "newsletter.signup", where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "You may unsubscribe at any time.",
        "By signing up, you agree to our Terms of Use and Privacy Policy.",
        "By clicking Sign Up, you confirm that you accept our terms and privacy notice.",
        "Emails may offer personalized content or ads.",
        "Thank you for signing up!",
        "Please enter a valid email address.",
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
        "Privacy Policy | Terms of Use",
    ],
)
def test_fine_print_is_removed(line: str) -> None:
    assert_removed(line, "newsletter.fine_print", where="tail")


def test_short_lines_inside_a_signup_box_go_with_it() -> None:
    block = "\n".join(["Sign up for our Morning Briefing newsletter", "Your email", "You may unsubscribe at any time."])
    article = clean(story(block, where="tail"))
    assert {r.rule for r in article.removals} >= {"newsletter.block"}
    assert "Your email" not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize(
    "sentence",
    [
        "Sign up for the draft closes Friday, officials said.",
        "Subscriptions to the paper's newsletter rose by 40 percent last year, the company said.",
        "The newspaper said 2 million people subscribe to its daily email briefing.",
        "Get ready for a cold weekend, forecasters warned, with snow expected in the north.",
        "Readers who signed up for the newsletter were sent a survey about the changes.",
        "Subscribers to the streaming service will pay $2 more a month from January.",
        "Join the protest, the union told members in an email sent on Monday night.",
        "Users can unsubscribe from the alerts, but few do, the study found.",
        "By signing the agreement, both countries accept the court's jurisdiction.",
        "Thank you for your service, the president told the veterans.",
        "Learn more about the candidates at the debate on Thursday.",
        "The parcels were delivered every morning by volunteers, the charity said, until the funding ran out.",
        "Meals were delivered every morning.",
    ],
)
def test_news_about_newsletters_and_subscriptions_is_kept(sentence: str) -> None:
    assert_kept(sentence)


@pytest.mark.parametrize(
    "line",
    [
        "Sign up to Down to Earth", "Free weekly newsletter", "Article réservé aux abonnés",
        "Thanks for reading The Margin! Subscribe for free to receive new posts and support my work.",
        "Sign up now and get a 10% discount (original price US$119.99).",
        "Cadastre-se e escolha quais newsletters gostaria de receber", "Ativar newsletters",
    ],
)
def test_other_publishers_signups_are_removed(line: str) -> None:
    assert_removed(line, "newsletter.signup")


@pytest.mark.parametrize(
    "line",
    [
        "Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties.",
        "Type your email…", "As a subscriber, you have 10 gift articles to give each month.",
    ],
)
def test_other_publishers_fine_print_is_removed(line: str) -> None:
    assert_removed(line, "newsletter.fine_print")


def test_the_blurb_of_a_tight_signup_box_goes_with_it() -> None:
    box = ("Sign up to Down to Earth\nThe planet's most important stories. Get all the week's environment news - "
           "the good, the bad and the essential\nYou can unsubscribe at any time.")
    article = clean(story(box))
    assert "most important stories" not in article.text
    assert_story_kept(article)


@pytest.mark.parametrize(
    "sentence",
    [
        "Sign up for the draft closes Friday, officials said.", "Sign up to vote by Oct. 9",
        "Sign up now, the coach told the players, or miss the season.",
        "Thanks for reading the report so closely, the judge told the lawyers.",
    ],
)
def test_sentences_like_other_signups_are_kept(sentence: str) -> None:
    assert_kept(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        'Like most of us, she checks the news alerts on her phone every morning.',
        'Scam emails sent to your inbox may look like they come from your bank, police warned.',
        'Never miss a dose: your daily pill works only if taken regularly, doctors warn.',
        'Register now to vote, the electoral commission urged on Monday.',
        '« Inscrivez-vous sur les listes électorales », a lancé le maire.',
        'Under the new law, you can opt out of data sharing.',
        "By clicking 'accept', users agree to share their data, the report found.",
        'By registering as donors, residents consent to their organs being used.',
        'Customers can unsubscribe at any time, the regulator said, under the new rules.',
        'Thank you for subscribing, the fake message said, before asking for bank details.',
        'Abonnieren Sie nichts, was Sie nicht brauchen, rät die Verbraucherzentrale.',
        'Inscrivez-vous avant le 1er mars pour voter, rappelle la préfecture.',
    ],
)
def test_newsletter_words_in_a_news_sentence_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ('By signing up, I agree to the Terms of Use and to receive emails from us.', 'newsletter.fine_print'),
        ('Love Tech World With Milan Newsletter? Tell your friends and get rewards.', 'newsletter.signup'),
        ("Sign up for our newsletter, with new stories added every morning to your inbox.", "newsletter.signup"),
        ("Choose an amount: $5 $10 $25 Other", "newsletter.appeal"),
        ("By clicking Accept, you agree to the storing of cookies on your device, according to our Privacy Policy.",
         "newsletter.fine_print"),
    ],
)
def test_newsletter_lines_the_page_speaks_are_still_removed(line: str, rule: str) -> None:
    assert_removed(line, rule, where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to continue reading", "This article is for subscribers only", "You have reached your free article limit",
        "Already a subscriber? Log in", "Sign in to read the full article", "Log in or subscribe to read more",
        "You have 2 free articles left this month", "Get unlimited access for just $1 a week",
        "Dieser Artikel ist nur für Abonnenten", "Cet article est réservé aux abonnés", "Conteúdo exclusivo para assinantes",
    ],
)
def test_paywall_prompt_is_removed(line: str) -> None:
    assert_removed(line, "newsletter.paywall", where="tail")


@pytest.mark.parametrize(
    "line",
    [
        "Support independent journalism", "Support the Guardian", "Donate now", "Become a member today",
        "If you value our reporting, please consider making a donation.", "Make a one-time contribution",
        "Our journalism is free for everyone. Will you chip in?", "Unterstützen Sie unabhängigen Journalismus",
        "Apoie o jornalismo independente",
    ],
)
def test_donation_appeal_is_removed(line: str) -> None:
    assert_removed(line, "newsletter.appeal", where="tail")


@pytest.mark.parametrize(
    "sentence",
    [
        "Subscribers who want to continue reading must pay $5 a month, the company said.",
        "Many readers subscribe to continue reading the paper in print.",
        "The charity said donations had fallen by a third since the crisis began.",
        "Support for the president fell to 39 percent in the latest poll.",
        "Supporters of the plan urged residents to donate to the fund.",
        "Make a contribution to the pension fund before April to get the tax relief, advisers say.",
        "Premium",  # a plan's name on a pricing page, as much as a paywall's label
        'Log in to access your tax account and check the figures before the January deadline.',
        'Register to get a free smoke alarm fitted by the fire brigade before the winter.',
        'Create an account to access the new portal, which opens on Monday.',
        "You've read the stories of families priced out of the city.",
        'Choose an amount you can afford to save each month and stick to it.',
        'Make a donation of shares to a charity and you pay no capital gains tax.',
        'If you rely on the trains to get to work, expect disruption on Monday when union members walk out.',
    ],
)
def test_news_about_paywalls_and_donations_is_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize("line", ["Jetzt für den Newsletter anmelden und keine Nachricht mehr verpassen.",
                                  "Schrijf je in voor onze nieuwsbrief en mis niets.",
                                  "Zapisz się do naszego newslettera!"])
def test_newsletter_prompts_in_german_dutch_and_polish(line: str) -> None:
    assert_removed(line, "newsletter.signup", where="tail")


@pytest.mark.parametrize("sentence", [
    "Wer sich für den Newsletter anmelden will, muss ab Mai zahlen, sagte der Verlag.",
    "Meld je aan bij de huisarts als je klachten hebt.",
    "Schrijf je in voor de cursus vóór 1 mei, zegt de gemeente.",
])
def test_sign_up_words_in_german_and_dutch_news_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)


@pytest.mark.parametrize("line", [
    "Want more stories like this? Subscribe to The Morning Brief.",
    "Melden Sie sich für unseren Newsletter an.",
    "Recibe cada mañana las noticias más importantes en tu correo",
    "Receba as principais notícias no seu e-mail",
])
def test_sign_up_prompts_without_the_usual_words_are_removed(line: str) -> None:
    assert_removed(line, "newsletter.signup", where="tail")


@pytest.mark.parametrize("sentence", [
    "Want more stories like this? Subscribe, the ad said, and readers did, the publisher reported.",
    "Recibe cada mañana cientos de mensajes en tu correo, explicó el alcalde, y no puede responderlos todos.",
    "Melden Sie sich für unseren Newsletter an, stand in der gefälschten E-Mail, warnte die Polizei.",
])
def test_the_same_words_reported_are_news(sentence: str) -> None:
    assert_kept_anywhere(sentence)


# Trial 5: other publishers' paywalls and sign-up boxes.
@pytest.mark.parametrize("line", [
    "You've read 3 of 5 free articles this month.", "This is a premium article.",
    "Only €1 for the first month. Cancel anytime.", "$2 a week. Cancel anytime.",
    "Il vous reste 72.31% de cet article à lire. La suite est réservée aux abonnés.",
    "この記事は有料記事です。残り1234文字",
])
def test_other_paywall_prompts_are_removed(line: str) -> None:
    assert_removed(line, "newsletter.paywall", where="tail")


@pytest.mark.parametrize("line", ["skip past newsletter promotion", "Iscriviti alla newsletter"])
def test_sign_up_box_links_are_removed(line: str) -> None:
    assert_removed(line, "newsletter.signup", where="tail")


@pytest.mark.parametrize("sentence", [
    "Iscriviti al registro entro il 30 giugno, prevede il decreto, oppure rischi una multa fino a 5.000 euro.",
    "You've read 3 of the 5 reports the agency released, and they all point the same way.",
    "This is a premium product, and its price reflects that, the chief executive said.",
    "Only €1 for the first month was the offer that drew 40,000 new subscribers, the publisher said.",
    "Il vous reste trois jours pour voter, rappelle la mairie.",
    # a story's prices and benefits, alone on their lines
    "$15.49 a month for Standard", "$22.99 a month for Premium", "£25 per week for young carers, up from £20.",
    "€300 a year for each family.", "Just £1 a week, the cost of the levy.", "This is a premium product.",
])
def test_sentences_like_those_prompts_are_kept(sentence: str) -> None:
    assert_kept_anywhere(sentence)
