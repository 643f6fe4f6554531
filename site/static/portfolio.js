// Sorts the static site's portfolio by a column when its heading is pressed: a page opened
// from disk has no server to sort it. Without this script the table keeps its default order.
// Each sortable cell carries its value in data-sort ("" for none, which sorts last either
// way); equal values keep the default order, as the live app's sort does.
(function () {
  "use strict";
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var rows = Array.prototype.slice.call(body.rows);

    function sort(column, numeric, descending) {
      var keyed = rows.map(function (row, position) {
        var text = row.cells[column].getAttribute("data-sort") || "";
        return { row: row, position: position, empty: text === "",
                 value: numeric ? parseFloat(text) : text };
      });
      keyed.sort(function (a, b) {
        if (a.empty || b.empty) {
          return (a.empty - b.empty) || (a.position - b.position);
        }
        var order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
        return (descending ? -order : order) || (a.position - b.position);
      });
      keyed.forEach(function (item) { body.appendChild(item.row); });
    }

    headings.forEach(function (heading, column) {
      var type = heading.getAttribute("data-sort-type");
      if (!type) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      while (heading.firstChild) {
        button.appendChild(heading.firstChild);
      }
      heading.appendChild(button);
      button.addEventListener("click", function () {
        var descending = heading.getAttribute("aria-sort") === "ascending";
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sort(column, type === "number", descending);
      });
    });
  });
}());
