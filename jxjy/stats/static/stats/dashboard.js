/* Renders the dashboard charts from the JSON embedded in the page; a click on a compliance bar drills down. */
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    // the year select submits its form on change (no inline handler: the Content-Security-Policy forbids them)
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
    var node = document.getElementById("stats-data");
    if (!node || typeof echarts === "undefined") { return; }
    var data = JSON.parse(node.textContent);
    var charts = [];
    function chart(id, option) {
      var el = document.getElementById(id);
      if (!el) { return null; }
      var c = echarts.init(el, null, { renderer: "canvas" });
      c.setOption(option);
      charts.push(c);
      return c;
    }
    var comp = data.compliance || [];
    var compChart = chart("chart-compliance", {
      tooltip: { trigger: "axis", formatter: function (p) { var r = comp[p[0].dataIndex]; return r.name + "<br>达标率 " + r.rate + "%（" + r.compliant + "/" + r.evaluated + "）<br>人数 " + r.people; } },
      grid: { left: 40, right: 16, top: 24, bottom: 60 },
      xAxis: { type: "category", data: comp.map(function (r) { return r.name; }), axisLabel: { interval: 0, rotate: comp.length > 5 ? 30 : 0 } },
      yAxis: { type: "value", max: 100, name: "%" },
      series: [{ type: "bar", data: comp.map(function (r) { return r.rate; }), itemStyle: { color: "#1f5fa8" }, label: { show: true, position: "top" } }]
    });
    if (compChart) {
      compChart.on("click", function (p) { var r = comp[p.dataIndex]; if (r && r.url) { window.location.search = r.url.slice(1); } });
    }
    var hours = data.hours || { years: [], subjects: {}, forms: {} };
    var series = [];
    Object.keys(hours.subjects).forEach(function (k) { series.push({ name: k, type: "line", data: hours.subjects[k] }); });
    Object.keys(hours.forms).forEach(function (k) { series.push({ name: k, type: "bar", stack: "form", data: hours.forms[k] }); });
    chart("chart-hours", {
      tooltip: { trigger: "axis" }, legend: { type: "scroll", top: 0 },
      grid: { left: 50, right: 16, top: 40, bottom: 30 },
      xAxis: { type: "category", data: hours.years }, yAxis: { type: "value", name: "学时" }, series: series
    });
    var months = data.months || [];
    chart("chart-months", {
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 40, top: 40, bottom: 30 },
      xAxis: { type: "category", data: months.map(function (r) { return r.month + "月"; }) },
      yAxis: [{ type: "value", name: "班数" }, { type: "value", name: "人次" }],
      series: [
        { name: "办班数", type: "bar", data: months.map(function (r) { return r.classes; }) },
        { name: "参训人次", type: "line", yAxisIndex: 1, data: months.map(function (r) { return r.trainees; }) }
      ]
    });
    var prov = (data.providers || []).slice().reverse();
    chart("chart-providers", {
      tooltip: { trigger: "axis" },
      grid: { left: 150, right: 24, top: 16, bottom: 44 },
      xAxis: { type: "value", name: "学时", nameLocation: "middle", nameGap: 26 },
      yAxis: { type: "category", data: prov.map(function (r) { return r.name; }), axisLabel: { width: 140, overflow: "truncate" } },
      series: [{ type: "bar", data: prov.map(function (r) { return r.hours; }), itemStyle: { color: "#2e8b57" } }]
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
