"""Build a deterministic corpus of varied synthetic news articles (JSON Lines) for the benchmarks.

Articles are recombined from sentence templates with varied people, organisations, places, dates,
numbers and event verbs, so no two articles are alike; the same seed always gives the same corpus.
News sentences (events, quotes, dates) are mixed with background sentences (context, analysis,
colour) as in real reporting: with the defaults an article has about 700 words (~850 spaCy tokens)
and about the extraction density of the seed article in data/ (~2.8 triples per word), the kind
of article the issue's spaCy figure (~7 articles/s per core) was measured on.
Run: python -m benchmarks.corpus OUT.jsonl --articles 2000
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

PEOPLE = [
    ("President", "Recep Tayyip Erdogan", "Turkey"), ("President", "Vladimir Putin", "Russia"),
    ("President", "Hassan Rouhani", "Iran"), ("President", "Bashar al-Assad", "Syria"),
    ("Prime Minister", "Boris Johnson", "Britain"), ("Chancellor", "Angela Merkel", "Germany"),
    ("President", "Emmanuel Macron", "France"), ("Foreign Minister", "Sergei Lavrov", "Russia"),
    ("Secretary of State", "Mike Pompeo", "the United States"),
    ("Prime Minister", "Imran Khan", "Pakistan"), ("President", "Cyril Ramaphosa", "South Africa"),
    ("Prime Minister", "Abiy Ahmed", "Ethiopia"), ("President", "Muhammadu Buhari", "Nigeria"),
    ("Defence Minister", "Hulusi Akar", "Turkey"),
    ("Foreign Minister", "Mohammad Javad Zarif", "Iran"),
    ("President", "Andres Manuel Lopez Obrador", "Mexico"),
    ("President", "Jair Bolsonaro", "Brazil"),
    ("Prime Minister", "Narendra Modi", "India"), ("President", "Moon Jae-in", "South Korea"),
    ("Prime Minister", "Scott Morrison", "Australia"),
]
ORGS = [
    "the United Nations", "the Syrian Observatory for Human Rights", "the Red Cross",
    "NATO", "the European Union", "the African Union", "Amnesty International",
    "Human Rights Watch", "the World Health Organization", "the Arab League",
    "Reuters", "the Associated Press", "Doctors Without Borders", "the World Bank",
]
ARMED = [
    "Hayat Tahrir al-Sham", "the Islamic State group", "Al-Shabaab", "Boko Haram",
    "the Taliban", "rebel fighters", "government forces", "pro-government militias",
    "the Kurdish-led Syrian Democratic Forces", "security forces",
]
PLACES = [
    ("Idlib", "Syria"), ("Aleppo", "Syria"), ("Damascus", "Syria"), ("Ankara", "Turkey"),
    ("Istanbul", "Turkey"), ("Moscow", "Russia"), ("Tehran", "Iran"), ("Baghdad", "Iraq"),
    ("Mosul", "Iraq"), ("Kabul", "Afghanistan"), ("Kandahar", "Afghanistan"),
    ("Mogadishu", "Somalia"), ("Maiduguri", "Nigeria"), ("Tripoli", "Libya"),
    ("Benghazi", "Libya"), ("Sanaa", "Yemen"), ("Aden", "Yemen"), ("Beirut", "Lebanon"),
    ("Khartoum", "Sudan"), ("Addis Ababa", "Ethiopia"), ("Caracas", "Venezuela"),
    ("Kiev", "Ukraine"), ("Donetsk", "Ukraine"), ("Gaza", "Palestine"), ("Cairo", "Egypt"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
           "15", "20", "23", "31", "40", "dozens of"]
ATTACKS = ["An airstrike hit", "Shelling struck", "A car bomb exploded in", "Gunmen attacked",
           "A drone strike hit", "Rockets fell on"]
TALK_VERBS = ["said", "told reporters", "announced", "warned", "stated"]

TEMPLATES = [
    "{attack} a market in {city} on {weekday}, killing {n} civilians and wounding {m} others, "
    "{org} said.",
    "{title} {person} met his counterpart in {city} on {day} to discuss the crisis in {country}.",
    "\"We will not allow {armed} to threaten our borders,\" {person} {talk} on {weekday}.",
    "{armed} withdrew from {city} early on {weekday} as {armed2} pressed an offensive.",
    "{org} condemned the attack and called on all parties to respect the ceasefire.",
    "{person} said {country2} would send humanitarian aid to {city} next week.",
    "Protesters gathered in {city} on {day} to demand the release of {n} detained journalists.",
    "The talks in {city} ended without agreement on {day}, officials said.",
    "{armed} seized control of {n} villages near {city} last month, according to {org}.",
    "In {year}, more than {n} thousand people fled {city} after heavy fighting.",
    "{title} {person} accused {country2} of violating the agreement signed in {month} {year}.",
    "Police arrested {n} suspects in {city} on {weekday} in connection with the bombing.",
    "The ministry said {n} soldiers were killed and {m} were wounded in clashes near {city}.",
    "{country2} and {country} agreed on {day} to resume negotiations in {city2}.",
    "{org} reported that {n} hospitals in {city} had been damaged since {month}.",
    "Troops were deployed to {city} on {weekday} after {armed} fired rockets at the airport.",
    "\"The situation in {city} is catastrophic,\" a spokesman for {org} told reporters.",
    "{person} is expected to visit {city2} on {day} for a summit with regional leaders.",
    "Residents of {city} said the electricity had been cut for {n} days.",
    "The United Nations Security Council will meet on {weekday} to discuss the violence in "
    "{country}.",
]

BACKGROUND = [
    "The conflict has displaced millions of people and left much of the country's "
    "infrastructure in ruins.",
    "Analysts say the latest fighting could further complicate diplomatic efforts to end the war.",
    "The area has seen repeated waves of violence over the past decade, with control of the "
    "main roads changing hands several times.",
    "Aid agencies have long warned that food, fuel and medicine are running short.",
    "It was not immediately clear how many people remained in the area.",
    "The economy of {country} has been hit hard by sanctions, corruption and a collapsing "
    "currency.",
    "Many families have been living in tents and unfinished buildings on the outskirts of "
    "{city}.",
    "Schools in the area have remained closed, and most shops have shut their doors.",
    "The road linking {city} to {city2} is a vital supply route for both sides.",
    "Diplomats expect little progress until the main parties agree on who should take part "
    "in the talks.",
    "The government has repeatedly denied targeting civilian areas and blames its opponents "
    "for the suffering of the population.",
    "Local doctors describe a health system stretched well beyond its limits, with too few "
    "beds and almost no specialists left.",
    "Fighters on both sides are dug into positions along a front line that has barely moved "
    "in recent weeks.",
    "The crisis has also strained relations between the regional powers that back rival "
    "factions.",
    "Much of the old city centre, once a busy market district, now lies in rubble.",
    "Human rights groups say both sides may have committed war crimes, a charge they deny.",
    "The region was home to about {n} hundred thousand people before the war, according to "
    "local estimates.",
    "Farmers have been unable to harvest their crops, and the price of bread has more than "
    "doubled.",
    "Independent verification of casualty figures is difficult because access for journalists "
    "is restricted.",
    "The border crossing near {city} is the only route for aid convoys into the area.",
]


def _sentence(rng: random.Random, published: date, background: float) -> str:
    title, person, _home = rng.choice(PEOPLE)
    city, country = rng.choice(PLACES)
    city2, country2 = rng.choice(PLACES)
    day = published - timedelta(days=rng.randint(0, 20))
    armed, armed2 = rng.sample(ARMED, 2)
    templates = BACKGROUND if rng.random() < background else TEMPLATES
    text = rng.choice(templates).format(
        attack=rng.choice(ATTACKS), city=city, city2=city2, country=country, country2=country2,
        weekday=rng.choice(WEEKDAYS), n=rng.choice(NUMBERS), m=rng.choice(NUMBERS),
        org=rng.choice(ORGS), title=title, person=person, armed=armed, armed2=armed2,
        talk=rng.choice(TALK_VERBS), day=f"{day.day} {day:%B}", month=f"{day:%B}",
        year=day.year - rng.randint(0, 3),
    )
    return text[0].upper() + text[1:]


def articles(count: int, *, seed: int = 7, sentences: int = 46, background: float = 0.7
             ) -> Iterator[dict[str, str]]:
    """Yield `count` varied article dicts (id, title, published, url, publisher, text).

    Args:
        count: How many articles.
        seed: Seed of the generator; the same seed gives the same corpus.
        sentences: Mean number of sentences per article (varied by a third either way).
        background: Share of background sentences (context without events or quotes).
    """
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    for index in range(count):
        published = start + timedelta(days=rng.randint(0, 3000))
        city, country = rng.choice(PLACES)
        size = max(4, sentences + rng.randint(-sentences // 3, sentences // 3))
        body = [_sentence(rng, published, background) for _ in range(size)]
        paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
        text = f"{city.upper()}, {country} (kg bench) – " + "\n".join(paragraphs)
        yield {
            "id": f"bench-{seed}-{index:07d}",
            "title": f"Fighting and talks around {city}, {index}",
            "published": published.isoformat(),
            "url": f"https://example.org/bench/{seed}/{index}",
            "publisher": "kg bench",
            "text": text,
        }


def write(path: Path, count: int, *, seed: int = 7, sentences: int = 46,
          background: float = 0.7) -> Path:
    """Write `count` articles as JSON Lines to `path` (skipped if it already holds them)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and sum(1 for _ in path.open(encoding="utf-8")) == count:
        return path
    with path.open("w", encoding="utf-8") as out:
        for item in articles(count, seed=seed, sentences=sentences, background=background):
            out.write(json.dumps(item) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sentences", type=int, default=46)
    parser.add_argument("--background", type=float, default=0.7)
    args = parser.parse_args()
    write(args.out, args.articles, seed=args.seed, sentences=args.sentences,
          background=args.background)


if __name__ == "__main__":
    main()
