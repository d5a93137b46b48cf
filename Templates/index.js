// The page's filter box and copy buttons. The page is complete without this script: it only shows the box
// (hidden in the markup) and adds a copy button to each tenant ID. It reads the page's own text and never writes
// markup, only text and attributes. It has no less-than sign and no ampersand, because the page is also read as
// XML (mssp-report refuses a script with either): comparisons are written the other way round and conditions
// are nested.
(function () {
  "use strict";
  // Rows off screen are not laid out until they scroll near (wider than a phone, where each row is a grid):
  // opening and filtering a long list lay out about a screenful of rows. The rule is added here, before the
  // body is read, rather than written in the stylesheet, because the W3C Nu checker's CSS validator does not
  // know these properties yet.
  try {
    var sheet = document.styleSheets[document.styleSheets.length - 1];
    sheet.insertRule(
      "@media (min-width: 40.01rem) { main tbody tr { content-visibility: auto; contain-intrinsic-size: auto 2rem; } }",
      sheet.cssRules.length
    );
  } catch (error) {
    // A custom template without a stylesheet: nothing to speed up.
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function start() {
    var box = document.getElementById("filter");
    var input = document.getElementById("filter-input");
    var count = document.getElementById("filter-count");
    if (!box || !input || !count) return;
    var total = document.querySelectorAll("main tbody tr").length;
    var noun = total === 1 ? "customer" : "customers";
    var items = [];
    var groups = [];
    var copyLabel = "Copy";
    // The copy buttons are added after every row is read: adding each while reading would invalidate the live
    // row collections being read, once per row (2.5 s instead of 50 ms at 10,000 rows).
    var pending = [];

    // Case- and accent-insensitive text: "Müller" and "MULLER" both become "muller".
    var letters = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
    function fold(text) {
      return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[ßæœøłđðþı]/g, function (c) {
        return letters[c];
      });
    }

    function text(element) {
      return element ? element.textContent : "";
    }

    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
      var section = table.closest("section");
      var heading = section ? section.querySelector("h2") : null;
      var group = { section: section, entry: null, shown: 0 };
      Array.prototype.forEach.call(document.querySelectorAll("nav a"), function (link) {
        if (section) {
          if (link.getAttribute("href") === "#" + section.id) group.entry = link.closest("li");
        }
      });
      groups.push(group);
      var groupText = heading ? text(heading.firstChild) : "";
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var code = row.querySelector("code");
          var haystack = [text(row.cells[0]), text(code), text(row.querySelector("td.domain")), groupText];
          haystack.push(row.getAttribute("data-aliases") || "");
          // The access state: its words ("Expiring on …") and its token (access:expiring), which the summary's
          // counts link to as #filter=access:expiring.
          haystack.push(text(row.querySelector("td.access")), row.getAttribute("data-access") || "");
          items.push({ row: row, group: group, text: fold(haystack.join("\n")), portal: row.querySelector("a[href]"),
                       shown: true });
          if (code) pending.push([code, text(row.cells[0])]);
        });
      });
    });

    pending.forEach(function (entry) {
      addCopyButton(entry[0], entry[1]);
    });

    function addCopyButton(code, name) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = copyLabel;
      button.setAttribute("aria-label", copyLabel + " the tenant ID of " + name);
      code.after(button);
    }

    function copied(button, ok) {
      button.textContent = ok ? "Copied" : "Select and copy";
      setTimeout(function () {
        button.textContent = copyLabel;
      }, 1500);
    }

    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button.copy") : null;
      if (!button) return;
      var code = button.previousElementSibling;
      var value = text(code);
      function selectCode() {
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try {
          return document.execCommand("copy");
        } catch (error) {
          return false;
        }
      }
      if (navigator.clipboard) {
        if (navigator.clipboard.writeText) {
          navigator.clipboard.writeText(value).then(
            function () {
              copied(button, true);
            },
            function () {
              copied(button, selectCode());
            }
          );
          return;
        }
      }
      copied(button, selectCode());
    });

    var first = null;
    var shownText = "";
    function apply(query) {
      var terms = fold(query).split(/\s+/).filter(Boolean);
      var shown = 0;
      first = null;
      groups.forEach(function (group) {
        group.shown = 0;
      });
      items.forEach(function (item) {
        var match = terms.every(function (term) {
          return item.text.indexOf(term) !== -1;
        });
        // Only rows whose state changes are touched. Layout is left to the browser's next frame (nothing here
        // reads it), so keystrokes that come faster than frames cost one layout.
        if (item.shown !== match) {
          item.shown = match;
          item.row.hidden = !match;
        }
        if (match) {
          shown += 1;
          item.group.shown += 1;
          if (!first) first = item;
        }
      });
      groups.forEach(function (group) {
        var empty = group.shown === 0;
        if (group.section) {
          if (group.section.hidden !== empty) group.section.hidden = empty;
        }
        if (group.entry) {
          if (group.entry.hidden !== empty) group.entry.hidden = empty;
        }
      });
      var message = terms.length ? shown + " of " + total + " " + noun : total + " " + noun;
      if (message !== shownText) {
        count.textContent = message;
        shownText = message;
      }
    }

    // The filter is kept in the URL's fragment (#filter=…), which a link can share and no server sees.
    var prefix = "#filter=";
    function fromFragment() {
      if (location.hash.indexOf(prefix) !== 0) return null;
      try {
        return decodeURIComponent(location.hash.slice(prefix.length));
      } catch (error) {
        return null;
      }
    }
    function toFragment(query) {
      var url = location.pathname + location.search + (query ? prefix + encodeURIComponent(query) : "");
      try {
        history.replaceState(null, "", url);
      } catch (error) {
        // Some file: pages may not change their URL; the filter still works.
      }
    }

    input.addEventListener("input", function () {
      apply(input.value);
      toFragment(input.value);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        if (first) {
          if (first.portal) first.portal.click();
        }
      } else if (event.key === "Escape") {
        if (input.value) {
          event.preventDefault();
          input.value = "";
          apply("");
          toFragment("");
        } else {
          input.blur();
        }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
    window.addEventListener("hashchange", function () {
      var query = fromFragment();
      if (query !== null) {
        if (query !== input.value) {
          input.value = query;
          apply(query);
        }
      }
    });

    box.hidden = false;
    var initial = fromFragment();
    if (initial) input.value = initial;
    apply(input.value);
  }
})();
