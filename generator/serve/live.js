// ismsgen live preview: injected into every page by `ismsgen serve`, never part of a
// build. It listens to the preview's event stream and
//   - reloads this page when its own output changed (or a script it runs changed),
//   - swaps changed stylesheets and images in place, without a reload,
//   - shows the build's errors over the page, which keeps the last good build, and
//     removes them when a rebuild succeeds.
// EventSource reconnects by itself; after a restart of the preview the page reloads.
(function () {
  "use strict";

  // The build this page was loaded from; the server writes it in when it serves this file.
  var build = "__ISMSGEN_BUILD__";
  var eventsURL = "/__ismsgen/events";

  // sitePath maps a same-origin URL to the path of a built file, as the server does:
  // "/" and "/dir/" are index.html files.
  function sitePath(href) {
    var u;
    try {
      u = new URL(href, location.href);
    } catch (e) {
      return null;
    }
    if (u.origin !== location.origin) {
      return null;
    }
    var p;
    try {
      p = decodeURIComponent(u.pathname);
    } catch (e) {
      p = u.pathname;
    }
    p = p.replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") {
      p += "index.html";
    }
    return p;
  }

  var self = sitePath(location.href);
  // The scripts the page runs: a change to one reloads the page (swapping a script in
  // place would run it twice).
  var scripts = {};
  Array.prototype.forEach.call(document.querySelectorAll("script[src]"), function (s) {
    var p = sitePath(s.src);
    if (p && p.indexOf("__ismsgen/") !== 0) {
      scripts[p] = true;
    }
  });

  function withBuster(href) {
    var u = new URL(href, location.href);
    u.searchParams.set("ismsgen", String(Date.now()));
    return u.href;
  }

  // swapStylesheet loads the new stylesheet beside the old one and removes the old one
  // once the new one applies, so the page never shows unstyled.
  function swapStylesheet(link) {
    var next = link.cloneNode(false);
    next.href = withBuster(link.href);
    var done = function () {
      if (link.parentNode) {
        link.parentNode.removeChild(link);
      }
    };
    next.addEventListener("load", done);
    next.addEventListener("error", done);
    link.parentNode.insertBefore(next, link.nextSibling);
  }

  function onChange(msg) {
    var changed = {};
    msg.changed.forEach(function (p) {
      changed[p] = true;
    });
    var reload = changed[self] || Object.keys(scripts).some(function (p) {
      return changed[p];
    });
    if (reload) {
      location.reload();
      return;
    }
    // The page itself did not change: it is now as good as the new build.
    build = msg.build;
    Array.prototype.forEach.call(document.querySelectorAll('link[rel~="stylesheet"]'), function (link) {
      var p = sitePath(link.href);
      if (p && changed[p]) {
        swapStylesheet(link);
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("img[src]"), function (img) {
      var p = sitePath(img.src);
      if (p && changed[p]) {
        img.src = withBuster(img.src);
      }
    });
  }

  // The overlay. It is built with DOM calls and textContent only: messages and source
  // lines are the author's text and must never be parsed as HTML.
  var overlayID = "ismsgen-overlay";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function ensureStyles() {
    if (document.getElementById("ismsgen-overlay-css")) {
      return;
    }
    var link = document.createElement("link");
    link.id = "ismsgen-overlay-css";
    link.rel = "stylesheet";
    link.href = "/__ismsgen/live.css";
    document.head.appendChild(link);
  }

  function hideErrors() {
    var old = document.getElementById(overlayID);
    if (old) {
      old.parentNode.removeChild(old);
    }
  }

  function showErrors(errors) {
    hideErrors();
    if (!errors || errors.length === 0) {
      return;
    }
    ensureStyles();
    var box = el("div", "ismsgen-overlay");
    box.id = overlayID;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "ismsgen-overlay-title");
    var panel = el("div", "ismsgen-panel");
    var head = el("div", "ismsgen-head");
    var title = el("h2", "ismsgen-title", errors.length === 1 ? "The sources have an error" : "The sources have " + errors.length + " errors");
    title.id = "ismsgen-overlay-title";
    var close = el("button", "ismsgen-close", "×");
    close.type = "button";
    close.title = "Hide until the next build";
    close.setAttribute("aria-label", "Hide the errors until the next build");
    close.addEventListener("click", hideErrors);
    head.appendChild(title);
    head.appendChild(close);
    panel.appendChild(head);
    panel.appendChild(el("p", "ismsgen-note", "The page below is the last good build. Save a fix and this goes away by itself."));
    errors.forEach(function (e) {
      var item = el("section", "ismsgen-error");
      if (e.pos) {
        item.appendChild(el("div", "ismsgen-pos", e.pos));
      }
      item.appendChild(el("div", "ismsgen-msg", e.message));
      if (e.source && e.source.length) {
        var pre = el("pre", "ismsgen-src");
        var width = String(e.source[e.source.length - 1].n).length;
        e.source.forEach(function (l) {
          var num = String(l.n);
          while (num.length < width) {
            num = " " + num;
          }
          var here = l.n === e.line;
          var row = el("span", here ? "ismsgen-line ismsgen-here" : "ismsgen-line", (here ? "> " : "  ") + num + " | " + l.text + "\n");
          pre.appendChild(row);
          if (here && e.col > 0) {
            var pad = "";
            for (var i = 0; i < width + 5 + e.col - 1; i++) {
              pad += " ";
            }
            pre.appendChild(el("span", "ismsgen-caret", pad + "^\n"));
          }
        });
        item.appendChild(pre);
      }
      panel.appendChild(item);
    });
    box.appendChild(panel);
    document.body.appendChild(box);
  }

  function setState(state) {
    document.documentElement.setAttribute("data-ismsgen-live", state);
  }

  function connect() {
    var es = new EventSource(eventsURL);
    es.addEventListener("hello", function (ev) {
      var msg = JSON.parse(ev.data);
      if (msg.build !== build) {
        location.reload(); // changes were made while this page was not listening
        return;
      }
      showErrors(msg.errors);
      setState("connected");
    });
    es.addEventListener("change", function (ev) {
      onChange(JSON.parse(ev.data));
    });
    es.addEventListener("status", function (ev) {
      showErrors(JSON.parse(ev.data).errors);
    });
    es.onerror = function () {
      setState("reconnecting");
      // EventSource retries a dropped connection by itself, but gives up for good
      // after an HTTP error (the preview restarting): then start over.
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(connect, 1000);
      }
    };
  }

  connect();
})();
