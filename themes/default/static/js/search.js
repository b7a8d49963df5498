// ismsgen default theme: client-side full-text search over every document, control,
// risk, treatment action and evidence record. The index (search-index.js, generated at
// build time) is a script that assigns window.ISMSGEN_SEARCH rather than JSON read with
// fetch(), so search works from file:// as well as over HTTP. It is loaded on first use,
// and holds the index gzip-compressed (see decode).
(function () {
  "use strict";
  if (window.ISMSGEN_SEARCH_UI) {
    return; // js/site.js carries this script too: a page that loads both runs it once
  }
  window.ISMSGEN_SEARCH_UI = true;
  window.ISMSGEN_DECODE = decode; // js/site.js decodes nav-index.js with it too

  var root = document.body.getAttribute("data-root") || "";
  var index = null;
  var waiting = [];
  var loading = false;

  // loadIndex calls cb with the prepared index, loading search-index.js once.
  function loadIndex(cb, onError) {
    if (index) {
      cb(index);
      return;
    }
    waiting.push(cb);
    if (loading) {
      return;
    }
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    function fail() {
      loading = false;
      waiting = [];
      if (onError) {
        onError();
      }
    }
    s.onload = function () {
      decode(window.ISMSGEN_SEARCH || { e: [] }, function (raw) {
        index = prepare(raw);
        window.ISMSGEN_SEARCH = null; // the prepared index is all that is kept
        var w = waiting;
        waiting = [];
        w.forEach(function (f) { f(index); });
      }, fail);
    };
    s.onerror = fail;
    document.head.appendChild(s);
  }

  // decode calls cb with the index: search-index.js (and nav-index.js) carry it
  // gzip-compressed and base64-encoded ("gz"), which the browser's DecompressionStream
  // reads, from file:// as over HTTP (nothing is fetched).
  function decode(raw, cb, fail) {
    if (!raw.gz) {
      cb(raw);
      return;
    }
    if (typeof DecompressionStream !== "function") {
      fail();
      return;
    }
    var bin = atob(raw.gz);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      bytes[i] = bin.charCodeAt(i);
    }
    var text = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(text).json().then(cb, fail);
  }

  // prepare lower-cases every field once, so each keystroke only scans.
  function prepare(raw) {
    return raw.e.map(function (e) {
      var secs = (e.s || []).map(function (s) {
        return { a: s[0], h: s[1], t: s[2], lh: s[1].toLowerCase(), lt: s[2].toLowerCase() };
      });
      return {
        id: e.i || "", title: e.t, kind: e.k, url: e.u, meta: e.m || "", secs: secs,
        lid: (e.i || "").toLowerCase(), ltitle: e.t.toLowerCase(), lmeta: (e.m || "").toLowerCase()
      };
    });
  }

  // parse splits a query into needles: "quoted phrases" and single words. Punctuation
  // at the ends of words is dropped, inside kept, so IDs such as A.5.15 stay whole.
  function parse(q) {
    var needles = [];
    q.replace(/"([^"]+)"|(\S+)/g, function (_, phrase, word) {
      var n = phrase ? phrase.toLowerCase().replace(/\s+/g, " ").trim() :
        word.toLowerCase().replace(/^[^\w]+|[^\w]+$/g, "");
      if (n && needles.indexOf(n) < 0) {
        needles.push(n);
      }
    });
    return { raw: q.replace(/"/g, "").replace(/\s+/g, " ").trim().toLowerCase(), needles: needles };
  }

  // Typo tolerance: a word of the query that is no word (nor the start of one) of the
  // index is looked for as the index's words one edit away (a letter missing, extra,
  // wrong or two swapped), so "paswords" finds "passwords". The index's words are
  // gathered once, on the first search that needs them.
  var vocabulary = null;

  function words() {
    if (!vocabulary) {
      var seen = {};
      var add = function (s) {
        s.split(/[^0-9a-z\u00c0-\uffff]+/).forEach(function (w) {
          if (w.length >= 3) {
            seen[w] = true;
          }
        });
      };
      index.forEach(function (e) {
        add(e.ltitle);
        add(e.lmeta);
        e.secs.forEach(function (sec) { add(sec.lh); add(sec.lt); });
      });
      vocabulary = Object.keys(seen);
    }
    return vocabulary;
  }

  // oneEdit reports whether a and b differ by at most one insertion, deletion,
  // substitution or transposition of adjacent letters.
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) {
      i++;
    }
    if (la === lb) {
      return i === la || a.slice(i + 1) === b.slice(i + 1) ||
        (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2));
    }
    return la < lb ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
  }

  // corrections returns the index's words one edit from a query word that the index
  // lacks (none for IDs, numbers, phrases and words under four letters).
  function corrections(n) {
    if (n.length < 4 || /[^a-z\u00c0-\uffff]/.test(n)) {
      return [];
    }
    var vocab = words();
    for (var i = 0; i < vocab.length; i++) {
      if (vocab[i].indexOf(n) === 0) {
        return []; // a word, or the start of one: the reader is still typing
      }
    }
    return vocab.filter(function (w) { return oneEdit(n, w); });
  }

  function isWordChar(c) {
    return /[\w]/.test(c || "");
  }

  // hits counts the occurrences of needle in s (capped), counting a match at the start
  // of a word twice: "access" should rank "access review" over "inaccessible".
  function hits(s, needle) {
    var n = 0;
    for (var i = s.indexOf(needle); i >= 0 && n < 40; i = s.indexOf(needle, i + needle.length)) {
      n += isWordChar(s.charAt(i - 1)) ? 1 : 2;
    }
    return n;
  }

  // score ranks an entry for a query, or returns null when a needle is missing (every
  // word must occur somewhere). An exact ID beats everything, then the title, then the
  // section texts.
  function score(e, q) {
    var total = 0;
    if (e.lid && e.lid === q.raw) {
      total += 10000;
    } else if (e.lid && q.raw.length > 1 && e.lid.indexOf(q.raw) === 0) {
      total += 500;
    }
    if (e.ltitle === q.raw) {
      total += 800;
    } else if (q.raw && e.ltitle.indexOf(q.raw) >= 0) {
      total += 300;
    }
    var secHits = e.secs.map(function () { return 0; });
    var textHit = false;
    for (var k = 0; k < q.terms.length; k++) {
      var found = false;
      // The word as typed, else its corrections (ranked below an exact match).
      for (var t = 0; t < q.terms[k].length && !found; t++) {
        var n = q.terms[k][t], w = t === 0 ? 1 : 0.5;
        var h = hits(e.lid, n);
        if (h) {
          total += 60 * h * w;
          found = true;
        }
        h = hits(e.ltitle, n);
        if (h) {
          total += 40 * h * w;
          found = true;
        }
        if (hits(e.lmeta, n)) {
          total += 5 * w;
          found = true;
        }
        for (var j = 0; j < e.secs.length; j++) {
          var s = e.secs[j];
          var hh = hits(s.lh, n), ht = hits(s.lt, n);
          if (hh || ht) {
            found = true;
            textHit = true;
            secHits[j] += 8 * hh + ht;
            total += (8 * hh + Math.min(ht, 20)) * w;
          }
        }
      }
      if (!found) {
        return null;
      }
    }
    if (q.needles.length > 1 && q.raw) {
      // The words next to each other, as typed, rank above the words scattered.
      for (var m = 0; m < e.secs.length; m++) {
        var p = hits(e.secs[m].lt, q.raw);
        if (p) {
          secHits[m] += 10 * p;
          total += 20 * Math.min(p, 5);
        }
      }
    }
    var best = -1;
    secHits.forEach(function (v, i) {
      if (v > 0 && (best < 0 || v > secHits[best])) {
        best = i;
      }
    });
    // An exact ID opens the page itself, not a section that mentions the ID.
    var exact = e.lid && e.lid === q.raw;
    return { e: e, score: total, sec: textHit && !exact ? best : -1 };
  }

  function search(q, limit) {
    var pq = parse(q);
    if (!pq.needles.length) {
      return { total: 0, results: [], q: pq };
    }
    pq.terms = pq.needles.map(function (n) { return [n].concat(corrections(n)); });
    // What snippets and highlights look for: the words and their corrections.
    pq.marks = [].concat.apply([], pq.terms);
    var out = [];
    index.forEach(function (e) {
      var r = score(e, pq);
      if (r) {
        out.push(r);
      }
    });
    out.sort(function (a, b) {
      return b.score - a.score || (a.e.id || a.e.title).localeCompare(b.e.id || b.e.title, undefined, { numeric: true });
    });
    return { total: out.length, results: out.slice(0, limit), q: pq };
  }

  // snippet returns about 200 characters of the best section around the first match.
  function snippet(r, pq) {
    var sec = r.sec >= 0 ? r.e.secs[r.sec] : r.e.secs[0];
    if (!sec) {
      return "";
    }
    var t = sec.t, lt = sec.lt;
    var pos = pq.raw ? lt.indexOf(pq.raw) : -1;
    var marks = pq.marks || pq.needles;
    for (var i = 0; pos < 0 && i < marks.length; i++) {
      pos = lt.indexOf(marks[i]);
    }
    if (pos < 0) {
      pos = 0;
    }
    var start = Math.max(0, pos - 70);
    var end = Math.min(t.length, pos + 150);
    if (start > 0) {
      var sp = t.indexOf(" ", start);
      start = sp >= 0 && sp < pos ? sp + 1 : start;
    }
    if (end < t.length) {
      var ep = t.lastIndexOf(" ", end);
      end = ep > pos ? ep : end;
    }
    return (start > 0 ? "…" : "") + t.slice(start, end) + (end < t.length ? "…" : "");
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // highlight appends text to el with every needle wrapped in <mark>; it builds text
  // nodes, never HTML, so document text cannot inject markup.
  function highlight(el, s, pq) {
    var needles = (pq.marks || pq.needles).slice().sort(function (a, b) { return b.length - a.length; });
    if (!needles.length) {
      el.appendChild(document.createTextNode(s));
      return;
    }
    var re = new RegExp("(" + needles.map(escapeRegExp).join("|") + ")", "gi");
    s.split(re).forEach(function (part, i) {
      if (!part) {
        return;
      }
      if (i % 2 === 1) {
        var m = document.createElement("mark");
        m.textContent = part;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function resultURL(r) {
    var sec = r.sec >= 0 ? r.e.secs[r.sec] : null;
    return root + r.e.url + (sec && sec.a ? "#" + sec.a : "");
  }

  function kindLabel(k) {
    return k === "action" ? "treatment action" : k;
  }

  // resultItem renders one result: ID, title, kind, status line, highlighted snippet.
  function resultItem(r, pq) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = resultURL(r);
    a.className = "result";
    var title = document.createElement("span");
    title.className = "result-title";
    if (r.e.id) {
      var id = document.createElement("span");
      id.className = "result-id";
      highlight(id, r.e.id, pq);
      title.appendChild(id);
      title.appendChild(document.createTextNode(" "));
    }
    highlight(title, r.e.title, pq);
    a.appendChild(title);
    var meta = document.createElement("span");
    meta.className = "result-meta";
    var sec = r.sec >= 0 ? r.e.secs[r.sec] : null;
    meta.textContent = [kindLabel(r.e.kind), r.e.meta, sec && sec.h ? "§ " + sec.h : ""].filter(Boolean).join(" · ");
    a.appendChild(meta);
    var snip = snippet(r, pq);
    if (snip) {
      var sn = document.createElement("span");
      sn.className = "snippet";
      highlight(sn, snip, pq);
      a.appendChild(sn);
    }
    li.appendChild(a);
    return li;
  }

  function renderResults(container, res, q, opts) {
    container.textContent = "";
    var status = document.createElement("p");
    status.className = "search-status";
    status.setAttribute("role", "status");
    status.textContent = res.total === 0 ? "No results for “" + q + "”" :
      res.total === 1 ? "1 result" : res.total + " results";
    container.appendChild(status);
    if (res.results.length) {
      var ol = document.createElement("ol");
      ol.className = "results";
      res.results.forEach(function (r) { ol.appendChild(resultItem(r, res.q)); });
      container.appendChild(ol);
    }
    if (opts.more && res.total > res.results.length) {
      var more = document.createElement("a");
      more.className = "more";
      more.href = root + "search.html?q=" + encodeURIComponent(q);
      more.textContent = "All " + res.total + " results";
      container.appendChild(more);
    }
  }

  function debounce(f, ms) {
    var t = 0;
    return function () {
      clearTimeout(t);
      t = setTimeout(f, ms);
    };
  }

  // popup wires the header search box: results as you type, Enter opens the first,
  // arrow keys move through the results, Escape closes them.
  function popup(form) {
    var input = form.querySelector("input[type=search]");
    if (!input) {
      return;
    }
    // The results box and the hint are made here, not written into every page: without
    // this script there are no results as you type (the form opens search.html).
    var box = form.querySelector(".search-results");
    if (!box) {
      var hint = document.createElement("span");
      hint.id = "search_hint";
      hint.className = "visually-hidden";
      hint.textContent = "Results appear as you type; Enter opens the first.";
      input.setAttribute("aria-describedby", hint.id);
      box = document.createElement("div");
      box.className = "search-results";
      box.id = "search_results";
      box.hidden = true;
      form.appendChild(hint);
      form.appendChild(box);
    }
    input.setAttribute("aria-controls", box.id);
    input.setAttribute("aria-expanded", "false");
    function close() {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }
    function links() {
      return Array.prototype.slice.call(box.querySelectorAll("a"));
    }
    var update = debounce(function () {
      var q = input.value.trim();
      if (!q) {
        close();
        return;
      }
      loadIndex(function () {
        if (input.value.trim() !== q) {
          return; // a later keystroke has its own update
        }
        renderResults(box, search(q, 8), q, { more: true });
        box.setAttribute("data-query", q);
        box.hidden = false;
        input.setAttribute("aria-expanded", "true");
      });
    }, 60);
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { loadIndex(function () {}); });
    // Enter submits the form: open the first result when there is one; otherwise (no
    // index yet, or nothing found) the form goes to search.html, which explains.
    form.addEventListener("submit", function (ev) {
      var q = input.value.trim();
      if (!q || !index) {
        return;
      }
      var res = search(q, 1);
      if (res.results.length) {
        ev.preventDefault();
        window.location.href = resultURL(res.results[0]);
      }
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && !box.hidden) {
        var l = links();
        if (l.length) {
          ev.preventDefault();
          l[0].focus();
        }
      } else if (ev.key === "Escape") {
        close();
      }
    });
    box.addEventListener("keydown", function (ev) {
      var l = links();
      var i = l.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && i >= 0 && i + 1 < l.length) {
        ev.preventDefault();
        l[i + 1].focus();
      } else if (ev.key === "ArrowUp" && i >= 0) {
        ev.preventDefault();
        (i > 0 ? l[i - 1] : input).focus();
      } else if (ev.key === "Escape") {
        close();
        input.focus();
      }
    });
    document.addEventListener("click", function (ev) {
      if (!form.contains(ev.target)) {
        close();
      }
    });
    document.addEventListener("keydown", function (ev) {
      // "/" focuses search, as on most documentation sites.
      var t = ev.target;
      var typing = t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName));
      if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        input.focus();
      }
    });
  }

  // page wires search.html: the query comes from ?q= and results are listed in full.
  function page(form) {
    var input = form.querySelector("input[type=search]");
    var out = document.getElementById("search_page_results");
    if (!input || !out) {
      return;
    }
    function run() {
      var q = input.value.trim();
      if (!q) {
        out.textContent = "";
        return;
      }
      loadIndex(function () {
        renderResults(out, search(q, 50), q, { more: false });
        out.setAttribute("data-query", q);
      }, function () {
        out.textContent = "The search index (search-index.js) could not be loaded or read (search needs a browser with DecompressionStream).";
      });
    }
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      try {
        history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
      } catch (e) {
        // file:// pages may refuse to change their URL; the results still show.
      }
      run();
    });
    input.addEventListener("input", debounce(run, 60));
    run();
  }

  // searchBox replaces the header's link to search.html by the search box. Pages carry
  // the link, not the box: without this script a box could only open that page, which
  // needs the script to search.
  function searchBox(link) {
    var form = document.createElement("form");
    form.className = "search-form";
    form.setAttribute("role", "search");
    form.setAttribute("action", link.getAttribute("href"));
    form.setAttribute("data-search", "popup");
    var input = document.createElement("input");
    input.id = "search_input";
    input.name = "q";
    input.type = "search";
    input.setAttribute("aria-label", "Search the ISMS");
    input.placeholder = "Search policies, controls, risks\u2026";
    input.autocomplete = "off";
    form.appendChild(input);
    link.parentNode.replaceChild(form, link);
  }

  Array.prototype.forEach.call(document.querySelectorAll("a[data-search=popup]"), searchBox);
  Array.prototype.forEach.call(document.querySelectorAll("form[data-search=popup]"), popup);
  Array.prototype.forEach.call(document.querySelectorAll("form[data-search=page]"), page);
})();
