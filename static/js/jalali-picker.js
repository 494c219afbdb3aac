// Picking a day of a Jalali calendar (dashboard/jalali.py) fills its date field and closes the calendar.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var day = event.target.closest && event.target.closest(".jalali-day");
    if (!day) return;
    var input = document.getElementById(day.dataset.field);
    if (input) {
      input.value = day.dataset.value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    }
    day.closest("[id^='calendar-slot-']").innerHTML = "";
  });
})();
