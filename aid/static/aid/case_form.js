// The case form: fill in the campaign's standard amount (the worker is picked as you type by
// core/picker.js).
(function () {
  "use strict";

  var form = document.querySelector("form[data-case-form]");
  if (!form) {
    return;
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
