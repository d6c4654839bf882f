// Breakout builder: drag a member between groups (SortableJS 1.15.7, vendored). The drop posts the
// same form as the "Move to group" select, so the server re-scores and returns the rounds fragment.
// Without JavaScript the select + Move button does the same through a normal form POST.
(function () {
  "use strict";

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  async function postMove(roundEl, userId, groupId) {
    const body = new URLSearchParams({ user_id: userId, group_id: groupId });
    const response = await fetch(roundEl.dataset.moveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
      credentials: "same-origin",
    });
    const target = document.getElementById("breakout-rounds");
    target.innerHTML = await response.text();
    if (window.htmx) window.htmx.process(target);
    enhance(target);
  }

  function enhance(root) {
    if (!window.Sortable) return;
    root.querySelectorAll(".breakout-round").forEach((roundEl) => {
      roundEl.querySelectorAll("ul.members").forEach((list) => {
        if (list.dataset.sortable) return;
        list.dataset.sortable = "1";
        window.Sortable.create(list, {
          group: "round-" + roundEl.id,
          animation: 120,
          handle: ".drag-handle",
          filter: "select, button, label",
          preventOnFilter: false,
          onEnd: (event) => {
            if (event.from === event.to) return;
            postMove(roundEl, event.item.dataset.userId, event.to.dataset.groupId);
          },
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => enhance(document));
  // htmx swaps (generate, lock, publish…) bring new lists: make them draggable too.
  document.addEventListener("htmx:afterSettle", (event) => enhance(event.detail.elt.closest("#breakout-rounds") || document));

  // Show the slider values next to the range inputs.
  document.addEventListener("input", (event) => {
    const el = event.target;
    if (el.type === "range") {
      const out = document.querySelector('output[for="' + el.id + '"]');
      if (out) out.value = el.value;
    }
  });
})();
