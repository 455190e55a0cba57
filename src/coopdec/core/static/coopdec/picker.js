/* Pickers search as you type: the form is sent to search, as the "Search" button does
   without JavaScript, and the matches replace the picker's results. Nothing is saved.
   Without this script the server does all of it when the form is sent. */
(function () {
  "use strict";
  var WAIT = 350;

  function search(box, picker, query) {
    var form = box.form;
    var data = new FormData(form);
    data.append("_search", box.name);
    return fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin"
    }).then(function (answer) {
      return answer.ok ? answer.text() : null;
    }).then(function (html) {
      if (html === null || box.value.trim() !== query) { return; }
      var page = new DOMParser().parseFromString(html, "text/html");
      var fresh = page.getElementById(picker.id);
      var found = fresh && fresh.querySelector(".picker-results");
      if (found) { picker.querySelector(".picker-results").innerHTML = found.innerHTML; }
    });
  }

  document.querySelectorAll(".picker input[type=search]").forEach(function (box) {
    var picker = box.closest(".picker");
    var timer = null;
    var last = "";
    function soon(delay) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = box.value.trim();
        if (query === last || query.length < 2) { return; }
        last = query;
        search(box, picker, query);
      }, delay);
    }
    box.addEventListener("input", function () { soon(WAIT); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); last = ""; soon(0); }
    });
  });

  /* The matches are on the page already: saving must not be taken for a search. */
  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector(".picker")) { return; }
    form.addEventListener("submit", function (event) {
      var by = event.submitter;
      if (by && (by.name === "_search" || by.name === "_create")) { return; }
      form.querySelectorAll(".picker input[type=search]").forEach(function (box) {
        box.value = "";
      });
    });
  });
})();
