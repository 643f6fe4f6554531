// Keep a personal form's answers as they are typed (a second after the last change) and
// say so in its status line, which screen readers announce. Without it, "Save and finish
// later" keeps them.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("save-status");
  if (!form || !status || !window.fetch) { return; }
  var timer, busy = false, again = false;
  function two(n) { return ("0" + n).slice(-2); }
  function save() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                        headers: {"X-Readygate-Autosave": "1"}}).then(function (r) {
      if (r.status !== 204) { throw r; }
      var t = new Date();
      status.textContent = form.dataset.saved.replace("%(time)s",
                                                      two(t.getHours()) + ":" + two(t.getMinutes()));
    }).catch(function () {
      status.textContent = form.dataset.unsaved;
    }).then(function () {
      busy = false;
      if (again) { again = false; later(); }
    });
  }
  function later() { clearTimeout(timer); timer = setTimeout(save, 1000); }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
