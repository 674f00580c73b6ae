/* Draws each chart of the 预决算 column from the data table beside it
   (Apache ECharts, vendored). Without JavaScript the tables alone are shown. */
(function () {
  "use strict";
  function number(cell) {
    var v = cell.getAttribute("data-value");
    return v === null || v === "" ? null : parseFloat(v);
  }
  function draw(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table || !table.tHead || !table.tBodies.length) return;
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1).map(function (c) {
      return c.textContent.trim();
    });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) {
      return r.cells.length === heads.length + 1;
    });
    if (!rows.length) return;
    var labels = rows.map(function (r) { return r.cells[0].textContent.trim(); });
    var kind = box.getAttribute("data-chart");
    var option = { aria: { enabled: true }, tooltip: { renderMode: "richText" }, animation: false };
    if (kind === "pie") {
      option.series = [{
        type: "pie", radius: ["30%", "60%"],
        data: rows.map(function (r, i) { return { name: labels[i], value: number(r.cells[1]) }; })
      }];
      option.tooltip.trigger = "item";
    } else {
      option.legend = { top: 0, type: "scroll" };
      option.grid = { left: 56, right: 16, top: 48, bottom: 32, containLabel: true };
      option.xAxis = { type: "category", data: labels };
      option.yAxis = { type: "value" };
      option.tooltip.trigger = "axis";
      option.series = heads.map(function (h, j) {
        return { name: h, type: kind, data: rows.map(function (r) { return number(r.cells[j + 1]); }) };
      });
    }
    box.hidden = false;
    var chart = window.echarts.init(box);
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function start() {
    if (!window.echarts) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
