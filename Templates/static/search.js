// Client-side search for sitegen sites. Works from file:// (the index is a
// script, search-index.js, not fetched JSON), needs no network, and is
// tolerant of accents and one-letter spelling differences (Zelensky /
// Zelenskyy, Sebastien / Sébastien).
(function () {
  "use strict";
  var data = window.SITEGEN_SEARCH;
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!data || !input || !results) return;

  var groups = [
    ["actors", "People, countries and organisations"],
    ["topics", "Topics"],
    ["quotes", "Quotes"],
    ["articles", "Articles"]
  ];

  // Lower case, accents removed, punctuation to spaces.
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  function withinOneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++; else if (b.length > a.length) j++; else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  // Each entry gets its folded text and words once.
  var entries = [];
  groups.forEach(function (group) {
    (data[group[0]] || []).forEach(function (item) {
      var text = fold([item.t, item.s].concat(item.a || []).join(" "));
      entries.push({ group: group[0], item: item, text: text, words: text.split(" "), title: fold(item.t) });
    });
  });

  // Every query word must match: inside the text, or one edit from a word
  // of five letters or more.
  function score(entry, terms) {
    var total = 0;
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t];
      if (entry.title.indexOf(term) === 0) { total += 3; continue; }
      if (entry.text.indexOf(term) >= 0) { total += 2; continue; }
      var near = term.length >= 5 && entry.words.some(function (word) {
        return word.length >= 4 && withinOneEdit(term, word);
      });
      if (!near) return 0;
      total += 1;
    }
    return total;
  }

  function render(query) {
    results.textContent = "";
    var terms = fold(query).split(" ").filter(Boolean);
    if (!terms.length) { status.textContent = ""; return; }
    var found = 0;
    groups.forEach(function (group) {
      var hits = entries.filter(function (entry) { return entry.group === group[0]; })
        .map(function (entry) { return { entry: entry, score: score(entry, terms) }; })
        .filter(function (hit) { return hit.score > 0; })
        .sort(function (a, b) { return b.score - a.score; })
        .slice(0, 20);
      if (!hits.length) return;
      found += hits.length;
      var section = document.createElement("section");
      var heading = document.createElement("h2");
      heading.textContent = group[1];
      section.appendChild(heading);
      var list = document.createElement("ul");
      list.className = "entity-list";
      hits.forEach(function (hit) {
        var item = hit.entry.item;
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.u;
        link.textContent = item.t;
        li.appendChild(link);
        if (item.s) {
          var note = document.createElement("span");
          note.className = "role";
          note.textContent = " " + item.s;
          li.appendChild(note);
        }
        list.appendChild(li);
      });
      section.appendChild(list);
      results.appendChild(section);
    });
    status.textContent = found ? found + (found === 1 ? " result" : " results") : "No results for “" + query + "”.";
  }

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  render(initial);
  input.addEventListener("input", function () { render(input.value); });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    render(input.value);
  });
})();
