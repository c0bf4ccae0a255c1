// Live parts of the staff pages, without polling: each element with data-live-source listens to that server-sent
// events stream (EventSource reconnects by itself) and either fills its [data-field] children from the JSON it gets
// (data-live="fill") or shows its hidden banner inviting a reload (data-live="banner").
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
    source.addEventListener(root.getAttribute('data-live-event') || 'message', function (event) {
      if (mode === 'banner') {
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
