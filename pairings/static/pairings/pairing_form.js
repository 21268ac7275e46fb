// New pairing: show the beneficiary and helper fields that fit the chosen kind and programme.
(function () {
  "use strict";
  var form = document.querySelector("[data-pairing-form]");
  if (!form) { return; }
  var programmes = JSON.parse(document.getElementById("programme-of-round").textContent);
  var roundField = form.querySelector("[name=round]");
  var kindField = form.querySelector("[name=beneficiary_kind]");
  form.querySelector("[name=official]").setAttribute("list", "officials");
  form.querySelector("[name=unit]").setAttribute("list", "units");

  function showOnly(attribute, value) {
    form.querySelectorAll("[" + attribute + "]").forEach(function (block) {
      block.hidden = value !== "" && block.getAttribute(attribute) !== value;
    });
  }
  function update() {
    var kind = kindField.value;
    showOnly("data-beneficiary", kind === "worker" ? "worker" : "named");
    showOnly("data-programme", programmes[roundField.value] || "");
  }
  roundField.addEventListener("change", update);
  kindField.addEventListener("change", update);
  update();
})();
