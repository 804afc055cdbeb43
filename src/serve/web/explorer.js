// The explorer's page: controls for every parameter of the scenario, and the answers of the
// server's JSON API (docs/serve.md) drawn with the report's own sections and chart specs.
// Standard web APIs only; the only server it talks to is the one that served it.
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token') || '';
  // This page's name for itself: the server drops work for an older generation of it.
  var client = 'page-' + Math.random().toString(36).slice(2) + Date.now().toString(36);
  var generation = 0;
  var info = null;
  var byName = {};
  var state = { changes: {}, policies: [], as_of: '' };
  var pins = { a: null, b: null };
  var pending = 0;
  var debounce = null;
  window.truceTimings = [];

  function $(id) { return document.getElementById(id); }

  function setStatus(text, busy) {
    $('status').textContent = text;
    document.body.setAttribute('data-state', busy ? 'busy' : 'idle');
  }

  function api(method, path, body) {
    var init = { method: method, cache: 'no-store', headers: { 'X-Truce-Token': token } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    });
  }

  // The what-if as the API reads it: only what differs from the scenario as loaded.
  function requestState(from) {
    var s = from || state;
    var out = { changes: Object.assign({}, s.changes), policies: s.policies.slice() };
    if (s.as_of) out.as_of = s.as_of;
    return out;
  }

  function formatNumber(v) {
    if (!isFinite(v)) return String(v);
    var a = Math.abs(v);
    if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3);
    return String(Math.round(v * 10000) / 10000);
  }
  function percent(p) { return (Math.round(p * 1000) / 10).toFixed(1) + '%'; }

  // --- controls -----------------------------------------------------------------------------

  function stepOf(p) {
    var span = p.max - p.min;
    if (span <= 1) return 0.01;
    if (span <= 100) return 1;
    return span / 200;
  }

  function hoverText(p) {
    var lines = [p.description + (p.unit ? ' (' + p.unit + ')' : ''),
                 'natural range ' + formatNumber(p.min) + ' to ' + formatNumber(p.max) +
                 '; in the scenario ' + formatNumber(p.value)];
    if (!p.evidence.length) lines.push('Evidence: none in the scenario for this number.');
    p.evidence.forEach(function (e) {
      lines.push('“' + e.quote + '” — ' + (e.title || e.source));
    });
    return lines.join('\n');
  }

  function controlFor(p) {
    var div = document.createElement('div');
    div.className = 'param';
    div.setAttribute('data-name', p.name);
    div.title = hoverText(p);
    var label = document.createElement('label');
    label.textContent = p.name;
    div.appendChild(label);
    var row = document.createElement('div');
    row.className = 'row';
    var number = document.createElement('input');
    number.type = 'number';
    number.min = p.min; number.max = p.max; number.step = 'any';
    number.value = p.value;
    number.setAttribute('aria-label', p.name);
    var slider = null;
    // A slider where its steps mean something; a huge natural range (capability) gets only the box.
    if (p.max - p.min <= 1000) {
      slider = document.createElement('input');
      slider.type = 'range';
      slider.min = p.min; slider.max = p.max; slider.step = stepOf(p);
      slider.value = p.value;
      slider.setAttribute('aria-label', p.name + ' slider');
      slider.addEventListener('input', function () {
        number.value = slider.value;
        change(p.name, parseFloat(slider.value));
      });
      row.appendChild(slider);
    }
    number.addEventListener('change', function () {
      var v = parseFloat(number.value);
      if (isNaN(v)) return;
      if (slider) slider.value = v;
      change(p.name, v);
    });
    row.appendChild(number);
    div.appendChild(row);
    var range = document.createElement('span');
    range.className = 'range';
    range.textContent = formatNumber(p.min) + ' … ' + formatNumber(p.max) + (p.unit ? ' ' + p.unit : '');
    div.appendChild(range);
    return div;
  }

  function buildControls() {
    $('scenario-name').textContent = info.scenario.name;
    document.title = info.scenario.name + ' — truce explorer';
    var groups = {};
    var order = [];
    info.parameters.forEach(function (p) {
      byName[p.name] = p;
      if (!groups[p.group]) { groups[p.group] = []; order.push(p.group); }
      groups[p.group].push(p);
    });
    var box = $('parameters');
    order.forEach(function (g) {
      var d = document.createElement('details');
      d.className = 'group';
      d.open = g === 'Red lines' || g === 'Levers';
      var s = document.createElement('summary');
      s.textContent = g + ' (' + groups[g].length + ')';
      d.appendChild(s);
      groups[g].forEach(function (p) { d.appendChild(controlFor(p)); });
      box.appendChild(d);
    });
    info.policies.forEach(function (pol) {
      var label = document.createElement('label');
      label.className = 'policy';
      var tip = pol.description;
      pol.evidence.forEach(function (e) { tip += '\n“' + e.quote + '” — ' + (e.title || e.source); });
      label.title = tip;
      var box2 = document.createElement('input');
      box2.type = 'checkbox';
      box2.setAttribute('data-policy', pol.id);
      box2.addEventListener('change', function () {
        state.policies = state.policies.filter(function (x) { return x !== pol.id; });
        if (box2.checked) state.policies.push(pol.id);
        schedule();
      });
      label.appendChild(box2);
      label.appendChild(document.createTextNode(' ' + pol.name));
      $('policies').appendChild(label);
    });
    if (!info.dates.length) $('as-of-label').style.display = 'none';
    info.dates.forEach(function (d) {
      var o = document.createElement('option');
      o.value = d; o.textContent = d;
      $('as-of').appendChild(o);
    });
    $('as-of').addEventListener('change', function () { state.as_of = $('as-of').value; schedule(); });
    $('filter').addEventListener('input', function () {
      var words = $('filter').value.toLowerCase().split(/\s+/).filter(Boolean);
      document.querySelectorAll('.param').forEach(function (el) {
        var n = el.getAttribute('data-name').toLowerCase();
        el.style.display = words.every(function (w) { return n.indexOf(w) >= 0; }) ? '' : 'none';
      });
      if (words.length) document.querySelectorAll('details.group').forEach(function (d) { d.open = true; });
    });
    $('save').disabled = !info.can_save;
    if (!info.can_save) $('save').title = 'Start truce serve with --save-dir DIR to save what-ifs';
    $('record').disabled = !info.can_record;
  }

  function change(name, value) {
    if (value === byName[name].value) delete state.changes[name];
    else state.changes[name] = value;
    schedule();
  }

  function resetControl(name) {
    delete state.changes[name];
    var el = document.querySelector('.param[data-name="' + CSS.escape(name) + '"]');
    if (el) el.querySelectorAll('input').forEach(function (i) { i.value = byName[name].value; });
  }

  function showChanged() {
    var list = $('changed');
    list.textContent = '';
    var names = Object.keys(state.changes);
    document.querySelectorAll('.param').forEach(function (el) {
      el.classList.toggle('changed', names.indexOf(el.getAttribute('data-name')) >= 0);
    });
    if (!names.length && !state.policies.length && !state.as_of) {
      var li = document.createElement('li');
      li.className = 'none';
      li.textContent = 'None: the scenario as loaded.';
      list.appendChild(li);
      return;
    }
    var item = function (text, reset) {
      var li = document.createElement('li');
      li.textContent = text;
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = 'reset';
      b.addEventListener('click', function () { reset(); schedule(); });
      li.appendChild(b);
      list.appendChild(li);
    };
    if (state.as_of) item('as of ' + state.as_of, function () { state.as_of = ''; $('as-of').value = ''; });
    state.policies.forEach(function (id) {
      item('policy ' + id, function () {
        state.policies = state.policies.filter(function (x) { return x !== id; });
        document.querySelector('input[data-policy="' + CSS.escape(id) + '"]').checked = false;
      });
    });
    names.forEach(function (n) {
      item(n + ' = ' + formatNumber(state.changes[n]) + ' (was ' + formatNumber(byName[n].value) + ')',
           function () { resetControl(n); });
    });
  }

  // --- answers --------------------------------------------------------------------------------

  // The report's section for an analysis, its charts drawn from their own specs. Shown in a
  // task of its own, after the headline figures of every answer that has arrived; its charts
  // once `drawAfter` (a promise) is done: a chart takes longer to draw than most answers take
  // to compute.
  function showSection(name, answer, onShown, drawAfter) {
    return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () {
      var box = $(name + '-section');
      box.textContent = '';
      var h = document.createElement('h2');
      h.textContent = answer.section.title;
      box.appendChild(h);
      var body = document.createElement('div');
      body.innerHTML = answer.section.html;  // the server's report renderer escapes the scenario's text
      box.appendChild(body);
      if (onShown) onShown();
      return drawAfter || null;
    }).then(function () {
      var body = $(name + '-section');
      var drawn = [];
      body.querySelectorAll('.vega-chart').forEach(function (el) {
        var specNode = body.querySelector('[id="' + el.getAttribute('data-spec') + '"]');
        el.id = name + '-' + el.id;
        var spec = JSON.parse(specNode.textContent);
        drawn.push(vegaEmbed(el, spec, { mode: 'vega-lite', renderer: 'svg', actions: false }).then(function () {
          el.setAttribute('data-rendered', 'true');
        }).catch(function (err) {
          el.setAttribute('data-rendered', 'error');
          el.textContent = 'This chart could not be drawn: ' + err.message;
          console.error('chart ' + el.id + ': ' + err.message);
        }));
      });
      return Promise.all(drawn);
    });
  }

  function showSpace(answer, g, onShown, drawAfter) {
    var r = answer.result;
    var deal = $('deal');
    deal.setAttribute('data-zopa', r.zopa);
    deal.setAttribute('data-generation', g);
    deal.textContent = r.zopa > 0
      ? 'A deal exists: ' + r.zopa + ' of ' + r.packages + ' packages are in the zone of agreement.'
      : 'No deal exists: none of the ' + r.packages + ' packages is in the zone of agreement.';
    var sets = (r.blocking_sets || []).slice(0, 5).map(function (b) { return b.remove.join(' + '); });
    $('blocking').textContent = r.zopa > 0 ? '' :
      (sets.length ? 'Relaxing any one of these would open one: ' + sets.join('; ') + '.' : 'No small set of red lines blocks it alone.');
    if (onShown) onShown();
    return showSection('space', answer, null, drawAfter);
  }

  function showSimulate(answer, g, onShown) {
    var r = answer.result;
    var last = r.ceasefire_by_month[r.ceasefire_by_month.length - 1];
    var el = $('ceasefire');
    el.setAttribute('data-runs', r.options.runs);
    el.setAttribute('data-generation', g);
    el.textContent = 'P(ceasefire within ' + r.options.months + ' months): ' + percent(r.probability_of_ceasefire) +
      ' (95% interval ' + percent(last.low) + '–' + percent(last.high) + '), ' +
      r.options.runs.toLocaleString('en') + ' runs' + (r.options.runs < info.runs.refined ? ', refining…' : '');
    if (onShown) onShown();
    return showSection('simulate', answer);
  }

  function ask(analysis, s, g, runs) {
    var body = { state: s, analysis: analysis, client: client, generation: g };
    if (runs) body.runs = runs;
    return api('POST', '/api/answer', body).then(function (res) {
      if (g !== generation || res.status === 409 || res.body.superseded) return null;  // a newer change answers
      if (res.status !== 200) throw new Error(res.body.error + (res.body.at ? ' (at ' + res.body.at + ')' : ''));
      return res.body;
    });
  }

  function schedule() {
    showChanged();
    clearTimeout(debounce);
    debounce = setTimeout(recompute, 30);
  }

  function recompute() {
    var g = ++generation;
    var s = requestState();
    var started = performance.now();
    var times = {};
    pending += 1;
    setStatus('Computing…', true);
    // For the benchmark figures in docs/serve.md (the browser test reads them).
    var note = function (name) {
      if (name.indexOf('charts') < 0) times[name] = Math.round(performance.now() - started);
      window.truceTimings.push({ generation: g, answer: name, ms: performance.now() - started });
    };
    // Each answer is noted when its figures are on the page and again when its charts are drawn.
    var shown = function (name, draw) {
      return function (a) {
        if (!a) return null;
        return draw(a, function () { note(name); }).then(function () {
          if (g === generation) note(name + ' charts');
          return a;
        });
      };
    };
    // In the order an analyst reads them, each as soon as it is answered and the one before is
    // on the page: whether a deal exists, the forecast's figures, the space's charts, P(ceasefire)
    // with the fast run count (asked for once space and forecast are answered, so they have the
    // CPU to themselves), the forecast's charts (slower to draw than any answer is to compute),
    // then P(ceasefire) refined.
    var spaceAnswer = ask('space', s, g);
    var forecastAnswer = ask('forecast', s, g);
    var forecastInserted = null;
    var forecastIn = new Promise(function (resolve) { forecastInserted = resolve; });
    forecastAnswer.then(function (a) { if (!a) forecastInserted(); }, function () { forecastInserted(); });
    var spaceShown = spaceAnswer.then(shown('space', function (a, onShown) {
      return showSpace(a, g, onShown, forecastIn);
    }));
    var simulate = function (runs) {
      return ask('simulate', s, g, runs).then(shown('P(ceasefire) ' + runs, function (a, onShown) {
        return showSimulate(a, g, onShown);
      }));
    };
    var fast = Promise.all([spaceAnswer, forecastAnswer]).then(function () {
      return info.has_dynamics && g === generation ? simulate(info.runs.fast) : null;
    });
    var forecastShown = Promise.all([forecastAnswer, spaceAnswer]).then(function (r) { return r[0]; })
      .then(shown('forecast', function (a, onShown) {
        return showSection('forecast', a, function () { onShown(); forecastInserted(); }, fast);
      }));
    var refined = Promise.all([fast, forecastShown]).then(function (r) {
      return r[0] && g === generation ? simulate(info.runs.refined) : null;
    });
    var work = [spaceShown, forecastShown, refined];
    Promise.all(work).then(function () {
      if (g !== generation) return;
      var parts = Object.keys(times).map(function (k) { return k + ' ' + times[k] + ' ms'; });
      setStatus('Up to date (' + parts.join(', ') + ').', false);
      document.body.setAttribute('data-answered', String(g));
    }).catch(function (err) {
      if (g !== generation) return;
      setStatus('Error: ' + err.message, false);
      $('status').classList.add('error');
    }).finally(function () { pending -= 1; });
  }

  // --- pins, save, record -------------------------------------------------------------------

  function pin(which) {
    pins[which] = JSON.parse(JSON.stringify(requestState()));
    $('pin-' + which).textContent = 'Pinned ' + which.toUpperCase() + ' (' + Object.keys(pins[which].changes).length +
      ' changes)';
    $('compare').disabled = !(pins.a && pins.b);
  }

  function cell(row, text, tag) {
    var c = document.createElement(tag || 'td');
    c.textContent = text;
    row.appendChild(c);
  }

  function showComparison(r) {
    var box = $('comparison');
    box.textContent = '';
    var h = document.createElement('h2');
    h.textContent = 'Pinned A against pinned B';
    box.appendChild(h);
    var t = document.createElement('table');
    t.className = 'compare';
    var head = document.createElement('tr');
    ['figure', 'A', 'B'].forEach(function (x) { cell(head, x, 'th'); });
    t.appendChild(head);
    (r.figures || []).forEach(function (f) {
      var tr = document.createElement('tr');
      if (f.differs) tr.className = 'differs';
      cell(tr, f.label || f.name);
      cell(tr, f.a === null ? '—' : (typeof f.a === 'number' ? formatNumber(f.a) : JSON.stringify(f.a)));
      cell(tr, f.b === null ? '—' : (typeof f.b === 'number' ? formatNumber(f.b) : JSON.stringify(f.b)));
      t.appendChild(tr);
    });
    box.appendChild(t);
  }

  function actionResult(text, isError) {
    $('action-result').textContent = text;
    $('action-result').classList.toggle('error', !!isError);
  }

  function wire() {
    $('reset-all').addEventListener('click', function () {
      Object.keys(state.changes).forEach(resetControl);
      state.policies = [];
      document.querySelectorAll('input[data-policy]').forEach(function (b) { b.checked = false; });
      state.as_of = '';
      $('as-of').value = '';
      schedule();
    });
    $('pin-a').addEventListener('click', function () { pin('a'); });
    $('pin-b').addEventListener('click', function () { pin('b'); });
    $('compare').addEventListener('click', function () {
      actionResult('Comparing…');
      api('POST', '/api/compare', { a: pins.a, b: pins.b }).then(function (res) {
        if (res.status !== 200) return actionResult(res.body.error, true);
        actionResult('');
        showComparison(res.body);
      });
    });
    $('save').addEventListener('click', function () {
      var name = $('save-name').value.trim() || 'what-if.yaml';
      api('POST', '/api/save', { state: requestState(), file: name }).then(function (res) {
        if (res.status !== 200) return actionResult(res.body.error, true);
        actionResult('Saved ' + res.body.saved + ' in the save folder.');
      });
    });
    $('record').addEventListener('click', function () {
      actionResult('Recording…');
      api('POST', '/api/record', { state: requestState() }).then(function (res) {
        if (res.status !== 200) return actionResult(res.body.error, true);
        var ids = Object.keys(res.body.runs).map(function (k) { return k + ' run ' + res.body.runs[k]; });
        actionResult('Recorded in ' + res.body.store + ': ' + ids.join(', ') + '.');
      });
    });
  }

  api('GET', '/api/scenario').then(function (res) {
    if (res.status !== 200) throw new Error(res.body.error);
    info = res.body;
    buildControls();
    wire();
    recompute();
  }).catch(function (err) {
    setStatus('Error: ' + err.message, false);
    console.error(err.message);
  });
})();
