// "Your time zone": when the member has none saved yet, fill in the browser's zone and save it
// once (the form is marked data-browser-default). The page then shows times in both zones.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-browser-default]");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!form || !zone) return;
  form.querySelector("input[name=timezone]").value = zone;
  fetch(form.action, { method: "POST", body: new FormData(form), headers: { "HX-Request": "true" } })
    .then((response) => {
      if (response.headers.get("HX-Trigger") === "timezone-saved") window.location.reload();
    });
});
