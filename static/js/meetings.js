// "My agenda": times are printed in the event's time zone; when the viewer's browser is in another
// zone, add their local time after each one. Without JavaScript the event's times stand alone.
document.addEventListener("DOMContentLoaded", () => {
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll("time[data-event-zone]").forEach((element) => {
    if (!mine || element.dataset.eventZone === mine) return;
    const moment = new Date(element.getAttribute("datetime"));
    const local = moment.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    const note = document.createElement("small");
    note.className = "viewer-time";
    note.textContent = ` (your time ${local})`;
    element.after(note);
  });
});
