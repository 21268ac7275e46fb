// Aid pages: confirmation of workflow steps, and ticking rows (the batch visit page with its row dates, the approval queue, payment batches).
(function () {
  "use strict";

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  // Tick boxes of a form: inside it or tied to it by their form="…" attribute (the approval
  // queue's rows, whose own buttons are forms of their own).
  document.querySelectorAll("form[data-batch-form]").forEach(function (batch) {
    var elements = Array.prototype.slice.call(batch.elements);
    var boxes = elements.filter(function (el) {
      return el.hasAttribute("data-tick") && !el.disabled;
    });
    var all = elements.filter(function (el) { return el.hasAttribute("data-tick-all"); })[0];
    var count = batch.querySelector("[data-tick-count]");

    function update() {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      if (count) {
        count.textContent = String(ticked);
      }
      if (all) {
        all.checked = ticked > 0 && ticked === boxes.length;
        all.indeterminate = ticked > 0 && ticked < boxes.length;
      }
    }

    if (all) {
      all.disabled = boxes.length === 0;
      all.addEventListener("change", function () {
        boxes.forEach(function (box) { box.checked = all.checked; });
        update();
      });
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
    rowDates(batch, boxes, all, update);
  });

  // The batch visit page: each row's own date. A ticked row shows the batch's date until its
  // own is typed; a date typed in a row ticks it. (An empty row date is the batch's date on
  // the server too.)
  function rowDates(batch, boxes, all, update) {
    var batchDate = batch.querySelector("input[name=granted_on]");
    var shown = batchDate ? batchDate.value : "";
    function rowDate(box) {
      var row = box.closest("tr");
      return row ? row.querySelector("input[data-row-date]") : null;
    }
    function follow(box) {
      var date = rowDate(box);
      if (date && box.checked && (!date.value || date.value === shown)) {
        date.value = batchDate ? batchDate.value : "";
      }
    }
    boxes.forEach(function (box) {
      box.addEventListener("change", function () { follow(box); });
      var date = rowDate(box);
      if (date) {
        date.addEventListener("change", function () {
          if (date.value && !box.checked) {
            box.checked = true;
            update();
          }
        });
      }
    });
    if (all) {
      all.addEventListener("change", function () { boxes.forEach(follow); });
    }
    if (batchDate) {
      batchDate.addEventListener("change", function () {
        boxes.forEach(function (box) {
          var date = rowDate(box);
          if (date && box.checked && (!date.value || date.value === shown)) {
            date.value = batchDate.value;
          }
        });
        shown = batchDate.value;
      });
    }
    boxes.forEach(follow);
  }
})();
