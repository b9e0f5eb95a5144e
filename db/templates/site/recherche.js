// The search of the archive's static copy (db/export/site.py writes it beside the pages).
// Served over http(s), it asks Pagefind's index (pagefind/); opened from a folder (file://),
// where a page may neither fetch() nor import() a file, it reads the answers inlined in
// static/recherche-index.js, loaded as a plain script. Both find accent-less words
// ("economie" finds "économie") and show their hits the same way.
(function () {
  "use strict";
  var MAX_HITS = 100;
  var input = document.getElementById("q");
  var count = document.getElementById("search-count");
  var list = document.getElementById("hits");
  var here = document.currentScript.src;
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();

  // Lower case, no accents, one apostrophe: per character, so positions stay those of the text.
  function fold(text) {
    return Array.from(text, function (c) {
      var f = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[’ʼ]/g, "'");
      return f.length === c.length ? f : c;
    }).join("");
  }

  var TOKEN = /[\p{L}\p{N}]+/gu;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function say(n, q) {
    count.textContent = "";
    var what = n === 0 ? "Aucune réponse ne correspond" : n === 1 ? "1 réponse trouvée"
      : n.toLocaleString("fr-FR") + " réponses trouvées";
    count.append(what + " pour ", element("strong", "", q),
      n > MAX_HITS ? " (les " + MAX_HITS + " premières)." : ".");
  }

  // One hit: the interview's title linking to the answer, who, when, the question, an extract
  // (Pagefind's: escaped text and <mark>; the inlined search's: nodes, as is the question).
  function show(hit, extract, question) {
    var item = element("li", "hit");
    var link = element("a", "hit-title", hit.title);
    link.href = hit.url;
    var meta = element("p", "hit-meta");
    meta.append(element("span", "hit-person", hit.interviewee));
    if (hit.organisation) meta.append(", ", element("span", "hit-organisation", hit.organisation));
    meta.append(" — " + hit.date + " — question " + hit.n);
    var text = element("p", "hit-extract");
    if (typeof extract === "string") text.innerHTML = extract;
    else text.append.apply(text, extract);
    var asked = element("p", "hit-question");
    asked.append.apply(asked, question || [hit.question]);
    item.append(link, meta, asked, text);
    list.append(item);
  }

  // --- file:// : the inlined answers ---------------------------------------------------------

  function words(text) {
    return fold(text).match(TOKEN) || [];
  }

  // A searched word, as a start of word: a plural -s or -x dropped ("salaries" finds "salarié").
  function term(word) {
    return word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word;
  }

  // The extract of a text around its first matching word (all of it if ``whole``), matching
  // words in <mark>.
  function extract(answer, terms, whole) {
    var folded = fold(answer), marks = [], match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(folded)) !== null) {
      var word = match[0];
      if (terms.some(function (t) { return word.startsWith(t); })) marks.push([match.index, match.index + word.length]);
    }
    var start = marks.length ? Math.max(0, marks[0][0] - 90) : 0;
    if (whole) start = 0;
    var end = whole ? answer.length : Math.min(answer.length, start + 260);
    while (start > 0 && /\S/.test(answer[start - 1])) start -= 1;
    while (end < answer.length && /\S/.test(answer[end])) end += 1;
    var out = [start > 0 ? "…" : ""], last = start;
    marks.forEach(function (m) {
      if (m[0] < start || m[1] > end) return;
      out.push(answer.slice(last, m[0]), element("mark", "", answer.slice(m[0], m[1])));
      last = m[1];
    });
    out.push(answer.slice(last, end) + (end < answer.length ? "…" : ""));
    return out;
  }

  function searchInlined(q) {
    var terms = words(q).map(term);
    var hits = [];
    (window.ESS_RECHERCHE || []).forEach(function (record) {
      var text = " " + words(record.question + " " + record.answer).join(" ");
      var score = 0;
      for (var k = 0; k < terms.length; k++) {
        var found = text.split(" " + terms[k]).length - 1;
        if (!found) return;
        score += found;
      }
      hits.push([score, record]);
    });
    hits.sort(function (a, b) { return b[0] - a[0]; });  // stable: equal scores keep the series' order
    say(hits.length, q);
    hits.slice(0, MAX_HITS).forEach(function (h) {
      show(h[1], extract(h[1].answer, terms), extract(h[1].question, terms, true));
    });
  }

  function loadInlined(q) {
    var script = document.createElement("script");
    script.src = new URL("recherche-index.js", here).href;
    script.onload = function () { searchInlined(q); };
    script.onerror = function () { count.textContent = "L’index de recherche (static/recherche-index.js) manque."; };
    document.head.append(script);
  }

  // --- http(s): Pagefind -------------------------------------------------------------------

  function searchPagefind(q) {
    return import(new URL("../pagefind/pagefind.js", here).href).then(function (pagefind) {
      return pagefind.search(q);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, MAX_HITS).map(function (r) { return r.data(); }))
        .then(function (found) {
          say(search.results.length, q);
          // Each record's meta carries its answer's address (from the root, where this page is).
          found.forEach(function (data) { show(data.meta, data.excerpt); });
        });
    });
  }

  if (!query) return;
  input.value = query;
  count.textContent = "Recherche…";
  if (window.location.protocol === "file:") loadInlined(query);
  else searchPagefind(query).catch(function () { loadInlined(query); });
})();
