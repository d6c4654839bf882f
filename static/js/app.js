// Small site behaviours that htmx does not cover. Everything here is an enhancement: pages work without it.
(function () {
  "use strict";

  // --- Errors from htmx requests --------------------------------------------------------------
  // 422 is a form sent back with its errors: swap it like a success. Other 4xx and 5xx answers are
  // not swapped by htmx; `showError` puts their message where the person is looking.
  if (window.htmx) {
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "422", swap: true },
      { code: "[45]..", swap: false, error: true },
    ];
  }

  const STATUS_TEXT = {
    400: "The request could not be used.",
    403: "You are not allowed to do that.",
    404: "That page or item no longer exists.",
    413: "That was too large.",
    429: "Too many attempts: wait a minute and try again.",
  };

  // The page-wide message box in base.html, used when the request's own target cannot hold a
  // message: it was removed or replaced meanwhile, it is a table row, or it is a background poll.
  function pageErrorBox() {
    return document.getElementById("htmx-error");
  }

  function canHoldMessage(target) {
    if (!target || !target.isConnected) return false;
    if (target.closest("table")) return false; // an <article> inside a row would break the table
    if (/every /.test(target.getAttribute("hx-trigger") || "")) return false;
    return true;
  }

  function fallbackMessage(xhr) {
    if (!xhr || xhr.status === 0) return "The server could not be reached. Check your connection and try again.";
    const reason = STATUS_TEXT[xhr.status] || "Something went wrong on our side. Try again in a moment.";
    return reason + " (HTTP " + xhr.status + ")";
  }

  function messageElement(text) {
    const p = document.createElement("p");
    p.className = "flash flash-error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    return p;
  }

  function showInPageBox(content) {
    const box = pageErrorBox();
    if (!box) return null;
    box.replaceChildren();
    if (typeof content === "string") {
      box.innerHTML = content;
    } else {
      box.appendChild(content);
    }
    box.hidden = false;
    return box;
  }

  function reveal(container) {
    const alert = container.querySelector('[role="alert"], .flash-error') || container;
    if (alert.scrollIntoView) alert.scrollIntoView({ block: "nearest" });
  }

  function showError(event) {
    const xhr = event.detail.xhr;
    if (xhr) xhr.errorShown = true;
    const body = xhr && xhr.responseText ? xhr.responseText.trim() : "";
    const isHtml = body.startsWith("<") && !/^<!doctype|^<html/i.test(body);
    const target = event.detail.target;
    let container;
    if (isHtml && canHoldMessage(target)) {
      // htmx.swap processes the new markup, so its buttons keep working after an error.
      window.htmx.swap(target, body, { swapStyle: "innerHTML" });
      container = target;
    } else if (isHtml) {
      container = showInPageBox(body);
    } else {
      container = showInPageBox(messageElement(body && body.length < 300 ? body : fallbackMessage(xhr)));
    }
    if (container) {
      if (window.htmx && container.id === "htmx-error") window.htmx.process(container);
      reveal(container);
    }
  }

  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:sendError", showError);
  document.addEventListener("htmx:timeout", showError);
  document.addEventListener("htmx:beforeRequest", (event) => {
    const { xhr, elt } = event.detail;
    // A new request clears the page-wide message of an earlier one.
    const box = pageErrorBox();
    const polling = /every /.test(elt.getAttribute("hx-trigger") || "");
    if (box && !box.hidden && !polling) {
      box.hidden = true;
      box.replaceChildren();
    }
    // htmx fires its error events on the element that sent the request. When that element was
    // removed or replaced while the request ran (another swap, a history restore), the events
    // never reach the document and the message would be lost: catch those answers here.
    xhr.addEventListener("abort", () => { xhr.aborted = true; }); // replaced on purpose (hx-sync)
    xhr.addEventListener("loadend", () => {
      setTimeout(() => {
        const failed = xhr.status === 0 || xhr.status >= 400;
        if (failed && !xhr.aborted && xhr.status !== 422 && !xhr.errorShown && !elt.isConnected) {
          showError({ detail: { xhr: xhr, target: null } });
        }
      }, 0);
    });
  });

  // --- Main navigation on a phone -------------------------------------------------------------
  // The "Menu" button is hidden without JavaScript (every link shows, wrapped). With it, narrow
  // screens fold the links until the button is pressed; Escape closes the menu again.
  function setUpMenu() {
    const nav = document.querySelector(".site-nav");
    const button = nav && nav.querySelector(".nav-toggle");
    if (!button) return;
    const setOpen = (open) => {
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("menu-closed", !open);
    };
    button.hidden = false;
    setOpen(false);
    button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
    nav.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && button.offsetParent) {
        setOpen(false);
        button.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpMenu);
  } else {
    setUpMenu();
  }
})();

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
