// "New since your last visit" on actor and topic pages. The page keeps, in
// localStorage, the newest publication day among its entries (each marked
// data-published="YYYY-MM-DD"); on the next visit it marks the entries
// published after that day. It works from file://, and when storage is off
// or throws (blocked cookies, some private modes) it does nothing. Nothing
// is reserved for the marks, so readers without scripts see no gap.
(function () {
  "use strict";
  var entries = document.querySelectorAll("[data-published]");
  if (!entries.length) return;
  var key = "sitegen:newest-seen:" + location.pathname;
  var seen;
  try {
    seen = window.localStorage.getItem(key);
  } catch (error) {
    return;
  }
  var newest = "";
  var fresh = [];
  for (var i = 0; i < entries.length; i++) {
    var day = entries[i].getAttribute("data-published") || "";
    if (day > newest) newest = day;
    // ISO days compare as text; a first visit marks nothing.
    if (seen && day > seen) fresh.push(entries[i]);
  }
  try {
    if (newest > (seen || "")) window.localStorage.setItem(key, newest);
  } catch (error) {
    return;
  }
  if (!fresh.length) return;
  for (var j = 0; j < fresh.length; j++) {
    var entry = fresh[j];
    entry.classList.add("is-new");
    var mark = document.createElement("span");
    mark.className = "badge badge-new";
    mark.textContent = "New";
    var place = entry.querySelector(".statement-meta") || entry;
    place.insertBefore(mark, place.firstChild);
  }
  var note = document.getElementById("new-since");
  if (note) {
    note.textContent = fresh.length + (fresh.length === 1 ? " entry is" : " entries are") +
      " new since your last visit, marked “New”.";
    note.hidden = false;
  }
})();
