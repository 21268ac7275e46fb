// The case form: fill in the campaign's standard amount and a date within the campaign (the
// worker is picked as you type by core/picker.js).
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

  // --- a date within the campaign --------------------------------------------------------
  // Today, or the campaign's last day when it is over (its first when it has not begun), unless
  // a date was typed. ISO dates compare as strings.
  var granted = form.querySelector("input[name=granted_on]");
  if (campaign && granted) {
    var today = form.dataset.today || granted.value;
    var dated = granted.value;  // the date last filled in here (or by the server)
    campaign.addEventListener("change", function () {
      var option = campaign.selectedOptions[0];
      var start = option ? option.dataset.startsOn : undefined;
      var end = option ? option.dataset.endsOn : undefined;
      if (!start || !end || (granted.value && granted.value !== dated)) {
        return;
      }
      var day = today < start ? start : (today > end ? end : today);
      granted.value = day;
      dated = day;
    });
  }
})();
