// Draws the dashboard's charts from the same figures GET /api/v1/kpis serves (/console/dashboard/data); nothing is
// computed here but the chart layout. A click on a bar opens the tickets behind it.
(function () {
  'use strict';
  var box = document.getElementById('charts');
  if (!box || typeof echarts === 'undefined') { return; }
  var ticketsUrl = box.getAttribute('data-tickets');

  function unique(list) { return list.filter(function (v, i) { return list.indexOf(v) === i; }); }

  function stacked(el, rows, onClick) {
    var days = unique(rows.map(function (r) { return r.day; })).sort();
    var keys = unique(rows.map(function (r) { return r.key; })).sort();
    var series = keys.map(function (k) {
      return { name: k, type: 'bar', stack: 'all', data: days.map(function (d) {
        var hit = rows.filter(function (r) { return r.day === d && r.key === k; })[0];
        return hit ? hit.count : 0;
      }) };
    });
    var chart = echarts.init(el);
    chart.setOption({ tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 10, bottom: 30 },
      xAxis: { type: 'category', data: days }, yAxis: { type: 'value', minInterval: 1 }, series: series });
    if (onClick) { chart.on('click', function (p) { onClick(p.name, p.seriesName); }); }
  }

  fetch(box.getAttribute('data-src'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (k) {
      stacked(document.getElementById('chart-per-day'), k.ticketsPerDay, function (day) {
        window.location.href = ticketsUrl + '?from=' + day + '&to=' + day;
      });
      var statuses = unique(k.backlog.map(function (b) { return b.status; }));
      var backlog = echarts.init(document.getElementById('chart-backlog'));
      backlog.setOption({ tooltip: {}, grid: { left: 40, right: 10, bottom: 30 },
        xAxis: { type: 'category', data: statuses }, yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: statuses.map(function (s) {
          return k.backlog.filter(function (b) { return b.status === s; })
            .reduce(function (n, b) { return n + b.count; }, 0);
        }) }] });
      backlog.on('click', function (p) { window.location.href = ticketsUrl + '?status=' + encodeURIComponent(p.name); });
      stacked(document.getElementById('chart-failures'), k.failuresPerDay, null);
      box.setAttribute('data-ready', 'true');
    });
}());
