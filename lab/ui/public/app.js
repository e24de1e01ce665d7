/*
 * The page of ./memlab lab. It receives the lab's events by Server-Sent Events (GET /events;
 * the lab replays its whole history to every new tab, hello first) and sends the buttons'
 * commands by POST /api/action. It measures nothing itself: every figure is one the lab read
 * from /proc or from a request's JSON (the event shapes are in lab/ui/server.mjs's contract).
 *
 * window.memlab holds what the page knows, for the curious and for the browser test
 * (tests/ui/ui_browser.phpt):
 *   memlab.hello                     the hello event
 *   memlab.connected                 whether the event stream is open
 *   memlab.lifecycles[ID]            {id, title, state, message, pids: {PID: Proc}, requests: [request event],
 *                                     step: the last served request's effect on its pid, or null:
 *                                     {id, pid, vsz_kb, rss_kb (KiB, the first sample after the request
 *                                     minus the last one before it), gone (the pid exited first), text}}
 *   Proc                             {pid, role, t: [ms], vsz_kb: [], rss_kb: [], pss_kb: [],
 *                                     req_t: [ms], zend_usage: [B], glibc_in_use: [B], exit: exit event | null}
 *   memlab.requests[ID]              the request event of command ID
 *   memlab.sent[ID]                  {ok, error} of the POST of command ID sent by this tab
 *   memlab.events                    how many events arrived since the last hello
 *   memlab.renders                   how many times the charts were drawn
 *   memlab.plot(ID, METRIC)          the uPlot chart of METRIC (vsz_kb, rss_kb, pss_kb, zend) of lifecycle ID
 */
(() => {
  'use strict';

  const KIB = 1024;
  const MIB = 1024 * 1024;
  const WINDOW_MS = 10 * 60 * 1000;  // the charts show the last ten minutes; memlab keeps all
  const DRAW_MS = 200;               // at most five redraws a second, only of what changed
  const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];  // seconds between time labels
  const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
  const CHARTS = {
    vsz_kb: 'VIRT (VmSize), MiB',
    rss_kb: 'RES (VmRSS), MiB',
    pss_kb: 'PSS (smaps_rollup), MiB',
    zend: 'Zend usage (solid), glibc in use (dashed), MiB',
  };

  const memlab = window.memlab = {
    hello: null,
    connected: false,
    lifecycles: {},
    requests: {},
    sent: {},
    events: 0,
    renders: 0,
    plot: (id, metric) => (views[id] && views[id].charts[metric] ? views[id].charts[metric].plot : null),
  };

  const views = {};        // lifecycle id -> {section, charts: {metric: {plot, key}}, dirty, log}
  const tabSalt = Math.floor(Math.random() * 1000);
  let sentCount = 0;

  /* ---- numbers as people read them ---- */

  function mib(bytes) {
    return bytes == null ? '–' : (bytes / MIB).toFixed(bytes >= 100 * MIB ? 1 : 2) + ' MiB';
  }

  function kib(kb) {
    return kb == null ? '–' : Math.round(kb).toLocaleString('en-US') + ' KiB';
  }

  function clock(t) {
    if (!memlab.hello) {
      return '';
    }
    return timeOfDay(memlab.hello.started + t, true);
  }

  /* The local time of day of MS (Unix ms), 24-hour with seconds: 20:50:05, or 20:50:05.3 with tenths. */
  function timeOfDay(ms, tenths) {
    const d = new Date(ms);
    const hms = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
    return tenths ? hms + '.' + Math.floor(d.getMilliseconds() / 100) : hms;
  }

  function describe(action) {
    if (!action) {
      return '';
    }
    switch (action.kind) {
      case 'leak':
        return `${action.allocator} ${action.bytes}${action.touch ? ' touched' : ''} × ${action.count}`;
      case 'release':
        return 'memory_release()';
      case 'plain':
        return 'plain request';
      case 'restart':
        return 'restart';
      default:
        return String(action.kind);
    }
  }

  /* ---- the state, from the events ---- */

  function proc(lc, pid, role) {
    let p = lc.pids[pid];
    if (!p) {
      p = lc.pids[pid] = {
        pid, role: role || null, color: COLORS[Object.keys(lc.pids).length % COLORS.length],
        t: [], vsz_kb: [], rss_kb: [], pss_kb: [],
        req_t: [], zend_usage: [], glibc_in_use: [], exit: null,
      };
    }
    if (role) {
      p.role = role;
    }
    return p;
  }

  const handlers = {
    hello(e) {
      // A hello starts the history again (a reconnect replays it all): forget what was shown.
      memlab.hello = e;
      memlab.lifecycles = {};
      memlab.requests = {};
      memlab.events = 0;
      for (const id of Object.keys(views)) {
        for (const c of Object.values(views[id].charts)) {
          if (c.plot) {
            c.plot.destroy();
          }
        }
        delete views[id];
      }
      document.getElementById('lifecycles').replaceChildren();
      document.getElementById('limits').textContent = e.limits
        ? `memory.max_leak ${mib(e.limits.max_leak)} · memory_limit ${mib(e.limits.memory_limit)}` : '';
      document.getElementById('track').textContent = e.track
        ? 'memory.track on: the log shows each request\'s leak sites'
        : 'memory.track off (./memlab lab --track shows leak sites)';
      for (const l of e.lifecycles) {
        memlab.lifecycles[l.id] = {id: l.id, title: l.title, state: l.state || 'running', message: null, pids: {}, requests: [], step: null, pending: null};
        buildView(l);
      }
    },

    sample(e) {
      const lc = memlab.lifecycles[e.lifecycle];
      if (!lc) {
        return;
      }
      const p = proc(lc, e.pid, e.role);
      if (p.exit) {
        return;
      }
      p.t.push(e.t);
      p.vsz_kb.push(e.vsz_kb);
      p.rss_kb.push(e.rss_kb);
      p.pss_kb.push(e.pss_kb);
      views[lc.id].dirty = true;
      if (lc.pending && lc.pending.pid === e.pid) {
        stepDone(lc, e);
      }
    },

    request(e) {
      const lc = memlab.lifecycles[e.lifecycle];
      if (!lc) {
        return;
      }
      memlab.requests[e.id] = e;
      lc.requests.push(e);
      if (e.pid != null) {
        stepStart(lc, e);
      }
      if (e.pid != null && (e.zend_usage != null || e.glibc_in_use != null)) {
        const p = proc(lc, e.pid, null);
        p.req_t.push(e.t);
        p.zend_usage.push(e.zend_usage);
        p.glibc_in_use.push(e.glibc_in_use);
      }
      const v = views[lc.id];
      v.dirty = true;
      logRequest(v, e);
      const slot = e.action && e.action.kind === 'leak' ? 'leak' : 'other';
      const what = describe(e.action);
      if (e.ok) {
        showMessage(v, slot, e.pid == null ? `${what}: done` : `${what}: done by pid ${e.pid}`, false);
      } else {
        showMessage(v, slot, `${what}: ${e.error || 'failed (HTTP ' + e.status + ')'}`, true);
      }
    },

    exit(e) {
      const lc = memlab.lifecycles[e.lifecycle];
      if (!lc) {
        return;
      }
      const p = proc(lc, e.pid, null);
      p.exit = e;
      if (lc.pending && lc.pending.pid === e.pid) {
        stepDone(lc, null);
      }
      const v = views[lc.id];
      v.dirty = true;
      renderLives(v, lc);
      logLine(v, e.t, lifetime(p), e.why === 'fatal' ? 'error' : 'event');
    },

    state(e) {
      const lc = memlab.lifecycles[e.lifecycle];
      if (!lc) {
        return;
      }
      lc.state = e.state;
      lc.message = e.message;
      const v = views[lc.id];
      if (e.state === 'running') {
        // Back to running (a restart): the errors beside the buttons ("... is dead ... restart it first") are stale now.
        for (const slot of ['leak', 'other']) {
          if (v.section.querySelector(`.msg[data-for="${slot}"]`).classList.contains('error')) {
            showMessage(v, slot, '', false);
          }
        }
      }
      renderState(v, lc);
      logLine(v, e.t, `${lc.title} is ${e.state}${e.message ? ': ' + e.message : ''}`, e.state === 'dead' ? 'error' : 'event');
    },
  };

  /*
   * The step of one request on the pid that served it, from the samples: the last one of that
   * pid taken before the lab began the request (t_start), and the first one to arrive after
   * the request event (the lab samples as soon as a request is answered, and at least once a
   * second). Until that sample comes the readout says it waits.
   */
  function stepStart(lc, e) {
    const p = lc.pids[e.pid];
    let before = null;
    if (p) {
      for (let i = p.t.length - 1; i >= 0; i--) {
        if (p.t[i] <= e.t_start) {
          before = {vsz_kb: p.vsz_kb[i], rss_kb: p.rss_kb[i]};
          break;
        }
      }
    }
    lc.pending = {id: e.id, pid: e.pid, before, n: lc.requests.length};
    lc.step = null;
    renderStep(lc, `last request (${lc.requests.length}): waiting for a sample of pid ${e.pid}…`);
  }

  function stepDone(lc, sample) {
    const w = lc.pending;
    lc.pending = null;
    const signed = (kb) => (kb >= 0 ? '+' : '−') + kib(Math.abs(kb));
    let text;
    if (!sample) {
      lc.step = {id: w.id, pid: w.pid, vsz_kb: null, rss_kb: null, gone: true};
      text = `last request (${w.n}): pid ${w.pid} exited before a sample after it`;
    } else if (!w.before) {
      lc.step = {id: w.id, pid: w.pid, vsz_kb: null, rss_kb: null, gone: false};
      text = `last request (${w.n}): pid ${w.pid} had no sample before it (a new process): VIRT ${kib(sample.vsz_kb)}, RES ${kib(sample.rss_kb)} after it`;
    } else {
      const vsz = sample.vsz_kb - w.before.vsz_kb;
      const rss = sample.rss_kb - w.before.rss_kb;
      lc.step = {id: w.id, pid: w.pid, vsz_kb: vsz, rss_kb: rss, gone: false};
      text = `last request (${w.n}): VIRT ${signed(vsz)}, RES ${signed(rss)} on pid ${w.pid}`;
    }
    lc.step.text = text;
    renderStep(lc, text);
  }

  function renderStep(lc, text) {
    const v = views[lc.id];
    if (v) {
      v.section.querySelector('.step').textContent = text;
    }
  }

  function lifetime(p) {
    const e = p.exit;
    const served = e.requests == null ? 'requests served: unknown' : `${e.requests} request${e.requests === 1 ? '' : 's'} served`;
    return `pid ${p.pid}${p.role ? ' (' + p.role + ')' : ''} ${e.why === 'unknown' ? 'exited' : e.why}: ${served}; ` +
      `RES ${kib(e.first_rss_kb)} → ${kib(e.last_rss_kb)}, peak ${kib(e.peak_rss_kb)}; peak VIRT ${kib(e.peak_vsz_kb)}`;
  }

  /* ---- the view ---- */

  function buildView(l) {
    const section = document.getElementById('lifecycle-template').content.firstElementChild.cloneNode(true);
    section.id = 'lc-' + l.id;
    section.dataset.lifecycle = l.id;
    section.querySelector('.title').textContent = l.title;
    section.querySelector('.explain').textContent = l.explain || '';
    const url = section.querySelector('.url');
    url.href = l.url || '';
    url.textContent = l.url || '';
    const v = views[l.id] = {section, charts: {}, dirty: true, log: section.querySelector('.log')};
    for (const div of section.querySelectorAll('.chart')) {
      v.charts[div.dataset.metric] = {div, plot: null, key: ''};
    }
    const form = section.querySelector('form');
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const countText = form.count.value.trim();
      send(v, 'leak', {
        kind: 'leak',
        allocator: form.allocator.value,
        bytes: form.bytes.value.trim(),
        touch: form.touch.checked,
        // An integer goes as a number; anything else as typed, so that the lab answers it with the API's message.
        count: /^-?[0-9]+$/.test(countText) ? Number(countText) : countText,
      });
    });
    for (const kind of ['release', 'plain', 'restart']) {
      form.elements[kind].addEventListener('click', () => send(v, 'other', {kind}));
    }
    document.getElementById('lifecycles').append(section);
    renderState(v, memlab.lifecycles[l.id]);
  }

  function renderState(v, lc) {
    const badge = v.section.querySelector('.state');
    badge.textContent = lc.state;
    badge.className = 'state badge ' + lc.state;
    v.section.classList.toggle('dead', lc.state === 'dead');
    v.section.querySelector('.state-message').textContent =
      lc.state === 'dead' && lc.message ? 'Died: ' + lc.message : (lc.message || '');
    const restart = v.section.querySelector('button[name=restart]');
    restart.hidden = lc.state !== 'dead' && lc.state !== 'restarting';
    restart.disabled = lc.state !== 'dead';
  }

  function renderLives(v, lc) {
    const ul = v.section.querySelector('.lives');
    ul.replaceChildren();
    for (const p of Object.values(lc.pids)) {
      if (p.exit) {
        const li = document.createElement('li');
        li.style.borderLeftColor = p.color;
        li.textContent = lifetime(p);
        ul.append(li);
      }
    }
  }

  function showMessage(v, slot, text, isError) {
    const out = v.section.querySelector(`.msg[data-for="${slot}"]`);
    out.textContent = text;
    out.classList.toggle('error', isError);
  }

  /* One entry of the log: its time, its text and the lines under it (report lines, leak sites). */
  function logLine(v, t, text, cls, details) {
    const div = document.createElement('div');
    div.className = 'line ' + (cls || '');
    const time = document.createElement('time');
    time.textContent = clock(t);
    div.append(time, ' ', text);
    for (const d of details || []) {
      const r = document.createElement('div');
      r.className = d.cls;
      r.textContent = d.text;
      div.append(r);
    }
    appendLog(v, div);
  }

  function appendLog(v, node) {
    const atBottom = v.log.scrollTop + v.log.clientHeight >= v.log.scrollHeight - 4;
    v.log.append(node);
    while (v.log.childElementCount > 500) {
      v.log.firstElementChild.remove();
    }
    if (atBottom) {
      v.log.scrollTop = v.log.scrollHeight;
    }
  }

  function logRequest(v, e) {
    const figures = [];
    if (e.zend_usage != null) {
      figures.push('Zend usage ' + mib(e.zend_usage));
    }
    if (e.glibc_in_use != null) {
      figures.push('glibc in use ' + mib(e.glibc_in_use));
    }
    const n = memlab.lifecycles[e.lifecycle].requests.length;
    const head = `${n}. ${describe(e.action)} → ` + (e.ok
      ? (e.pid == null ? 'done' : `pid ${e.pid}, HTTP ${e.status}`) + (figures.length ? ': ' + figures.join(', ') : '')
      : `error: ${e.error || 'HTTP ' + e.status}`);
    // The request-end report in memory.report's text words (with --track the lab rewrites its JSON line so):
    // the report line, then the leak summary and a line per site ("memory:   N bytes in K blocks at FILE:LINE, FUNCTION (EXT)").
    const details = (e.report_text || e.report || []).map((text) => ({cls: /^memory: {3}|emalloc leaks/.test(text) ? 'leak-site' : 'report', text}));
    logLine(v, e.t, head, e.ok ? 'request' : 'error', details);
  }

  /* ---- commands ---- */

  async function send(v, slot, command) {
    const id = Date.now() * 1000 + (tabSalt + sentCount++) % 1000;
    const body = Object.assign({id, lifecycle: v.section.dataset.lifecycle}, command);
    memlab.sent[id] = {ok: null, error: null};
    showMessage(v, slot, `${describe(body)}: sent…`, false);
    try {
      const res = await fetch('/api/action', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body),
      });
      let answer = null;
      try {
        answer = await res.json();
      } catch (err) {
        answer = {ok: false, error: `HTTP ${res.status}, not JSON`};
      }
      memlab.sent[id] = {ok: !!(res.ok && answer.ok), error: answer.ok ? null : (answer.error || `HTTP ${res.status}`)};
      if (!memlab.sent[id].ok) {
        showMessage(v, slot, `${describe(body)}: ${memlab.sent[id].error}`, true);
      }
    } catch (err) {
      memlab.sent[id] = {ok: false, error: 'the lab does not answer (' + err.message + ')'};
      showMessage(v, slot, `${describe(body)}: ${memlab.sent[id].error}`, true);
    }
    return id;
  }

  /* ---- charts ---- */

  /* The x values (seconds since the epoch) shared by the lines, and one column per line, null where a line has no point. */
  function align(columns, from) {
    const xs = new Set();
    for (const c of columns) {
      for (const t of c.t) {
        if (t >= from) {
          xs.add(t);
        }
      }
    }
    const sorted = Array.from(xs).sort((a, b) => a - b);
    const index = new Map(sorted.map((t, i) => [t, i]));
    const data = [sorted.map((t) => (memlab.hello.started + t) / 1000)];
    for (const c of columns) {
      const col = new Array(sorted.length).fill(null);
      for (let i = 0; i < c.t.length; i++) {
        if (c.t[i] >= from && c.v[i] != null) {
          col[index.get(c.t[i])] = c.v[i] / c.scale;
        }
      }
      data.push(col);
    }
    return data;
  }

  /* The decimals that write every multiple of STEP exactly (2.5: 1, 0.02: 2), at most 3. */
  function decimals(step) {
    for (let d = 0; d < 3; d++) {
      const scaled = step * 10 ** d;
      if (Math.abs(scaled - Math.round(scaled)) < 1e-6) {
        return d;
      }
    }
    return 3;
  }

  function linesOf(lc, metric) {
    const lines = [];
    for (const p of Object.values(lc.pids)) {
      const finished = p.exit ? ' · ' + (p.exit.why === 'unknown' ? 'exited' : p.exit.why) : '';
      const label = `pid ${p.pid}${p.role ? ' ' + p.role : ''}${finished}`;
      if (metric === 'zend') {
        if (p.req_t.length) {
          lines.push({label: `${p.pid} Zend`, color: p.color, dash: null, finished: !!p.exit, t: p.req_t, v: p.zend_usage, scale: MIB});
          lines.push({label: `${p.pid} glibc`, color: p.color, dash: [6, 4], finished: !!p.exit, t: p.req_t, v: p.glibc_in_use, scale: MIB});
        }
      } else if (p.t.length) {
        lines.push({label, color: p.color, dash: p.exit ? [3, 3] : null, finished: !!p.exit, t: p.t, v: p[metric], scale: KIB});
      }
    }
    return lines;
  }

  function draw(id) {
    const v = views[id];
    const lc = memlab.lifecycles[id];
    if (!v || !lc || !memlab.hello) {
      return;
    }
    v.dirty = false;
    // Every chart of a lifecycle spans the same time: from its first sample (or ten minutes ago) to now.
    const now = Math.max(0, Date.now() - memlab.hello.started);
    let first = now;
    for (const p of Object.values(lc.pids)) {
      first = Math.min(first, p.t.length ? p.t[0] : now, p.req_t.length ? p.req_t[0] : now);
    }
    const from = Math.max(first, now - WINDOW_MS);
    v.range = [(memlab.hello.started + from) / 1000, (memlab.hello.started + Math.max(now, from + 1000)) / 1000];
    const stepped = uPlot.paths.stepped({align: 1});
    for (const [metric, c] of Object.entries(v.charts)) {
      const lines = linesOf(lc, metric);
      const width = Math.max(240, c.div.clientWidth);
      const key = lines.map((l) => l.label + (l.dash ? '-' : '') + (l.t.length === 1 ? '.' : '')).join('|') + '@' + width;
      const data = align(lines, from);
      if (c.plot && c.key === key) {
        c.plot.setData(data);
        continue;
      }
      if (c.plot) {
        c.plot.destroy();
      }
      c.key = key;
      c.plot = new uPlot({
        title: CHARTS[metric],
        width,
        height: 190,
        cursor: {sync: {key: 'lc-' + id}},
        scales: {x: {time: true, range: () => v.range}},
        legend: {live: true},
        axes: [
          // The time of day with seconds (20:50:05), a label at least every 75 px so that none overlap.
          {space: 75, incrs: TIME_STEPS, values: (u, ticks) => ticks.map((x) => timeOfDay(x * 1000, false))},
          // As many decimals as the step between ticks needs (a flat line of 15.38 MiB must not read 15.4, 15.4, 15.4).
          {size: 60, values: (u, ticks, axis, space, incr) => ticks.map((x) => x.toFixed(decimals(incr)))},
        ],
        series: [{label: 'time', value: (u, x) => (x == null ? '–' : timeOfDay(x * 1000, true))}].concat(lines.map((l) => ({
          label: l.label,
          stroke: l.color,
          width: l.finished ? 1 : 1.5,
          dash: l.dash || undefined,
          spanGaps: true,
          paths: stepped,
          points: {show: metric === 'zend' || l.t.length === 1, size: 4},
          value: (u, x) => (x == null ? '–' : x.toFixed(2) + ' MiB'),
        }))),
      }, data, c.div);
    }
    memlab.renders++;
  }

  // What changed is drawn within DRAW_MS; the rest once a second, so that the time axis moves on.
  setInterval(() => {
    const now = Date.now();
    for (const id of Object.keys(views)) {
      if (views[id].dirty || now - (views[id].drawn || 0) >= 1000) {
        views[id].drawn = now;
        draw(id);
      }
    }
  }, DRAW_MS);

  window.addEventListener('resize', () => {
    for (const v of Object.values(views)) {
      v.dirty = true;
    }
  });

  /* ---- the event stream ---- */

  const connection = document.getElementById('connection');
  const source = new EventSource('/events');
  source.onopen = () => {
    memlab.connected = true;
    connection.textContent = 'live';
    connection.className = 'badge running';
  };
  source.onerror = () => {
    memlab.connected = false;
    const closed = source.readyState === EventSource.CLOSED;
    connection.textContent = closed ? 'disconnected: the lab stopped' : 'reconnecting…';
    connection.className = 'badge dead';
  };
  source.onmessage = (m) => {
    let e;
    try {
      e = JSON.parse(m.data);
    } catch (err) {
      console.error('memlab: an event that is not JSON', m.data);
      return;
    }
    const handle = handlers[e.type];
    if (!handle) {
      return;
    }
    if (e.type !== 'hello' && !memlab.hello) {
      return;
    }
    memlab.events++;
    handle(e);
  };
})();
