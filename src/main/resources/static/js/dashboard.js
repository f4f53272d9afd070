// The dashboard's trend chart (Chart.js from a WebJar) and sortable per-rep table.
// The page reads fine without it: every figure is also in the tiles and tables.
(function () {
  'use strict';

  function chart() {
    var canvas = document.getElementById('trend-chart');
    if (!canvas || typeof Chart === 'undefined') return;
    var days = JSON.parse(canvas.getAttribute('data-days') || '[]');
    new Chart(canvas, {
      data: {
        labels: days.map(function (d) { return d.day; }),
        datasets: [
          { type: 'bar', label: canvas.getAttribute('data-label-handoffs'), yAxisID: 'volume',
            data: days.map(function (d) { return d.handoffs; }), backgroundColor: '#bcccdc' },
          { type: 'line', label: canvas.getAttribute('data-label-compliance'), yAxisID: 'compliance',
            data: days.map(function (d) { var n = d.met + d.breached; return n ? Math.round(1000 * d.met / n) / 10 : null; }),
            borderColor: '#0b69a3', backgroundColor: '#0b69a3', spanGaps: true, tension: 0.2, pointRadius: 2 }
        ]
      },
      options: {
        maintainAspectRatio: false, animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          volume: { position: 'left', beginAtZero: true, ticks: { precision: 0 } },
          compliance: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } }
        }
      }
    });
  }

  function sortable(table) {
    var buttons = table.querySelectorAll('button.sort');
    buttons.forEach(function (button, column) {
      button.addEventListener('click', function () {
        var ascending = button.getAttribute('aria-sort') !== 'ascending';
        buttons.forEach(function (b) { b.removeAttribute('aria-sort'); });
        button.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var text = button.getAttribute('data-type') === 'text';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute('data-sort'), y = b.cells[column].getAttribute('data-sort');
          var order = text ? x.localeCompare(y) : parseFloat(x) - parseFloat(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    chart();
    document.querySelectorAll('table.sortable').forEach(sortable);
  });
})();
