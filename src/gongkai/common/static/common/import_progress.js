// Live import progress without reloading the page: the status page works without
// JavaScript (it refreshes itself through <noscript><meta refresh>); with it, this
// polls the run's JSON status and updates the numbers, then reloads once the run
// has finished so the rejected rows appear.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || box.getAttribute("data-active") !== "1" || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  function show(status) {
    var fields = box.querySelectorAll("[data-field]");
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i].getAttribute("data-field");
      if (name in status) {
        fields[i].textContent = status[name];
      }
    }
    var bar = document.getElementById("import-bar");
    if (bar) {
      bar.value = status.percent;
      bar.textContent = status.percent + "%";
    }
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        show(status);
        if (status.active) {
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
