// Live parts of the staff pages, without polling: each element with data-live-source listens to that server-sent
// events stream (EventSource reconnects by itself) and either fills its [data-field] children from the JSON it gets
// (data-live="fill") or shows its hidden banner inviting a reload (data-live="banner"). A banner with
// data-live-changes-only listens to a stream that sends its whole view at once and on every change: the first event
// (and one repeating the last, after EventSource reconnected) is what the page already shows, only a different one
// raises the banner.
(function () {
  function fill(root, data) {
    root.querySelectorAll('[data-field]').forEach(function (el) {
      var path = el.getAttribute('data-field').split('.');
      var value = data;
      for (var i = 0; i < path.length && value != null; i++) value = value[path[i]];
      el.textContent = value == null || value === '' ? '—' : String(value);
    });
    root.querySelectorAll('template[data-list]').forEach(function (template) {
      var items = data[template.getAttribute('data-list')] || [];
      var target = document.getElementById(template.getAttribute('data-target'));
      if (!target) return;
      target.replaceChildren();
      items.forEach(function (item) {
        var copy = template.content.cloneNode(true);
        fill(copy, item);
        target.appendChild(copy);
      });
    });
    if (root.setAttribute) root.setAttribute('data-live-updated', String(Date.now()));
  }
  document.querySelectorAll('[data-live-source]').forEach(function (root) {
    var source = new EventSource(root.getAttribute('data-live-source'));
    var mode = root.getAttribute('data-live') || 'fill';
    var changesOnly = root.hasAttribute('data-live-changes-only');
    var seen = null;
    source.addEventListener(root.getAttribute('data-live-event') || 'message', function (event) {
      if (mode === 'banner') {
        if (changesOnly) {
          var first = seen === null;
          var same = event.data === seen;
          seen = event.data;
          root.setAttribute('data-live-updated', String(Date.now()));
          if (first || same) return;
        }
        var banner = root.querySelector('[data-banner]');
        if (banner) banner.hidden = false;
        return;
      }
      try { fill(root, JSON.parse(event.data)); } catch (e) { /* a comment line or a malformed event: keep what is shown */ }
    });
  });
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
})();
