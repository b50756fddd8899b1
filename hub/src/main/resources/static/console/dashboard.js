// Draws the dashboard's charts from the same figures GET /api/v1/kpis serves (/console/dashboard/data); nothing is
// computed here but the chart layout. A click on a bar opens the tickets behind it.
(function () {
  'use strict';
  var box = document.getElementById('charts');
  if (!box || typeof echarts === 'undefined') { return; }
  var ticketsUrl = box.getAttribute('data-tickets');
  var region = box.getAttribute('data-region');

  // the ticket list with these filters and the dashboard's region (docs/console.md: the drill-down)
  function open(params) {
    if (region) { params.region = region; }
    window.location.href = ticketsUrl + '?' + Object.keys(params).map(function (k) {
      return k + '=' + encodeURIComponent(params[k]);
    }).join('&');
  }

  function plusDays(day, n) {
    var d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

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

  // SLA 达成率: per deadline (response, resolution) the met / breached / pending / no-deadline counts, stacked;
  // the labels come from the page (data-labels, data-series) so they follow the language switch.
  // A click on a segment lists the tickets of the period with that verdict of that deadline (the same conditions the
  // figure counts: ticket search filters sla and slaKind).
  function sla(el, s) {
    var labels = el.getAttribute('data-labels').split(',');
    var names = el.getAttribute('data-series').split(',');
    var fields = ['met', 'breached', 'pending', 'withoutDeadline'];
    var colors = ['#3ba272', '#ee6666', '#fac858', '#bbbbbb'];
    var verdicts = ['MET', 'BREACHED', 'PENDING', 'NONE'];
    var kinds = ['RESPONSE', 'RESOLUTION'];
    var targets = [s.response, s.resolution];
    var chart = echarts.init(el);
    chart.on('click', function (p) {
      open({ from: box.getAttribute('data-from'), to: box.getAttribute('data-to'),
        slaKind: kinds[p.dataIndex], sla: verdicts[p.seriesIndex] });
    });
    chart.setOption({ tooltip: { trigger: 'axis' }, legend: {},
      grid: { left: 10, right: 20, bottom: 30, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: labels.map(function (l, i) {
        var r = targets[i].rate;
        return r == null ? l : l + ' ' + (r * 100).toFixed(1) + '%';
      }) },
      series: fields.map(function (f, i) {
        return { name: names[i], type: 'bar', stack: 'all', color: colors[i],
          data: targets.map(function (t) { return t[f]; }) };
      }) });
  }

  // 满意度趋势: average score (line, left axis 0-5), low-score share (line, right axis in %), answers (bars on an
  // axis of their own, not drawn; their numbers are in the tooltip and the table below).
  // A click on a day (week) lists the tickets answered then; on the low-share line only the low scores.
  function satisfaction(el, s) {
    var names = el.getAttribute('data-series').split(',');
    var chart = echarts.init(el);
    chart.on('click', function (p) {
      var start = s.trend[p.dataIndex].start;
      var q = { answeredFrom: start, answeredTo: s.bucket === 'WEEK' ? plusDays(start, 6) : start };
      if (p.seriesIndex === 2) { q.satisfactionMax = box.getAttribute('data-low-score'); }
      open(q);
    });
    chart.setOption({ tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 50, bottom: 30 },
      xAxis: { type: 'category', data: s.trend.map(function (p) { return p.start; }) },
      yAxis: [{ type: 'value', min: 0, max: 5 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', min: 0, show: false }],
      series: [
        { name: names[0], type: 'line', yAxisIndex: 0, data: s.trend.map(function (p) { return p.average; }) },
        { name: names[1], type: 'bar', yAxisIndex: 2, itemStyle: { opacity: 0.3 },
          data: s.trend.map(function (p) { return p.answers; }) },
        { name: names[2], type: 'line', yAxisIndex: 1,
          data: s.trend.map(function (p) { return +(p.lowShare * 100).toFixed(1); }) }
      ] });
  }

  // the page carries the figures it shows (data-figures); the fetch is for a page without them
  var embedded = box.getAttribute('data-figures');
  (embedded ? Promise.resolve(JSON.parse(embedded))
    : fetch(box.getAttribute('data-src'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); }))
    .then(function (k) {
      stacked(document.getElementById('chart-per-day'), k.ticketsPerDay, function (day) {
        open({ from: day, to: day });
      });
      var statuses = unique(k.backlog.map(function (b) { return b.status; }));
      var backlog = echarts.init(document.getElementById('chart-backlog'));
      backlog.setOption({ tooltip: {}, grid: { left: 40, right: 10, bottom: 30 },
        xAxis: { type: 'category', data: statuses }, yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: statuses.map(function (s) {
          return k.backlog.filter(function (b) { return b.status === s; })
            .reduce(function (n, b) { return n + b.count; }, 0);
        }) }] });
      backlog.on('click', function (p) { open({ status: p.name }); });
      stacked(document.getElementById('chart-failures'), k.failuresPerDay, null);
      sla(document.getElementById('chart-sla'), k.sla);
      satisfaction(document.getElementById('chart-satisfaction'), k.satisfaction);
      box.setAttribute('data-ready', 'true');
    });
}());
