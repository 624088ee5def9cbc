"""One-off conversion of the five seed articles into data/articles/<id>.md.

Kept in the repository so the conversion can be audited: it shows exactly which
lines of each seed went to the body, the references and the boilerplate.
Run from the repository root:  python tools/import_seeds.py SEED_FOLDER
(The seeds are the course brief's originals; the course itself never reads them.)
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

META = {
    "000_b8d494a37f7ce436.txt": dict(
        id="gfp-2023-07-path-to-independence",
        outlet="german-foreign-policy.com",
        outlet_type="advocacy site",
        published="2023-07-03",
        published_precision="month",
        dating_evidence=(
            "Refers to 'last Friday's UN Security Council's decision' not to extend MINUSMA and says the mandate "
            "'expired Friday (June 30)'; resolution 2690 was adopted on Friday 30 June 2023. Reports a demonstration "
            "in Ouagadougou on 'Saturday' (1 July 2023); the latest footnote is dated 01.07.2023. So it was written in "
            "the first week of July 2023, most likely Monday 3 July; the day itself is not stated, hence precision 'month' "
            "with the date set to the likeliest day."
        ),
        author=None,
        language="en",
        original_language="de",
        translated=True,
        source_note=(
            "Dateline 'BAMAKO/OUAGADOUGOU/BERLIN (Own report)' and the self-citation '(german-foreign-policy.com "
            "reported.[2])' identify the outlet, which publishes unsigned German-language analyses with English "
            "translations. Footnotes cite the UN press release, Al Jazeera, Le Monde, Jeune Afrique, RFI and Anadolu, "
            "plus the outlet's own earlier pieces ('See also ...'). Typos kept as in the source ('Mail', 'Mai 31', "
            "'dateline', 'scrutiny', 'se tourney')."
        ),
        boiler=set(),
    ),
    "001_11121df8d517fbf6.txt": dict(
        id="gfp-2022-08-battle-over-mali",
        outlet="german-foreign-policy.com",
        outlet_type="advocacy site",
        published="2022-08-22",
        published_precision="month",
        dating_evidence=(
            "Says Operation Barkhane ended in Mali 'since Monday of last week (August 15)', so it was written in the "
            "week beginning Monday 22 August 2022; the latest footnote is dated 19.08.2022 (Frankfurter Allgemeine "
            "Zeitung). The title '(II)' and '[2] See also Battle Over Mali (I)' show it is the second part of a series. "
            "The exact day is not stated, hence precision 'month' with the date set to the first possible day."
        ),
        author=None,
        language="en",
        original_language="de",
        translated=True,
        source_note=(
            "Dateline 'BAMAKO/BERLIN (Own report)' and the 'See also' self-references to earlier pieces identify "
            "german-foreign-policy.com (the outlet of the companion article). Two self-citations lost their outlet "
            "name in translation ('( reported.[2])', '( reported.[5])') and are kept as they are. Footnotes cite "
            "Jeune Afrique, Abidjan-based and German press (Thomas Wiegold's blog Augen geradeaus!, FAZ); "
            "most footnotes give no outlet name."
        ),
        boiler=set(),
    ),
    "002_bffd6e05385fb836.txt": dict(
        id="analysis-2023-07-end-of-minusma",
        outlet="Diplomacy Now",
        outlet_type="think tank / analysis",
        published="2023-07-15",
        published_precision="month",
        dating_evidence=(
            "Says Mali's demand was made 'last month' and dates it 'June 16'; reports resolution 2690 of 30 June and "
            "the agreed withdrawal plan 'between July 1 and Dec. 31, 2023'; speaks of the withdrawal as still to "
            "come ('its probable departure'). So it was published in July 2023; the day is unknown (date set to "
            "mid-month, precision 'month')."
        ),
        author="Themba Zuri",
        language="en",
        original_language="unknown",
        translated=None,
        source_note=(
            "Outlet inferred from the page furniture 'Join the Diplomacy Now Mailing list.' (unverified: no copy of "
            "the page was found to confirm it). Signed analysis: 'Themba Zuri is a Sahel researcher.' No footnotes. "
            "Some phrasing ('FAMA, the French acronym', 'known was Barkhane') suggests a translation or light editing, "
            "but the original language could not be established, so 'translated' is left unknown (null)."
        ),
        boiler={"Share this article:", "Related Posts", "In Brief", "Latest News",
                "Join the Diplomacy Now Mailing list.", "Receive each monthly edition direct to your inbox."},
    ),
    "003_71a4b6a7ceee6045.txt": dict(
        id="sputnik-2021-09-plan-b",
        outlet="Sputnik",
        outlet_type="state-affiliated media",
        published="2021-09-20",
        published_precision="day",
        dating_evidence=(
            "Timestamp line '23:47 GMT 20.09.2021 (Updated: 17:06 GMT 20.04.2023)'. Consistent with the content: "
            "Choguel Maïga's press remarks 'on Saturday' (18 September 2021), Jean-Pierre Lacroix's press conference "
            "'on Friday' and the Reuters report of 'last week' (13 September 2021) on a possible Wagner deal."
        ),
        author=None,
        language="en",
        original_language="en",
        translated=False,
        source_note=(
            "Sputnik identifies itself ('As Sputnik has reported') and adds its standard legal note on Daesh "
            "('banned in Russia'). Sputnik belongs to Rossiya Segodnya, the state media group created by Russian "
            "presidential decree in December 2013 (The Moscow Times, 2014-11-05, on Sputnik's launch by Rossiya "
            "Segodnya). Photo credits and "
            "captions (Reuters, AFP) and the 'Subscribe' button are moved to the boilerplate. No footnotes."
        ),
        boiler={"Subscribe"},
    ),
    "004_70ff2f0bc8c45b9a.txt": dict(
        id="wire-2022-05-france-cooperation",
        outlet="unidentified site republishing a German news-agency wire",
        outlet_type="news agency",
        published="2022-05-03",
        published_precision="day",
        dating_evidence=(
            "Reports that the junta's spokesman Abdoulaye Maïga spoke on state television 'on Monday evening' about "
            "ending the defence agreements with France; that announcement was made on Monday 2 May 2022. France's "
            "withdrawal is described as 'announced in February' (17 February 2022) and the May 2021 coup as 'May last "
            "year', so the year is 2022. Published the next day, 3 May 2022, is the likeliest reading; the text itself "
            "also says 'Tuesday evening', an inconsistency recorded in the claims ledger."
        ),
        author=None,
        language="en",
        original_language="de",
        translated=True,
        source_note=(
            "Machine translation of a German-language news-agency report: the Bundeswehr figures ('a good 1,350 "
            "soldiers', 'About 200 German soldiers' in Niger) and the phrasing point to a German wire service, "
            "most likely dpa (unverified). The republishing site could not be identified; 'Leave a Comment' is "
            "moved to the boilerplate."
        ),
        boiler={"Leave a Comment"},
    ),
}


def split_seed(text: str, boiler: set[str]) -> tuple[str, str, list[str], list[str]]:
    lines = text.split("\n")
    title = lines[0].strip()
    body, refs, extra = [], [], []
    for line in lines[1:]:
        s = line.strip()
        if s.startswith("[") and s[1:2].isdigit() and "]" in s[:5]:
            refs.append(s)
        elif s.startswith("*Daesh"):
            refs.append(s)
        elif s in boiler or s.startswith("©") or any(x.startswith("©") and x.endswith(s) for x in extra):
            extra.append(s)  # page furniture, photo credits and a caption repeated after its credit line
        elif "GMT" in s and s[:2].isdigit():
            extra.append(s)
        else:
            body.append(line)
    return title, "\n".join(body).strip("\n"), refs, extra


def main(seed_dir: str) -> None:
    out = ROOT / "data" / "articles"
    out.mkdir(parents=True, exist_ok=True)
    for name, meta in META.items():
        text = (Path(seed_dir) / name).read_text(encoding="utf-8")
        title, body, refs, extra = split_seed(text, meta["boiler"])
        front = {k: v for k, v in meta.items() if k != "boiler"}
        front = {"id": front["id"], "title": title, **{k: v for k, v in front.items() if k != "id"}}
        front["seed_file"] = name
        parts = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100).strip(), "---", "",
                 body, ""]
        if refs:
            parts += ["<!-- references -->", "\n\n".join(refs), ""]
        if extra:
            parts += ["<!-- boilerplate -->", "\n".join(extra), ""]
        (out / f"{meta['id']}.md").write_text("\n".join(parts), encoding="utf-8")
        print(f"{meta['id']}: body {len(body.split())} words, {len(refs)} references, {len(extra)} boilerplate lines")


if __name__ == "__main__":
    main(sys.argv[1])
