// The case form: find the worker as you type (server-side search, arrow keys and Enter),
// and fill in the campaign's standard amount.
(function () {
  "use strict";

  var form = document.querySelector("form[data-case-form]");
  if (!form) {
    return;
  }

  // --- worker search ---------------------------------------------------------------------
  var box = form.querySelector("[data-worker-search]");
  if (box) {
    var query = box.querySelector("[data-worker-query]");
    var value = box.querySelector("[data-worker-value]");
    var results = box.querySelector("[data-worker-results]");
    var chosen = box.querySelector("[data-worker-chosen]");
    var items = [];
    var found = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    var close = function () {
      results.classList.add("d-none");
      query.setAttribute("aria-expanded", "false");
      active = -1;
    };

    var highlight = function (index) {
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === index);
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        items[index].scrollIntoView({block: "nearest"});
      }
    };

    var choose = function (worker) {
      value.value = worker.id;
      query.value = worker.name;
      chosen.textContent = worker.name + " · " + worker.id_number + " · " + worker.union;
      close();
      var next = form.querySelector("[name=kind]");
      if (next) {
        next.focus();
      }
    };

    var show = function (workers) {
      found = workers;
      results.replaceChildren();
      items = workers.map(function (worker, i) {
        var item = document.createElement("button");
        item.type = "button";
        item.className = "list-group-item list-group-item-action";
        item.id = query.id + "-option-" + i;
        item.setAttribute("role", "option");
        item.tabIndex = -1;
        var name = document.createElement("strong");
        name.textContent = worker.name;
        var detail = document.createElement("span");
        detail.className = "text-muted ms-2 small";
        detail.textContent = worker.id_number + " · " + worker.union + " · " + worker.hardship_level +
          (worker.exited ? " · " + box.dataset.outLabel : "") +
          (!worker.exited && worker.active === false ? " · " + worker.state : "");
        item.append(name, detail);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(worker); });
        results.append(item);
        return item;
      });
      if (!workers.length) {
        var none = document.createElement("div");
        none.className = "list-group-item text-muted";
        none.textContent = box.dataset.noMatch;
        results.append(none);
      }
      results.classList.remove("d-none");
      query.setAttribute("aria-expanded", "true");
      highlight(workers.length ? 0 : -1);
    };

    var search = function () {
      var text = query.value.trim();
      if (!text) {
        close();
        return;
      }
      var ticket = ++latest;
      fetch(box.dataset.searchUrl + "?q=" + encodeURIComponent(text), {
        headers: {"Accept": "application/json"}, credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.json() : {results: []};
      }).then(function (data) {
        if (ticket === latest) {  // an older, slower answer must not replace a newer one
          show(data.results);
        }
      });
    };

    query.addEventListener("input", function () {
      value.value = "";  // typing again means choosing again
      chosen.textContent = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    query.addEventListener("keydown", function (event) {
      var open = !results.classList.contains("d-none");
      if (event.key === "ArrowDown" && open && items.length) {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp" && open && items.length) {
        event.preventDefault();
        highlight((active - 1 + items.length) % items.length);
      } else if (event.key === "Enter" && open) {
        event.preventDefault();  // Enter picks the worker; it does not send the form
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

  // --- campaign's standard amount --------------------------------------------------------
  var campaign = form.querySelector("select[name=campaign]");
  var amount = form.querySelector("input[name=amount]");
  if (campaign && amount) {
    var filled = amount.value;  // the amount last filled in from a campaign
    campaign.addEventListener("change", function () {
      var option = campaign.selectedOptions[0];
      var standard = option ? option.dataset.standardAmount : undefined;
      if (standard && (!amount.value || amount.value === filled)) {
        amount.value = standard;
        filled = standard;
      }
    });
  }
})();
