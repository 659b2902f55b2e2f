/* Keeps the unsent input of an inspection form in localStorage, so that a dropped connection on a
 * tablet loses nothing, and sends the form once the browser is back online. The form works without
 * this script: it only adds to the plain "Save draft" POST.
 *
 * A stored copy belongs to the revision of the draft the page showed. When the server has saved since
 * (the revision moved on, e.g. because our own submit got through), the copy is stale and dropped.
 */
(function () {
  "use strict";
  var form = document.getElementById("inspection-form");
  var status = document.getElementById("draft-status");
  if (!form || !status || !window.localStorage || !window.JSON) {
    return;
  }
  var key = form.getAttribute("data-draft-key");
  var revision = form.getAttribute("data-revision");

  function say(name) {
    status.textContent = status.getAttribute("data-" + name) || "";
    status.hidden = false;
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name && element.name !== "csrfmiddlewaretoken" &&
        element.type !== "file" && element.type !== "submit" && element.type !== "button";
    });
  }

  function store() {
    var values = {};
    fields().forEach(function (element) { values[element.name] = element.value; });
    try {
      window.localStorage.setItem(key, JSON.stringify({ revision: revision, values: values }));
    } catch (error) {
      /* Storage full or forbidden (private mode): the plain form still works. */
    }
  }

  function restore() {
    var stored = null;
    try {
      stored = JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      stored = null;
    }
    if (!stored || !stored.values) {
      return;
    }
    if (stored.revision !== revision) {
      window.localStorage.removeItem(key);
      return;
    }
    var changed = false;
    fields().forEach(function (element) {
      var value = stored.values[element.name];
      if (typeof value === "string" && element.value !== value) {
        element.value = value;
        changed = true;
      }
    });
    if (changed) {
      say("restored");
    }
  }

  restore();
  form.addEventListener("input", store);
  form.addEventListener("change", store);
  form.addEventListener("submit", function (event) {
    store();
    if (navigator.onLine !== false) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter || null;
    say("offline");
    window.addEventListener("online", function () {
      say("sending");
      if (form.requestSubmit) {
        form.requestSubmit(submitter);
      } else {
        form.submit();
      }
    }, { once: true });
  });
}());
