// The ops page: draws the deployed LeadHandoff with bpmn-js and keeps a badge of figures on each
// activity (waiting, at risk, breached, incidents) fresh; also keeps migration progress fresh.
// The page works without it: the same figures are in the table below the diagram.
(function () {
  'use strict';
  var POLL_MS = 5000;

  function badge(cls, value, title) {
    var span = document.createElement('span');
    span.className = 'ops-badge ' + cls;
    span.textContent = (cls === 'incidents' ? '! ' : '') + value;
    span.title = title;
    return span;
  }

  function updateTable(counts) {
    var table = document.getElementById('activity-counts');
    if (!table) return;
    var body = table.querySelector('tbody');
    body.textContent = '';
    counts.activities.forEach(function (a) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-activity', a.activityId);
      [a.activityId, a.waiting, a.atRisk, a.breached, a.incidents].forEach(function (v, i) {
        var td = document.createElement('td');
        td.textContent = v;
        if (i > 0) td.className = 'num';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function startDiagram(el) {
    var viewer = null;
    var titles = {
      waiting: el.getAttribute('data-title-waiting'), risk: el.getAttribute('data-title-risk'),
      breached: el.getAttribute('data-title-breached'), incidents: el.getAttribute('data-title-incidents')
    };
    var updated = document.getElementById('diagram-updated');

    function showCounts(counts) {
      updateTable(counts);
      if (updated) {
        updated.textContent = (updated.getAttribute('data-label') || '{0}')
          .replace('{0}', new Date(counts.at).toLocaleTimeString());
      }
      if (!viewer) return;
      var overlays = viewer.get('overlays');
      var registry = viewer.get('elementRegistry');
      overlays.remove({ type: 'ops-counts' });
      counts.activities.forEach(function (a) {
        if (!registry.get(a.activityId)) return;
        var box = document.createElement('div');
        box.className = 'ops-badges';
        box.setAttribute('data-activity', a.activityId);
        if (a.waiting > 0) box.appendChild(badge('waiting', a.waiting, titles.waiting));
        if (a.atRisk > 0) box.appendChild(badge('risk', a.atRisk, titles.risk));
        if (a.breached > 0) box.appendChild(badge('breached', a.breached, titles.breached));
        if (a.incidents > 0) box.appendChild(badge('incidents', a.incidents, titles.incidents));
        if (box.childNodes.length === 0) return;
        overlays.add(a.activityId, 'ops-counts', { position: { top: -12, right: 28 }, html: box });
      });
    }

    function poll() {
      fetch(el.getAttribute('data-counts-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(showCounts)
        .catch(function () { /* keep the last figures; the next poll tries again */ });
    }

    function failed() {
      var p = document.createElement('p');
      p.className = 'empty';
      p.textContent = el.getAttribute('data-failed');
      el.replaceWith(p);
    }

    if (typeof window.BpmnJS !== 'function') {
      failed();
    } else {
      viewer = new window.BpmnJS({ container: el });
      fetch(el.getAttribute('data-xml-url'), { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (xml) { return viewer.importXML(xml); })
        .then(function () {
          var canvas = viewer.get('canvas');
          // as tall as the diagram needs at the page's width, so its labels stay readable
          var inner = canvas.viewbox().inner;
          if (inner.width > 0) {
            var wanted = Math.round(el.clientWidth * inner.height / inner.width) + 40;
            el.style.height = Math.max(240, Math.min(wanted, 900)) + 'px';
            canvas.resized();
          }
          canvas.zoom('fit-viewport', 'auto');
          el.classList.add('drawn');
          window.addEventListener('resize', function () {
            canvas.resized();
            canvas.zoom('fit-viewport', 'auto');
          });
          poll();
        })
        .catch(function () { viewer = null; failed(); poll(); });
    }
    setInterval(poll, POLL_MS);
  }

  function startBatches(table) {
    var done = table.getAttribute('data-done');
    var running = table.getAttribute('data-running');
    function poll() {
      fetch(table.getAttribute('data-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (overview) {
          overview.batches.forEach(function (b) {
            var row = table.querySelector('tr[data-batch="' + b.batchId + '"] .progress');
            if (row) {
              row.textContent = b.completed + ' / ' + b.total + ' (' + b.failed + ' ✗) · ' + (b.done ? done : running);
            }
          });
        })
        .catch(function () { /* next poll */ });
    }
    setInterval(poll, POLL_MS);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var diagram = document.getElementById('diagram');
    if (diagram) startDiagram(diagram);
    var batches = document.getElementById('batches');
    if (batches) startBatches(batches);
  });
})();
