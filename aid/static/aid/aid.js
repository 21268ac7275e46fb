// Aid pages: confirmation of workflow steps, and ticking workers on the batch visit page.
(function () {
  "use strict";

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  var batch = document.querySelector("form[data-batch-form]");
  if (!batch) {
    return;
  }
  var boxes = Array.prototype.slice.call(batch.querySelectorAll("input[data-tick]:not(:disabled)"));
  var all = batch.querySelector("input[data-tick-all]");
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

  // Each row's own date: a ticked row shows the batch's date until its own is typed; a date
  // typed in a row ticks it. (An empty row date is the batch's date on the server too.)
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
})();
