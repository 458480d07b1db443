#!/usr/bin/env python3
"""Deterministic corpus generator for sitegen's benchmark.

Writes N articles in sitegen's content format (Content/), and the same corpus
as a Hugo site (actors/topics taxonomies, a page per quote, a minimal theme),
so both tools build the same site.

    python3 Benchmarks/corpus.py --articles 1000 --out /tmp/bench-1000 [--seed 7]

Shape (per the benchmark's brief): about N/2 actors (persons, countries,
organisations, groups, with aliases), N/5 topics, ~800 words per article in
8 to 14 paragraphs with headings, lists, emphasis, links, code spans and
blockquotes, ~15 entity links, ~8 quotes and ~2 claims per article, popular
entities mentioned far more than others (Zipf), actor and topic bodies with
their own links.
"""
import argparse
import bisect
import itertools
import os
import random
import shutil

WORDS = """
the of and to in a is that for on with as by at from it be this which or was are an were has
have had not but their its they more been also after over than into about when who would there
could said can new one all two most other some what up out only time year years people government
state country world week talks peace security defence policy minister president leader ally alliance
border region forces troops deal support military economic trade energy summit meeting council
agreement sanctions response crisis plan proposal vote parliament election coalition opposition
report officials spokesman statement analysts negotiations ceasefire treaty aid funding budget
spending industry markets exports imports gas oil pipeline grid nuclear missile drone navy army air
cyber intelligence diplomacy embassy envoy foreign domestic public private regional national local
international global european eastern western northern southern capital city province district
pressure demand offer warning threat risk concern hope promise decision move step change shift
""".split()

FIRST = "Anna Boris Carla David Elena Farid Greta Hugo Ines Jonas Karin Lars Maria Nikos Olga Pavel Rosa Stefan Tomas Ursula Viktor Wanda Xavier Yara Zoran".split()
LAST = "Adler Berg Costa Dahl Evers Fischer Gomez Havel Ivanov Jansen Kovac Lind Moreau Novak Ortiz Petrov Quinn Rossi Silva Tanaka Ueda Varga Weber Young Zeller".split()
ROLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "Spokesperson", "Ambassador",
         "Finance Minister", "Opposition Leader", "Secretary General", "Envoy", "Analyst", "Chief of Staff"]
KINDS = [("person", 0.6), ("country", 0.2), ("organisation", 0.15), ("group", 0.05)]


def slugify(text):
    out, word = [], ""
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            word += ch
        elif word:
            out.append(word)
            word = ""
    if word:
        out.append(word)
    return "-".join(out)


class Zipf:
    """Draws indexes 0..n-1 with probability proportional to 1/(rank+1)^s."""

    def __init__(self, n, rng, s=1.05):
        weights = [1.0 / (i + 1) ** s for i in range(n)]
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]
        self.rng = rng

    def draw(self):
        return bisect.bisect_left(self.cumulative, self.rng.random() * self.total)


def make_entities(n_articles, rng):
    actors, topics, used = [], [], set()
    for i in range(max(4, n_articles // 2)):
        kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
        if kind == "person":
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            alias = name.split()[1] + f" {i}"
        elif kind == "country":
            name = f"Republic of {rng.choice(LAST)}ia {i}"
            alias = f"{name.split()[2]}"
        elif kind == "organisation":
            words = [rng.choice(WORDS).capitalize() for _ in range(3)]
            name = " ".join(words) + f" Organisation {i}"
            alias = "".join(w[0] for w in words) + f"O{i}"
        else:
            name = f"The {rng.choice(WORDS).capitalize()} Group {i}"
            alias = f"{name.split()[1]} group {i}"
        slug = slugify(name)
        if slug in used or slugify(alias) in used:
            continue
        used.update([slug, slugify(alias)])
        actors.append({"slug": slug, "name": name, "kind": kind, "alias": alias,
                       "role": rng.choice(ROLES) if kind == "person" else None})
    for i in range(max(2, n_articles // 5)):
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        slug = slugify(title)
        if slug in used:
            continue
        used.add(slug)
        topics.append({"slug": slug, "title": title, "alias": f"{title} question"})
    # Affiliations: people belong to a country or organisation.
    bodies = [a for a in actors if a["kind"] != "person"]
    for actor in actors:
        actor["affiliation"] = rng.choice(bodies)["slug"] if actor["kind"] == "person" and bodies else None
    return actors, topics


def sentence(rng, n=None):
    n = n or rng.randint(8, 18)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


class ArticleWriter:
    """Builds one article body twice: in sitegen's syntax and in Hugo's."""

    def __init__(self, rng, actors, topics, actor_zipf, topic_zipf):
        self.rng, self.actors, self.topics = rng, actors, topics
        self.actor_zipf, self.topic_zipf = actor_zipf, topic_zipf

    def actor(self):
        return self.actors[self.actor_zipf.draw()]

    def person(self):
        for _ in range(20):
            a = self.actor()
            if a["kind"] == "person":
                return a
        return self.actor()

    def topic(self):
        return self.topics[self.topic_zipf.draw()]

    def article(self, index):
        rng = self.rng
        sg, hugo = [], []
        mentioned_actors, mentioned_topics, quotes = set(), set(), []
        paragraphs = rng.randint(8, 14)
        # Spread ~15 links, ~8 quotes and ~2 claims over the paragraphs.
        links = [rng.randrange(paragraphs) for _ in range(15)]
        quote_slots = [rng.randrange(paragraphs) for _ in range(8)]
        claim_slots = [rng.randrange(paragraphs) for _ in range(2)]
        words = 0
        for p in range(paragraphs):
            if p and p % 4 == 0:
                heading = sentence(rng, 4).rstrip(".")
                sg.append(f"## {heading}")
                hugo.append(f"## {heading}")
            parts_sg, parts_hugo = [], []
            target_words = 800 // paragraphs
            count = 0
            while count < target_words:
                s = sentence(rng)
                count += len(s.split())
                parts_sg.append(s)
                parts_hugo.append(s)
            # Inline Markdown: emphasis, a link, a code span.
            if rng.random() < 0.5:
                w = rng.choice(WORDS)
                parts_sg.append(f"It was *{w}* and **{rng.choice(WORDS)}**.")
                parts_hugo.append(parts_sg[-1])
            if rng.random() < 0.3:
                parts_sg.append(f"See [the report](https://example.org/{index}/{p}) and `code-{p}`.")
                parts_hugo.append(parts_sg[-1])
            for _ in range(links.count(p)):
                if rng.random() < 0.75:
                    a = self.actor()
                    mentioned_actors.add(a["slug"])
                    shown = a["alias"] if rng.random() < 0.5 else a["name"]
                    parts_sg.append(f"Then [[{shown}]] {sentence(rng, 6).lower()}")
                    parts_hugo.append(f"Then [{shown}](/actors/{a['slug']}.html) {sentence(rng, 6).lower()}")
                else:
                    t = self.topic()
                    mentioned_topics.add(t["slug"])
                    parts_sg.append(f"On [[{t['slug']}|{t['title'].lower()}]] {sentence(rng, 6).lower()}")
                    parts_hugo.append(f"On [{t['title'].lower()}](/topics/{t['slug']}.html) {sentence(rng, 6).lower()}")
            for q in range(quote_slots.count(p)):
                a, t = self.person(), self.topic()
                mentioned_actors.add(a["slug"])
                mentioned_topics.add(t["slug"])
                words_ = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
                quote_id = f"{a['slug']}-{slugify(' '.join(words_.split()[:6]))}"
                quotes.append((quote_id, a, t, words_))
                parts_sg.append(f"[“{words_.capitalize()}”]{{.quote by={a['slug']} about={t['slug']}}} said [[{a['alias']}]].")
                parts_hugo.append(f"[“{words_.capitalize()}”](/quotes/{quote_id}.html) said [{a['alias']}](/actors/{a['slug']}.html).")
            for _ in range(claim_slots.count(p)):
                a, t = self.actor(), self.topic()
                mentioned_actors.add(a["slug"])
                mentioned_topics.add(t["slug"])
                claim = " ".join(rng.choice(WORDS) for _ in range(8))
                parts_sg.append(f"[{claim}]{{.claim by={a['slug']} about={t['slug']}}}.")
                parts_hugo.append(f"{claim} ([{a['name']}](/actors/{a['slug']}.html)).")
            words += count
            kind = rng.random()
            if kind < 0.1:
                sg.append("> " + " ".join(parts_sg))
                hugo.append("> " + " ".join(parts_hugo))
            elif kind < 0.2:
                sg.append("\n".join("- " + s for s in parts_sg[:4]) + "\n\n" + " ".join(parts_sg[4:]))
                hugo.append("\n".join("- " + s for s in parts_hugo[:4]) + "\n\n" + " ".join(parts_hugo[4:]))
            else:
                sg.append(" ".join(parts_sg))
                hugo.append(" ".join(parts_hugo))
        return "\n\n".join(sg), "\n\n".join(hugo), mentioned_actors, mentioned_topics, quotes


def yaml_str(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HUGO_CONFIG = """baseURL = "https://example.org/"
languageCode = "en"
title = "Benchmark explainer"
uglyURLs = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  actor = "actors"
  topic = "topics"
[markup.goldmark.renderer]
  unsafe = false
"""

# Term links come from the page's own front matter through site.GetPage (a
# lookup): Hugo 0.111's .GetTerms walks every (term, page) pair of the
# taxonomy per call, which made the 10k build quadratic (6 s at 1k, 276 s
# at 10k) and the comparison unfair to Hugo.
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}
<aside><ul>{{ range .Params.actors }}{{ with site.GetPage (printf "/actors/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ end }}</ul>
<ul>{{ range .Params.topics }}{{ with site.GetPage (printf "/topics/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ end }}</ul></aside></article>{{ end }}""",
    "quotes/single.html": """{{ define "main" }}<figure><blockquote>{{ .Content }}</blockquote><figcaption>{{ range .Params.actors }}{{ with site.GetPage (printf "/actors/%s" .) }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}</figcaption></figure>
<p>From <a href="{{ .Params.article }}">the article</a>, {{ .Date.Format "2 January 2006" }}</p>
<ul>{{ range .Params.topics }}{{ with site.GetPage (printf "/topics/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ end }}</ul>{{ end }}""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}""",
    "_default/term.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<h2>Quotes</h2><ul>{{ range where .Pages "Section" "quotes" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<h2>Articles</h2><ul>{{ range where .Pages "Section" "articles" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 50 (where .Site.RegularPages "Section" "articles") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}""",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def generate(n, out, seed):
    rng = random.Random(seed)
    actors, topics = make_entities(n, rng)
    writer = ArticleWriter(rng, actors, topics, Zipf(len(actors), rng), Zipf(len(topics), rng))
    if os.path.exists(out):
        shutil.rmtree(out)
    sg = os.path.join(out, "sitegen", "Content")
    hugo = os.path.join(out, "hugo")
    write(os.path.join(sg, "site.yml"), 'title: "Benchmark explainer"\nlanguage: en\n')
    write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(hugo, "layouts", name), text)
    write(os.path.join(hugo, "static", "style.css"), "body{font-family:serif}\n")

    for actor in actors:
        other, topic = rng.choice(actors), rng.choice(topics)
        body = (f"{actor['name']} is a {actor['kind']}. Often seen with [[{other['slug']}|{other['name']}]] "
                f"on [[{topic['slug']}|{topic['title']}]].\n")
        hugo_body = (f"{actor['name']} is a {actor['kind']}. Often seen with [{other['name']}](/actors/{other['slug']}.html) "
                     f"on [{topic['title']}](/topics/{topic['slug']}.html).\n")
        fm = [f"name: {yaml_str(actor['name'])}", f"kind: {actor['kind']}", f"aliases: [{yaml_str(actor['alias'])}]"]
        if actor["role"]:
            fm.append(f"role: {yaml_str(actor['role'])}")
        if actor["affiliation"]:
            fm.append(f"affiliation: {actor['affiliation']}")
        write(os.path.join(sg, "actors", actor["slug"] + ".md"), "---\n" + "\n".join(fm) + "\n---\n\n" + body)
        write(os.path.join(hugo, "content", "actors", actor["slug"], "_index.md"),
              f"---\ntitle: {yaml_str(actor['name'])}\n---\n\n" + hugo_body)
    for topic in topics:
        other = rng.choice(actors)
        body = f"What {topic['title']} is about, and why [[{other['slug']}|{other['name']}]] cares.\n"
        hugo_body = f"What {topic['title']} is about, and why [{other['name']}](/actors/{other['slug']}.html) cares.\n"
        write(os.path.join(sg, "topics", topic["slug"] + ".md"),
              f"---\ntitle: {yaml_str(topic['title'])}\naliases: [{yaml_str(topic['alias'])}]\nsummary: {yaml_str('About ' + topic['title'])}\n---\n\n" + body)
        write(os.path.join(hugo, "content", "topics", topic["slug"], "_index.md"),
              f"---\ntitle: {yaml_str(topic['title'])}\n---\n\n" + hugo_body)

    seen_quotes = set()
    for i in range(n):
        day = f"20{20 + i % 6:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        title = sentence(rng, 7).rstrip(".")
        slug = f"article-{i:05d}-{slugify(title)[:40].strip('-')}"
        body_sg, body_hugo, mentioned_actors, mentioned_topics, quotes = writer.article(i)
        summary = sentence(rng, 20)
        write(os.path.join(sg, "articles", slug + ".md"),
              f"---\ntitle: {yaml_str(title)}\ndate: {day}\nsummary: {yaml_str(summary)}\n---\n\n{body_sg}\n")
        write(os.path.join(hugo, "content", "articles", slug + ".md"),
              f"---\ntitle: {yaml_str(title)}\ndate: {day}\nsummary: {yaml_str(summary)}\n"
              f"actors: [{', '.join(yaml_str(a) for a in sorted(mentioned_actors))}]\n"
              f"topics: [{', '.join(yaml_str(t) for t in sorted(mentioned_topics))}]\n---\n\n{body_hugo}\n")
        for quote_id, actor, topic, words in quotes:
            assert quote_id not in seen_quotes, quote_id
            seen_quotes.add(quote_id)
            write(os.path.join(hugo, "content", "quotes", quote_id + ".md"),
                  f"---\ntitle: {yaml_str(words[:60])}\ndate: {day}\narticle: /articles/{slug}.html\n"
                  f"actors: [{yaml_str(actor['slug'])}]\ntopics: [{yaml_str(topic['slug'])}]\n---\n\n“{words.capitalize()}”\n")
    return {"articles": n, "actors": len(actors), "topics": len(topics), "quotes": len(seen_quotes)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    counts = generate(args.articles, args.out, args.seed)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
