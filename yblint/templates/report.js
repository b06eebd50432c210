/* Filters of the yblint review page: a finding shows when both its rule and its severity are
   ticked. Without JavaScript the form stays hidden and every finding shows. ASCII only: the
   page's Content-Security-Policy allows this script by the hash of its exact text. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var findings = document.querySelectorAll("article.finding");
  var files = document.querySelectorAll("section.file");
  var shown = document.getElementById("shown");
  var counter = form.querySelector(".shown");

  function ticked(name) {
    var on = {};
    form.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }

  function apply() {
    var rules = ticked("rule");
    var severities = ticked("severity");
    var visible = 0;
    findings.forEach(function (f) {
      var show = rules[f.dataset.rule] !== false && severities[f.dataset.severity] !== false;
      f.hidden = !show;
      if (show) {
        visible += 1;
      }
    });
    files.forEach(function (section) {
      section.hidden = !section.querySelector("article.finding:not([hidden])");
    });
    shown.textContent = counter.dataset.template
      .replace("{shown}", String(visible))
      .replace("{total}", counter.dataset.total);
  }

  form.addEventListener("change", apply);
  document.getElementById("show-all").addEventListener("click", function () {
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = true;
    });
    apply();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
  apply();
})();
