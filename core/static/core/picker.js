// Pick a record as you type (core/picker.py): the search box asks the server for matches
// (name, pinyin, initials, digits), arrow keys move, Enter picks, Escape closes; the chosen
// record's id goes into the hidden input. Loaded once per picker: each box is set up once.
(function () {
  "use strict";

  function setUp(box) {
    box.dataset.pickerReady = "1";
    var query = box.querySelector("[data-picker-query]");
    var value = box.querySelector("[data-picker-value]");
    var shown = box.querySelector("[data-picker-shown]");
    var results = box.querySelector("[data-picker-results]");
    var chosen = box.querySelector("[data-picker-chosen]");
    var multiple = box.hasAttribute("data-picker-multiple");
    var list = box.querySelector("[data-picker-list]");
    var items = [];
    var found = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function close() {
      results.classList.add("d-none");
      query.setAttribute("aria-expanded", "false");
      query.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === index);
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        query.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({block: "nearest"});
      }
    }

    function add(record) {
      // Several records: each chosen one a ticked box (unticking takes it out).
      var boxes = list.querySelectorAll("input[type=checkbox]");
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].value === String(record.id)) {
          boxes[i].checked = true;
          return;
        }
      }
      var item = document.createElement("li");
      item.className = "form-check";
      var label = document.createElement("label");
      label.className = "form-check-label";
      var tick = document.createElement("input");
      tick.type = "checkbox";
      tick.className = "form-check-input";
      tick.name = box.dataset.name;
      tick.value = String(record.id);
      tick.checked = true;
      label.append(tick, " " + record.label);
      item.append(label);
      if (record.detail) {
        var detail = document.createElement("span");
        detail.className = "text-muted small ms-1";
        detail.textContent = record.detail;
        item.append(detail);
      }
      list.append(item);
    }

    function choose(record) {
      if (multiple) {
        add(record);
        query.value = "";
        close();
        return;
      }
      value.value = record.id;
      query.value = record.label;
      shown.value = record.label;
      chosen.textContent = record.detail || "";
      close();
      value.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function show(records) {
      found = records;
      results.replaceChildren();
      items = records.map(function (record, i) {
        var item = document.createElement("button");
        item.type = "button";
        item.className = "list-group-item list-group-item-action";
        item.id = query.id + "-option-" + i;
        item.setAttribute("role", "option");
        item.tabIndex = -1;
        var label = document.createElement("strong");
        label.textContent = record.label;
        item.append(label);
        if (record.detail) {
          var detail = document.createElement("span");
          detail.className = "text-muted ms-2 small";
          detail.textContent = record.detail;
          item.append(detail);
        }
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(record); });
        results.append(item);
        return item;
      });
      if (!records.length) {
        var none = document.createElement("div");
        none.className = "list-group-item text-muted";
        none.textContent = box.dataset.noMatch;
        results.append(none);
      }
      results.classList.remove("d-none");
      query.setAttribute("aria-expanded", "true");
      highlight(records.length ? 0 : -1);
    }

    function search() {
      var text = query.value.trim();
      if (!text) {
        close();
        return;
      }
      var ticket = ++latest;
      var url = box.dataset.searchUrl + (box.dataset.searchUrl.indexOf("?") < 0 ? "?" : "&") +
        "q=" + encodeURIComponent(text);
      fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) {
          if (ticket === latest) {  // an older, slower answer must not replace a newer one
            show(data.results);
          }
        });
    }

    query.addEventListener("input", function () {
      if (!multiple) {
        value.value = "";  // typing again means choosing again
        shown.value = "";
        chosen.textContent = "";
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    query.addEventListener("keydown", function (event) {
      var open = !results.classList.contains("d-none");
      if (event.key === "ArrowDown" && open && items.length) {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowDown" && !open) {
        event.preventDefault();
        search();
      } else if (event.key === "ArrowUp" && open && items.length) {
        event.preventDefault();
        highlight((active - 1 + items.length) % items.length);
      } else if (event.key === "Enter" && open) {
        event.preventDefault();  // Enter picks the record; it does not send the form
        if (active >= 0) {
          choose(found[active]);
        }
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    query.addEventListener("blur", close);
  }

  function setUpAll() {
    document.querySelectorAll("[data-picker]:not([data-picker-ready])").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
