// Small site behaviours that htmx does not cover. Everything here is an enhancement: pages work without it.
document.addEventListener("htmx:responseError", (event) => {
  // Show the server's error fragment instead of silently doing nothing.
  const target = event.detail.target;
  if (target && event.detail.xhr.responseText) {
    target.innerHTML = event.detail.xhr.responseText;
  }
});

// A refused htmx action (422) comes with its own fragment: swap it in place on elements that ask
// for it (data-swap-refusals), instead of htmx's default of leaving 4xx answers unswapped.
document.addEventListener("htmx:beforeSwap", (event) => {
  const asker = event.detail.elt && event.detail.elt.closest("[data-swap-refusals]");
  if (asker && event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// The peer tabs keep the hidden "tab" field of the filter form in step with the tab shown.
document.addEventListener("htmx:beforeRequest", (event) => {
  const tab = event.detail.elt && event.detail.elt.closest("[data-peer-tab]");
  const field = document.getElementById("peer-tab");
  if (tab && field) {
    field.value = tab.dataset.peerTab;
  }
});

// Print buttons (the printable breakout round).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
