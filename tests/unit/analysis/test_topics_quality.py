"""Topic precision: weak and shortened keywords, headline-only items, and the figures on the
labelled articles of ../shared/corpus (skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.analysis.enrich import masked_body
from search.analysis.tokens import text_analyzer
from search.analysis.topics.assign import TopicScorer
from search.analysis.topics.taxonomy import load_taxonomy
from search.corpus.loader import build_articles, read_file
from tests.benchmarks.topic_labels import CORPUS, Scored, figures, scored_articles

TAXONOMY = load_taxonomy()
SEEDS = Path(__file__).resolve().parents[3] / "seeds"
ANALYZER = text_analyzer()
SCORER = TopicScorer(TAXONOMY, lambda text: [t.text for t in ANALYZER(text)])


def topics(title: str, body: str) -> list[str]:
    return [t for t, _ in SCORER.score(title, body)]


def areas(title: str, body: str) -> set[str]:
    return {TAXONOMY[t].area for t in topics(title, body)}


def test_a_loan_is_no_football() -> None:
    body = "The oil group said the unit faces a loan claim of $900m from a consortium of banks. " * 2
    assert "sport" not in areas("Oil unit faces loan claim", body)


def test_common_words_never_add_a_sport_topic() -> None:
    body = (
        "The company hopes to win the contract this season and lift its profits. "
        "Players in the market expect the final offer to be a victory for the team "
        "that holds the title to the land, and the game goes on."
    )
    assert areas("Firm eyes contract win", body) == {"economy"}
    assert "sport" in areas("Striker joins club", "The striker signed for the club after the league match.")


def test_a_story_about_a_clubs_finances_is_no_football() -> None:
    body = (
        "Shares in Northbridge United rose after the football club said a US investor had offered "
        "to buy it. The Premiership side's board said it would study the takeover offer, and the "
        "deal would value the club at 800m pounds. Fans of Northbridge United oppose the bid."
    )
    assert topics("Investor bids for football club", body)[0] == "economy.mergers"
    assert "sport" not in areas("Investor bids for football club", body)
    report = (
        "Northbridge United beat Chelsea 2-1 in the Premiership. The striker scored after half-time "
        "and the goalkeeper saved a penalty before the referee blew for full time."
    )
    assert topics("Northbridge United 2-1 Chelsea", report)[0] == "sport.football"


def test_a_story_on_club_names_alone_is_led_by_what_happened() -> None:
    """Names say who took part: a first topic standing on them alone (no keyword of its own or its
    area's) yields the lead to another area's topic standing on keywords of its own. "League" is
    as often a table of schools or an alliance: support only (here it is one of the names)."""
    listing = (
        "Chelsea may seek a listing for its shares on the stock exchange, the football club's "
        "vice-chairman said. TV coverage of the Premiership and the Premier League, the world's "
        "leading league competition, may be reaching saturation, he added, and Arsenal and Rangers "
        "draw big crowds."
    )
    assert topics("Chelsea may seek share listing", listing) == ["economy.stock_markets"]
    bigots = (
        "The justice minister warned bigoted soccer fans that sectarian abuse at Celtic and Rangers "
        "matches will not be tolerated. Sectarianism is not confined to football, she said. Both "
        "Celtic and Rangers football clubs are working with the executive."
    )
    assert topics("Minister warns bigots", bigots) == ["rights.equality"]
    # A topic that only just passes (one word in passing: court, police) does not take the lead.
    stays = (
        "The Northbridge United manager will stay at the Premiership club, ending talk of a move to "
        "Chelsea or Rangers. He was cleared by a disciplinary panel and will not face a court "
        "hearing, the police said."
    )
    assert topics("Manager to stay at Northbridge United", stays) == ["sport.football", "law"]
    # The area's own words count for its topics: a squad and a coach are sport, whoever's.
    squad = (
        "Liverpool's chief executive said the squad and its coach were ready for the Premiership. A "
        "takeover bid for the club by an investor, and a merger of its shares, were not discussed, "
        "he said, though Chelsea and Arsenal had been bought."
    )
    assert topics("Liverpool chief relishes challenge", squad)[0] == "sport.football"
    # Names yield to words, never to other names.
    ground = (
        "Chelsea and Arsenal may share a ground, the Premiership clubs said, and the football "
        "grounds would host rugby too: Twickenham and the Six Nations were named in the plan."
    )
    assert topics("Chelsea and Arsenal to share ground", ground) == ["sport.football", "sport.rugby"]
    # A topic with a word of its own keeps the lead ("striker"), and so does one on names far
    # stronger than the other (under 40% of its score).
    striker = (
        "The striker joined Chelsea from Arsenal, the Premiership clubs said. The club may seek a "
        "listing for its shares on the stock exchange."
    )
    assert topics("Striker joins Chelsea", striker)[0] == "sport.football"
    roll = (
        "Chelsea, Arsenal, Rangers, Celtic, Everton, Tottenham, Newcastle and Liverpool: the "
        "Premiership, the Premier League, the FA Cup, Uefa, Fifa and the Champions League in football "
        "and soccer. Chelsea may seek a listing for its shares on the stock exchange."
    )
    assert topics("Chelsea, Arsenal, Rangers, Celtic and Liverpool", roll) == ["sport.football"]


def test_the_words_of_play_make_a_match_report_sport() -> None:
    """Positions, rounds and the laws of each game are sport's own words."""
    reports = {
        "sport.rugby": (
            "Borders 19-20 Ulster",
            "Ulster led 20-6 with tries from the centre and the full-back. Borders' flanker was "
            "sin-binned and the hosts lost a lineout near the line.",
        ),
        "sport.tennis": (
            "Seed slumps in Dubai",
            "The second seed lost a tie-break in the first set and faced break point in the "
            "second. His opponent served a double fault on match point.",
        ),
        "sport.football": (
            "Hereford 1-1 Doncaster",
            "Hereford equalised with a free-kick in injury time after an own goal. The visitors' "
            "defender was shown a red card.",
        ),
    }
    for topic, (title, body) in reports.items():
        assert topics(title, body)[0] == topic, title


def test_a_topic_of_the_first_topics_area_needs_a_share_of_its_score() -> None:
    """Retail sales are Consumer spending: "sales" is also a company sale's word, but a passing
    one here. A topic of the same area with a real share of the score stays."""
    sales = (
        "Retail sales rose 1.2% in December, the statistics office said, as shoppers spent more in "
        "the run-up to Christmas. Consumer spending and sales of clothing and household goods grew, "
        "and sales in department stores rose. Retail sales were up 4% on a year earlier, with "
        "sales at supermarkets strong, and economists said the economy would grow."
    )
    # (the area itself stays: it is what the first topic is part of)
    assert topics("Retail sales rise", sales) == ["economy.consumer_spending", "economy"]
    takeover = (
        "The retailer agreed to a takeover by a rival in a deal worth 2bn pounds. The merger "
        "comes after its retail sales fell and consumer spending slowed over Christmas."
    )
    assert topics("Retailer agrees takeover", takeover) == ["economy.consumer_spending", "economy.mergers"]
    # The share is of the first topic's score without names: a doping ban is what the story is about.
    ban = (
        "The IAAF suspended two Olympic sprinters after they missed a drugs test. The athletics body "
        "said the Olympic champion and the 200m runner, who won Olympic medals in Athens, face a "
        "doping ban. The athletics world record holder was not involved; the IAAF, the Olympic "
        "committee and athletics officials met."
    )
    assert topics("Sprinters suspended by IAAF", ban) == ["sport.athletics", "sport.doping"]
    # Another area's topics stay with their area: Defence spending beside Defence on the summit seed.
    (seed,) = build_articles(read_file(SEEDS, next(SEEDS.glob("000_*.txt")).name))
    assert {"defence", "defence.spending"} <= set(topics(seed.title, masked_body(seed)))


def test_reserves_are_a_countrys_money_or_oil_in_the_ground_by_their_other_words() -> None:
    """ "Reserves" alone has both senses: it is support only, for oil and for money alike."""
    money = "Italy's net official reserves fell to 40 billion dollars in May from 42 billion in April."
    assert topics("Italian net official reserves fall in May", money) == ["economy.money_supply"]
    oil = "The company said its proven oil reserves rose 5% in 1986 despite higher output."
    assert topics("Oil reserves rise", oil)[0] == "energy.oil_gas"
    assert "energy" not in areas("Danish reserves rise", "Denmark's reserves rose 10.5 billion crowns.")


def test_a_word_in_a_company_name_is_no_sport() -> None:
    assert "sport" not in areas(
        "CHAMPION PRODUCTS SETS PAY DATE FOR SPLIT",
        "Champion Products Inc said the stock split will be payable to holders of record.",
    )
    assert "sport" not in areas(
        "MARATHON CORP GETS LICENSE TRANSFER",
        "Marathon Corp said regulators approved the transfer of its licence, and it got a loan.",
    )


def test_a_drug_test_is_doping_only_in_a_sporting_story() -> None:
    work = (
        "The bank said it gives drug tests to all employees who handle client funds. Staff who "
        "fail a second drug test are dismissed, and the union said workers were not consulted."
    )
    assert "sport" not in areas("Bank defends employee drug testing", work)
    race = (
        "The sprinter failed a drugs test after the race and faces a two-year ban. The athletics "
        "federation said the drug test was taken at the indoor championship."
    )
    assert "sport.doping" in topics("Sprinter fails drug test", race)


def test_sport_in_a_video_game_a_school_or_a_bet_is_that_topic() -> None:
    """Sport defers to Video games, Schools and Gambling where they stand on their own keywords
    and are a topic of the article (40% of the first topic's score)."""
    game = (
        "The football management game lets gamers pick a squad from the Premiership, set tactics "
        "for the league and cup, and buy a striker in the transfer window. The graphics are sharp "
        "and the gameplay on the PC is deep; some players will spend the whole season on it."
    )
    assert topics("New football game tops the charts", game)[0] == "technology.games"
    assert "sport" not in areas("New football game tops the charts", game)
    lessons = (
        "Every pupil would get two hours of sport a week under the plan. Schools would share "
        "playing fields with local clubs, and teachers would be trained to coach football and "
        "netball, the party said, to raise the next generation of sport champions."
    )
    assert areas("Party pledges free sports lessons", lessons) == {"education"}
    betting = (
        "Betting on the league match reached a record, bookmakers said, as punters backed the home "
        "team to win the championship. The gambling industry expects the cup final to beat it."
    )
    assert topics("Bookmakers take record bets on the derby", betting) == ["culture.gambling"]
    report = (
        "The striker scored twice and the goalkeeper saved a penalty as United beat City in the "
        "league. The midfielder set up the first goal before half-time, and the winger hit the post "
        "after the break. The coach said his squad had earned the win and the referee had a good game."
    )
    assert areas("United beat City in derby", report) == {"sport"}
    # A passing mention is no frame: it has less than 40% of the report's score.
    mention = f"{report} Bookmakers said betting on the derby was at a record."
    assert areas("United beat City in derby", mention) == {"sport"}


def test_a_name_scores_only_where_its_area_leads() -> None:
    """A TV poll won by an Olympic sprinter is about television: outside the lead area the name
    ("Olympic") adds nothing, and the sport words left are a passing mention. A sport topic still
    stays beside another area's on sport words of its own, and leads a report on names."""
    title = "Viewers pick the year's best TV moment"
    poll = (
        "A sprinter's Olympic gold medal was voted the top television moment of the year by viewers "
        "in a poll. Her Olympic win beat soaps, comedies and dramas, and the winners will be shown on "
        "television on Friday."
    )
    assert topics(title, poll) == ["media.television", "media"]
    words = (
        "A sprinter's world record was voted the top television moment of the year by viewers in a "
        "poll. The sprinter and her medal beat soaps, comedies and dramas, and the winners will be "
        "shown on television on Friday."
    )
    assert topics(title, words) == ["media.television", "media", "sport.athletics"]
    report = "The sprinter won the Olympic 100m final, and her Olympic medal is Britain's first."
    assert topics("Sprinter wins Olympic gold", report) == ["sport.athletics"]


def test_a_game_that_names_clubs_is_a_video_game() -> None:
    """Sport defers to Video games measured on the first topic's own words: club and league names
    say who is in the game, not that a match was played."""
    review = (
        "The new football management game on PC lets you run Chelsea, Arsenal or Barcelona. Pick a "
        "club in the Premiership, sign players, set the team's tactics for the league and watch each "
        "match. Football fans will love it: the football database is huge, and the gameplay has "
        "improved, though the game can be slow. Real Madrid, Celtic and Rangers are there too."
    )
    assert topics("Management sim scores again", review) == ["technology.games"]


def test_a_headline_alone_gets_its_topic() -> None:
    assert topics("Group extends expiry of its merger proposal", "") == ["economy.mergers"]
    assert topics("Bank cuts prime rate to 9.25 pct", "")[0] == "economy.interest_rates"
    assert topics("RIVERTON TO BUY MILLBANK UNIT", "Riverton Corp said it would buy the unit.") == [
        "economy.mergers"
    ]


def test_a_short_item_with_one_keyword_gets_that_topic() -> None:
    body = "The number of rotary rigs drilling in the United States rose by 14 this week, a company said."
    assert topics("U.S. RIG COUNT RISES TO 752", body) == ["energy.oil_gas"]


@pytest.fixture(scope="module")
def labelled() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="module")
def scored(labelled: Path) -> list[Scored]:
    return list(scored_articles(labelled, TAXONOMY))


def test_figures_on_the_labelled_corpus(scored: list[Scored]) -> None:
    """Floors at the figures reached (targets in issue 15: 0.85, 0.9, no sport, 2% untopiced)."""
    f = figures(iter(scored), TAXONOMY)
    assert f.labelled > 2_000 and f.bbc > 1_900
    assert f.first_agrees / f.labelled >= 0.85
    assert f.bbc_first_in_desk / f.bbc >= 0.90
    assert f.sport_on_non_sport == 0
    assert f.without_topic / f.articles <= 0.02


def test_the_articles_named_in_issue_15(scored: list[Scored]) -> None:
    """The real articles the issue named, found by their headlines: each kind is there, and none
    has the topic it used to get."""

    def titled(pattern: str) -> list[Scored]:
        found = [a for a in scored if re.search(pattern, a.title, re.IGNORECASE)]
        assert found, pattern
        return found

    def area_of(topics: list[str]) -> set[str]:
        return {TAXONOMY[t].area for t in topics}

    for pattern in (r"\bloans?\b", r"oscar|\bmtv\b|box office|video game|academy award"):
        assert [a.title for a in titled(pattern) if "sport" in area_of(a.topics)] == [], pattern
    for a in titled(r"fed adds reserves"):  # got Oil and gas
        assert a.topics[0] == "economy.interest_rates" and "energy" not in area_of(a.topics), a.title
    for a in titled(r"prime rate"):  # got Television
        assert a.topics[0] == "economy.interest_rates" and "media" not in area_of(a.topics), a.title
    for a in titled(r"retail sales"):  # got Mergers
        assert a.topics[0] == "economy.consumer_spending" and "economy.mergers" not in a.topics, a.title
    for a in titled(r"rig count"):  # got nothing
        assert "energy" in area_of(a.topics), a.title
