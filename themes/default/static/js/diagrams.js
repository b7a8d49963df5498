// ismsgen default theme: draws the Mermaid diagrams of a page (figure[data-diagram]) with
// the Mermaid build in js/vendor/mermaid/, which only pages with a diagram load. Without
// JavaScript, and when a diagram cannot be drawn, its source stays visible as a code block.
//
// Content-Security-Policy: default-src 'self' (what ismsgen serve sends, and what a strict
// intranet server may send) forbids inline styles: <style> elements and style attributes,
// even in documents that DOMParser makes. Mermaid writes both while it draws, and parses
// its own output again to sanitise it, so each one would be refused, reported as a console
// error, and the diagram drawn unstyled (black shapes, the wrong font, labels measured in
// it). While Mermaid draws, this script routes every inline style through the CSSOM,
// which CSP does not govern:
//   - setAttribute("style", v) sets element.style.cssText instead;
//   - markup given to innerHTML or DOMParser has its style attributes renamed to
//     data-ismsgen-style (set through element.style once in the page) and its inline event
//     handlers dropped (the sanitiser drops them too, but parsing one is a CSP violation);
//   - a <style> element is not inserted: its CSS goes into a constructed stylesheet that
//     the document adopts (Mermaid scopes it to the diagram's id).
// The drawn SVG is parsed the same way and replaces the source. No eval is needed.
(function () {
  "use strict";

  var HIDDEN = "data-ismsgen-style";

  // hideStyles rewrites markup so that parsing it sets no inline style or handler: style
  // attributes become data-ismsgen-style, on* attributes are dropped, and <style> elements
  // are cut out, their text pushed to css when given.
  function hideStyles(markup, css) {
    var out = "";
    var i = 0;
    var n = markup.length;
    while (i < n) {
      var lt = markup.indexOf("<", i);
      if (lt < 0) {
        out += markup.slice(i);
        break;
      }
      out += markup.slice(i, lt);
      i = lt;
      var skip = skipSpecial(markup, i);
      if (skip > i) {
        out += markup.slice(i, skip);
        i = skip;
        continue;
      }
      var name = /^<([A-Za-z][^\s\/>]*)/.exec(markup.slice(i, i + 100));
      if (!name) {
        out += "<";
        i++;
        continue;
      }
      var tag = readTag(markup, i + name[0].length);
      if (name[1].toLowerCase() === "style") {
        var close = markup.toLowerCase().indexOf("</style", tag.end);
        var stop = close < 0 ? n : close;
        if (css) {
          css.push(markup.slice(tag.end, stop));
        }
        var gt = close < 0 ? -1 : markup.indexOf(">", close);
        i = gt < 0 ? n : gt + 1;
        continue;
      }
      out += name[0] + tag.text;
      i = tag.end;
    }
    return out;
  }

  // skipSpecial returns the end of a comment, CDATA section or declaration at i, or i.
  function skipSpecial(markup, i) {
    var ends = [["<!--", "-->"], ["<![CDATA[", "]]>"], ["<!", ">"], ["<?", ">"]];
    for (var k = 0; k < ends.length; k++) {
      if (markup.startsWith(ends[k][0], i)) {
        var end = markup.indexOf(ends[k][1], i + ends[k][0].length);
        return end < 0 ? markup.length : end + ends[k][1].length;
      }
    }
    return i;
  }

  // readTag reads the attributes of a start tag from j (after its name) to its ">",
  // rewriting them; it returns the rewritten text and the offset after the tag.
  function readTag(markup, j) {
    var n = markup.length;
    var text = "";
    for (;;) {
      var ws = /^[\s\/]*/.exec(markup.slice(j, j + 100))[0];
      text += ws;
      j += ws.length;
      if (j >= n) {
        return { text: text, end: n };
      }
      if (markup[j] === ">") {
        return { text: text + ">", end: j + 1 };
      }
      var attr = /^[^\s\/>=]+/.exec(markup.slice(j, j + 200));
      if (!attr) {
        text += markup[j];
        j++;
        continue;
      }
      j += attr[0].length;
      var value = "";
      var eq = /^\s*=\s*/.exec(markup.slice(j, j + 100));
      if (eq) {
        value = eq[0];
        j += eq[0].length;
        var q = markup[j];
        var end;
        if (q === '"' || q === "'") {
          end = markup.indexOf(q, j + 1);
          end = end < 0 ? n : end + 1;
        } else {
          end = j + /^[^\s>]*/.exec(markup.slice(j))[0].length;
        }
        value += markup.slice(j, end);
        j = end;
      }
      var lower = attr[0].toLowerCase();
      if (lower.slice(0, 2) === "on") {
        continue;
      }
      text += (lower === "style" ? HIDDEN : attr[0]) + value;
    }
  }

  // restore sets the hidden styles of root and its descendants through the CSSOM.
  function restore(root) {
    var els = [root].concat(Array.prototype.slice.call(root.querySelectorAll("[" + HIDDEN + "]")));
    els.forEach(function (el) {
      if (el.hasAttribute && el.hasAttribute(HIDDEN)) {
        el.style.cssText = el.getAttribute(HIDDEN);
        el.removeAttribute(HIDDEN);
      }
    });
  }

  // adopt adds a constructed stylesheet with css to the document and returns it.
  function adopt(css) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    return sheet;
  }

  function isStyle(node) {
    return !!node && node.nodeType === 1 && node.localName === "style";
  }

  // withoutInlineStyles runs draw (which returns a promise) with the DOM methods that
  // would write inline styles routed through the CSSOM, and puts them back after.
  function withoutInlineStyles(draw) {
    var E = Element.prototype;
    var N = Node.prototype;
    var P = DOMParser.prototype;
    var saved = {
      setAttribute: E.setAttribute,
      setAttributeNS: E.setAttributeNS,
      innerHTML: Object.getOwnPropertyDescriptor(E, "innerHTML"),
      insertBefore: N.insertBefore,
      appendChild: N.appendChild,
      parseFromString: P.parseFromString
    };
    var styleText = new WeakMap(); // <style> elements given CSS by innerHTML
    var held = []; // <style> elements kept out of the document, with their sheets
    function setStyle(el, name, value) {
      if (String(name).toLowerCase() !== "style") {
        return false;
      }
      el.style.cssText = String(value);
      return true;
    }
    function css(el) {
      return styleText.has(el) ? styleText.get(el) : el.textContent;
    }
    function hold(node) {
      if (!isStyle(node)) {
        return false;
      }
      held.push({ el: node, sheet: adopt(css(node)) });
      return true;
    }
    E.setAttribute = function (name, value) {
      if (!setStyle(this, name, value)) {
        saved.setAttribute.call(this, name, value);
      }
    };
    E.setAttributeNS = function (ns, name, value) {
      if (ns || !setStyle(this, name, value)) {
        saved.setAttributeNS.call(this, ns, name, value);
      }
    };
    Object.defineProperty(E, "innerHTML", {
      configurable: true,
      enumerable: saved.innerHTML.enumerable,
      get: saved.innerHTML.get,
      set: function (v) {
        if (isStyle(this)) {
          styleText.set(this, String(v));
          return;
        }
        saved.innerHTML.set.call(this, hideStyles(String(v)));
        restore(this);
      }
    });
    N.insertBefore = function (node, ref) {
      return hold(node) ? node : saved.insertBefore.call(this, node, ref);
    };
    N.appendChild = function (node) {
      return hold(node) ? node : saved.appendChild.call(this, node);
    };
    P.parseFromString = function (s, type) {
      return saved.parseFromString.call(this, hideStyles(String(s)), type);
    };
    function putBack() {
      E.setAttribute = saved.setAttribute;
      E.setAttributeNS = saved.setAttributeNS;
      Object.defineProperty(E, "innerHTML", saved.innerHTML);
      N.insertBefore = saved.insertBefore;
      N.appendChild = saved.appendChild;
      P.parseFromString = saved.parseFromString;
      // CSS written into a held <style> after it was "inserted" (d3's append().text()).
      held.forEach(function (h) {
        h.sheet.replaceSync(css(h.el));
      });
    }
    return draw().then(function (v) {
      putBack();
      return v;
    }, function (err) {
      putBack();
      throw err;
    });
  }

  // show puts a drawn SVG (markup) into the figure in place of the source.
  function show(figure, svg) {
    var css = [];
    var doc = new DOMParser().parseFromString(hideStyles(svg, css), "text/html");
    var node = doc.body.firstElementChild;
    if (!node) {
      throw new Error("Mermaid returned no SVG");
    }
    css.forEach(adopt);
    node = document.adoptNode(node);
    restore(node);
    var box = document.createElement("div");
    box.className = "diagram-drawing";
    box.appendChild(node);
    figure.replaceChildren(box);
  }

  // fail leaves the source shown and says why the diagram could not be drawn.
  function fail(figure, err) {
    var msg = String((err && err.message) || err || "unknown error").split("\n")[0];
    var p = document.createElement("p");
    p.className = "diagram-error";
    p.textContent = "This diagram could not be drawn (" + msg + "). Its source is shown below.";
    figure.insertBefore(p, figure.firstChild);
    figure.setAttribute("data-diagram-error", msg);
  }

  async function drawAll() {
    var figures = document.querySelectorAll("figure[data-diagram]");
    if (!figures.length || typeof mermaid === "undefined") {
      return;
    }
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      suppressErrorRendering: true,
      theme: dark ? "dark" : "default"
    });
    for (var i = 0; i < figures.length; i++) {
      var figure = figures[i];
      var source = figure.querySelector("code");
      try {
        var id = figure.id + "_svg";
        var res = await withoutInlineStyles(function () {
          return mermaid.render(id, source ? source.textContent : "");
        });
        show(figure, res.svg);
        figure.setAttribute("data-diagram-state", "drawn");
      } catch (err) {
        fail(figure, err);
        figure.setAttribute("data-diagram-state", "failed");
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
