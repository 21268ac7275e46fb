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
  });
})();
