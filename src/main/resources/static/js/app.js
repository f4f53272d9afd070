// Progressive touches for the server-rendered pages: live SLA countdowns and local times.
// Everything works without this script; it only keeps numbers fresh between htmx refreshes.
(function () {
  'use strict';
  var root = document.documentElement;

  function compact(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + m + 'm';
    return m + 'm ' + (s % 60) + 's';
  }

  function text(name, value) {
    return (root.getAttribute('data-' + name) || '{0}').replace('{0}', value);
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('.countdown[data-due]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-due'));
      if (isNaN(due)) return;
      var start = Date.parse(el.getAttribute('data-start'));
      var window = isNaN(start) ? 0 : due - start;
      var left = due - now;
      var risk = left <= 0 ? 'breached' : (left <= window / 4 ? 'due-soon' : 'on-track');
      el.classList.remove('on-track', 'due-soon', 'breached', 'none');
      el.classList.add(risk);
      var label = el.querySelector('.risk');
      if (label) label.textContent = text('risk-' + risk);
      var rest = el.querySelector('.left');
      if (rest) rest.textContent = text(left <= 0 ? 'countdown-overdue' : 'countdown-left', compact(left));
    });
  }

  function localTimes(scope) {
    (scope || document).querySelectorAll('time[data-local]').forEach(function (el) {
      var at = new Date(el.getAttribute('datetime'));
      if (isNaN(at)) return;
      el.title = el.textContent;
      el.textContent = at.toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
      el.removeAttribute('data-local');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    localTimes();
    tick();
    setInterval(tick, 1000);
  });
  document.addEventListener('htmx:afterSettle', function (e) {
    localTimes(e.target);
    tick();
  });
})();
