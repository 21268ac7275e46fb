// gonghui's own script on every page: lists on phones (see css/gonghui.css, "Phones").
(function () {
  "use strict";

  // A table marked .table-cards becomes one card per row on a phone: each cell is labelled
  // with its column's heading, copied here so that the templates name each column once.
  document.querySelectorAll("table.table-cards").forEach(function (table) {
    var labels = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.replace(/[▲▼]/g, "").trim();  // without the sort arrow
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (labels[index] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[index]);
        }
      });
    });
  });

  // A list's filters take a whole phone screen: there they start folded, unless some filter
  // is in force (the list is then what they chose, and they see how).
  var phone = window.matchMedia("(max-width: 767.98px)").matches;
  var filtered = Array.from(new URLSearchParams(window.location.search).keys()).some(
    function (key) { return key !== "page" && key !== "sort"; });
  if (phone && !filtered) {
    document.querySelectorAll("details[data-fold-on-phone]").forEach(function (details) {
      details.open = false;
    });
  }
})();
