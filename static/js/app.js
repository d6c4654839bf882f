// Small site behaviours that htmx does not cover. Everything here is an enhancement: pages work without it.
document.addEventListener("htmx:responseError", (event) => {
  // Show the server's error fragment instead of silently doing nothing.
  const target = event.detail.target;
  if (target && event.detail.xhr.responseText) {
    target.innerHTML = event.detail.xhr.responseText;
  }
});
