// ismsgen default theme: progressive enhancements. Every page is complete without this
// script (the menu link jumps to the navigation, tables are plain tables); with it, the
// menu toggles in place and register tables (table[data-sortable]) sort and filter.
(function () {
  "use strict";

  // The menu link of narrow screens: without JavaScript it jumps to #site_nav, which
  // CSS shows with :target; with JavaScript it opens and closes the navigation in place.
  function navToggle() {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site_nav");
    if (!toggle || !nav) {
      return;
    }
    // Now a button that shows and hides the navigation (the markup is a plain link).
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-controls", nav.id);
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("keydown", function (ev) {
      if (ev.key === " ") {
        ev.preventDefault(); // a button answers Space as well as Enter
        toggle.click();
      }
    });
    toggle.addEventListener("click", function (ev) {
      ev.preventDefault();
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var first = nav.querySelector("a");
        if (first) {
          first.focus();
        }
      }
    });
  }

  // The skip link focuses <main> without navigating, so it also works on the 404 page,
  // whose <base href> would turn "#main_content" into a link to the home page.
  function skipLink() {
    var skip = document.querySelector(".skip-link");
    var main = document.getElementById("main_content");
    if (!skip || !main) {
      return;
    }
    skip.addEventListener("click", function (ev) {
      ev.preventDefault();
      main.focus();
      main.scrollIntoView();
    });
  }

  function text(node) {
    return (node.textContent || "").replace(/\s+/g, " ").trim();
  }

  // headText is a column header's words: an abbreviated header's full label.
  function headText(th) {
    var abbr = th.querySelector("abbr[title]");
    return abbr ? abbr.getAttribute("title") : text(th);
  }

  // cellValue is what a filter compares: data-value when the cell shows more than its
  // category (a risk level cell shows "12 High" and filters as "High").
  function cellValue(cell) {
    if (!cell) {
      return "";
    }
    var v = cell.getAttribute("data-value");
    return v !== null ? v : text(cell);
  }

  function sortKey(cell) {
    if (!cell) {
      return "";
    }
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : text(cell);
  }

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function isNumber(s) {
    return s !== "" && !isNaN(Number(s));
  }

  // enhanceTable adds sort buttons to the headers of a register table and, above it, a
  // bar with a text filter and one select per column marked th[data-filter].
  function enhanceTable(table, n) {
    var tbody = table.tBodies[0];
    var headRow = table.tHead && table.tHead.rows[0];
    if (!tbody || !headRow) {
      return;
    }
    var rows = Array.prototype.slice.call(tbody.rows);
    var heads = Array.prototype.slice.call(headRow.cells);
    var sorted = { col: -1, dir: "" };

    function sortBy(col) {
      // A level column (th[data-sort-first=descending]) sorts highest first.
      var first = heads[col].getAttribute("data-sort-first") === "descending" ? "descending" : "ascending";
      var dir = sorted.col !== col ? first : sorted.dir === "ascending" ? "descending" : "ascending";
      var keys = rows.map(function (r) { return sortKey(r.cells[col]); });
      var numeric = keys.every(function (k) { return k === "" || isNumber(k); });
      var order = rows.map(function (r, i) { return i; });
      order.sort(function (a, b) {
        var ka = keys[a], kb = keys[b];
        // Empty cells go last whichever the direction: they are gaps, not values.
        if (ka === "" || kb === "") {
          return ka === kb ? a - b : ka === "" ? 1 : -1;
        }
        var c = numeric ? Number(ka) - Number(kb) : collator.compare(ka, kb);
        if (dir === "descending") {
          c = -c;
        }
        return c || a - b;
      });
      order.forEach(function (i) { tbody.appendChild(rows[i]); });
      heads.forEach(function (th, i) {
        if (i === col) {
          th.setAttribute("aria-sort", dir);
        } else {
          th.removeAttribute("aria-sort");
        }
      });
      sorted = { col: col, dir: dir };
    }

    // The sort button covers its header cell and holds no text of its own, so that the
    // header's words stay in the cell (printing does not paint a button's text).
    heads.forEach(function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = "Sort by " + headText(th);
      button.setAttribute("aria-label", button.title);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(i); });
    });

    var bar = document.createElement("div");
    bar.className = "filter-bar";
    var id = "table" + n + "_";
    var query = document.createElement("input");
    query.type = "search";
    query.id = id + "q";
    query.autocomplete = "off";
    bar.appendChild(labelled("Filter rows", query));

    var selects = [];
    heads.forEach(function (th, i) {
      if (!th.hasAttribute("data-filter")) {
        return;
      }
      var values = {};
      rows.forEach(function (r) {
        var v = cellValue(r.cells[i]);
        if (v !== "") {
          values[v] = true;
        }
      });
      var select = document.createElement("select");
      select.id = id + "f" + i;
      select.setAttribute("data-col", String(i));
      select.appendChild(new Option("All", ""));
      Object.keys(values).sort(collator.compare).forEach(function (v) {
        select.appendChild(new Option(v, v));
      });
      bar.appendChild(labelled(headText(th), select));
      selects.push(select);
    });

    var status = document.createElement("p");
    status.className = "filter-status";
    status.setAttribute("role", "status");
    bar.appendChild(status);

    function apply() {
      var terms = query.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r) {
        var ok = selects.every(function (s) {
          return s.value === "" || cellValue(r.cells[Number(s.getAttribute("data-col"))]) === s.value;
        });
        if (ok && terms.length) {
          var t = text(r).toLowerCase();
          ok = terms.every(function (term) { return t.indexOf(term) >= 0; });
        }
        r.hidden = !ok;
        if (ok) {
          shown++;
        }
      });
      status.textContent = shown === rows.length ? rows.length + " rows" : "Showing " + shown + " of " + rows.length + " rows";
    }
    query.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    apply();

    if (table.classList.contains("register")) {
      cards(table, heads, rows);
      if (heads.length >= chooserColumns) {
        bar.insertBefore(columnChooser(heads, rows, id), status);
      }
    }
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(bar, wrap);
  }

  // cards labels each cell of a register with its column, so that narrow screens show
  // each row as a card (CSS: table.register.cards); empty cells are left out there.
  function cards(table, heads, rows) {
    rows.forEach(function (r) {
      Array.prototype.forEach.call(r.cells, function (td, i) {
        if (heads[i]) {
          td.setAttribute("data-label", headText(heads[i]));
        }
        if (text(td) === "") {
          td.classList.add("empty-cell");
        }
      });
    });
    table.classList.add("cards");
  }

  // chooserColumns is how many columns a register needs for a column chooser.
  var chooserColumns = 9;

  // columnChooser is a menu of one checkbox per column that shows or hides it.
  function columnChooser(heads, rows, id) {
    var details = document.createElement("details");
    details.className = "column-chooser";
    var summary = document.createElement("summary");
    summary.textContent = "Columns";
    details.appendChild(summary);
    var set = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.className = "visually-hidden";
    legend.textContent = "Columns to show";
    set.appendChild(legend);
    heads.forEach(function (th, i) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.id = id + "c" + i;
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + headText(th)));
      box.addEventListener("change", function () {
        th.classList.toggle("col-off", !box.checked);
        rows.forEach(function (r) {
          if (r.cells[i]) {
            r.cells[i].classList.toggle("col-off", !box.checked);
          }
        });
      });
      set.appendChild(label);
    });
    details.appendChild(set);
    return details;
  }

  // headerHeight tells CSS (--header-h) how tall the sticky site header is, so that
  // register header rows stick just below it.
  function headerHeight() {
    var header = document.querySelector(".site-header");
    if (!header) {
      return;
    }
    function measure() {
      var sticky = getComputedStyle(header).position === "sticky";
      document.documentElement.style.setProperty("--header-h", (sticky ? header.offsetHeight : 0) + "px");
    }
    measure();
    window.addEventListener("resize", measure);
  }

  function labelled(caption, control) {
    var label = document.createElement("label");
    label.htmlFor = control.id;
    label.textContent = caption;
    var span = document.createElement("span");
    span.className = "filter";
    span.appendChild(label);
    span.appendChild(control);
    return span;
  }

  // The sidebar lists its own section's documents (a window of them on a large site) and
  // only the title and count of the others, so that its size does not grow with the site.
  // Without JavaScript a section's title (and a window's "All N documents" link) opens the
  // section's page; with it, a button lists the whole section in place from nav-index.js, loaded on
  // first use.
  var navTree = null;
  function loadNav(cb, fail) {
    if (navTree) {
      cb(navTree);
      return;
    }
    var s = document.createElement("script");
    s.src = (document.body.getAttribute("data-root") || "") + "nav-index.js";
    s.onload = function () {
      unzip(window.ISMSGEN_NAV || [], function (tree) {
        navTree = tree;
        cb(navTree);
      }, fail);
    };
    s.onerror = fail;
    document.head.appendChild(s);
  }

  // unzip calls cb with the tree: nav-index.js carries it as search-index.js carries the
  // index, gzip-compressed and base64-encoded, and js/search.js (which js/site.js carries
  // after this script) decodes both. Without it, or where the browser cannot decompress,
  // fail leaves the section to its link to its page.
  function unzip(raw, cb, fail) {
    if (!raw.gz) {
      cb(raw);
    } else if (typeof window.ISMSGEN_DECODE === "function") {
      window.ISMSGEN_DECODE(raw, cb, fail);
    } else {
      fail();
    }
  }

  function navExpand() {
    var nav = document.getElementById("site_nav");
    if (!nav) {
      return;
    }
    var root = document.body.getAttribute("data-root") || "";
    var here = nav.querySelector("a[aria-current]");
    var hereURL = here ? here.href : null; // resolved: the sidebar links its section by file name
    Array.prototype.forEach.call(nav.querySelectorAll("section[data-nav]"), function (sec) {
      // A window of the section ends with "All N documents"; a closed one shows its count.
      var more = sec.querySelector(".nav-more");
      var count = sec.querySelector(".nav-count");
      if (!more && !count) {
        return; // the whole section is listed already
      }
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "nav-expand";
      btn.setAttribute("aria-expanded", "false");
      // A window's section has its count in data-count, a closed one in its .nav-count.
      btn.textContent = "Show all " + (sec.getAttribute("data-count") || count.textContent);
      btn.addEventListener("click", function () {
        loadNav(function (tree) {
          var key = sec.getAttribute("data-nav");
          var section = tree.filter(function (s) { return s.k === key; })[0];
          if (!section) {
            return;
          }
          var ul = sec.querySelector("ul") || document.createElement("ul");
          ul.textContent = "";
          section.i.forEach(function (it) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = root + it[2];
            if (a.href === hereURL) {
              a.setAttribute("aria-current", "page");
            }
            if (it[0]) {
              var id = document.createElement("span");
              id.textContent = it[0];
              a.appendChild(id);
              a.appendChild(document.createTextNode(" "));
            }
            a.appendChild(document.createTextNode(it[1]));
            li.appendChild(a);
            ul.appendChild(li);
          });
          if (!ul.parentNode) {
            sec.insertBefore(ul, btn);
          }
          if (count) {
            count.parentNode.removeChild(count);
          }
          if (more) {
            more.parentNode.removeChild(more);
          }
          btn.parentNode.removeChild(btn);
        }, function () {
          // nav-index.js could not be read here: the section's page lists it all.
          var page = sec.querySelector("h2 a");
          if (page) {
            window.location.href = page.href;
          }
        });
      });
      sec.insertBefore(btn, more);
    });
  }

  // A heading of a Markdown body gets a self-link a mouse user can copy. It is hidden from
  // assistive technology and the tab order (the heading itself is the landmark), and made
  // here rather than written into every heading of every page.
  function headingAnchors() {
    var sel = [1, 2, 3, 4, 5, 6].map(function (l) { return ".doc-body h" + l + "[id]"; }).join(", ");
    Array.prototype.forEach.call(document.querySelectorAll(sel), function (h) {
      if (h.closest("a")) {
        return; // no link inside a link
      }
      var a = document.createElement("a");
      a.className = "heading-anchor";
      a.href = "#" + h.id;
      a.setAttribute("aria-hidden", "true");
      a.tabIndex = -1;
      a.textContent = "#";
      h.appendChild(a);
    });
  }

  navToggle();
  skipLink();
  headingAnchors();
  navExpand();
  headerHeight();
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhanceTable);
})();
