// The exam page's engine: every change is queued with a sequence number, kept in this browser's storage until
// the server acknowledges it (after its commit), and sent in order; the clock is the server's, counted down
// with the monotonic clock, so changing the computer's time changes nothing.
(function () {
  'use strict';
  const root = document.getElementById('exam');
  const attemptId = root.dataset.attempt;
  const part = root.dataset.part;
  const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
  const prefix = 'exam:' + attemptId + ':';
  const statusEl = document.getElementById('save-status');
  const alertEl = document.getElementById('exam-alert');
  const timerEl = document.getElementById('timer');
  const OFFLINE = 'Offline: your answers are kept on this device and will be sent when the connection returns';

  function load(name, fallback) {
    try { const v = localStorage.getItem(prefix + name); return v === null ? fallback : JSON.parse(v); } catch { return fallback; }
  }
  function store(name, value) {
    try { localStorage.setItem(prefix + name, JSON.stringify(value)); } catch { /* storage full or disabled: the queue lives in memory */ }
  }

  // ---- saving ----------------------------------------------------------------------------------------------
  let queue = load('queue', []);
  let sending = null;       // the change on the wire
  let retryDelay = 1000;
  let stopped = false;
  const waiters = [];
  const hooks = {};

  // The server's time as this page counts it (the monotonic clock from the server's own "now"): each change says when
  // it was made, so a change made before the deadline but delayed on the way is still taken, and one made after is not.
  let serverNowAtSync = Number(root.dataset.serverNow || Date.now());
  let serverSyncedAt = performance.now();
  function serverNow() { return new Date(serverNowAtSync + (performance.now() - serverSyncedAt)).toISOString(); }

  function nextSeq() {
    const seq = Math.max(Number(load('seq', 0)), Number(root.dataset.lastSeq || 0)) + 1;
    store('seq', seq);
    return seq;
  }

  function setStatus(text) { if (statusEl && statusEl.textContent !== text) statusEl.textContent = text; }

  function showAlert(text) {
    if (!alertEl) return;
    alertEl.textContent = text;
    alertEl.hidden = false;
  }

  /** Queues a change. A newer change to the same thing replaces an older one not yet sent. */
  function enqueue(key, handler, payload) {
    if (stopped) return;
    const change = { key: key, handler: handler, body: Object.assign({}, payload, { seq: nextSeq(), madeAt: serverNow() }) };
    queue = queue.filter(c => c.key !== key || c === sending);
    queue.push(change);
    store('queue', queue);
    flush();
  }

  function settle() {
    if (queue.length === 0) { setStatus('Saved'); while (waiters.length) waiters.shift()(true); }
  }

  async function flush() {
    if (sending || stopped) return;
    if (queue.length === 0) { settle(); return; }
    sending = queue[0];
    setStatus(navigator.onLine === false ? OFFLINE : 'Saving...');
    let response;
    try {
      response = await fetch('?handler=' + sending.handler, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
        body: JSON.stringify(sending.body),
      });
    } catch {
      response = null;
    }
    if (response === null || response.status >= 500 || response.status === 0) {
      // Not acknowledged: keep it, and try again (sooner when the network says it is back).
      sending = null;
      setStatus(OFFLINE);
      setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 8000);
      return;
    }
    retryDelay = 1000;
    const done = sending;
    sending = null;
    queue = queue.filter(c => c !== done);
    store('queue', queue);
    let data = {};
    try { data = await response.json(); } catch { data = {}; }
    if (response.ok && data.outcome === 'stale') {
      showAlert('This answer was changed from another window. The page is reloading to show what is saved.');
      stopped = true;
      setTimeout(() => window.location.reload(), 1500);
      return;
    }
    if (!response.ok) {
      refused(data, response.status, done);
      return;
    }
    flush();
  }

  function refused(data, status, change) {
    if (data.error === 'choice') {
      // The essay choice broke the rule: the page takes the tick back (the text is kept) and carries on.
      showAlert(data.message);
      if (hooks.choiceRefused) hooks.choiceRefused(change);
      flush();
      return;
    }
    if (status === 400 && !data.error) {
      showAlert('The page has expired. It is reloading; your saved answers are kept.');
    } else {
      showAlert(data.message || 'This change was not saved.');
    }
    if (data.error === 'invalid') { flush(); return; }
    stopped = true;
    setStatus('Not saved: ' + (data.message || 'this part is closed'));
    setTimeout(() => { window.location.href = '/Candidate/Exam'; }, 4000);
  }

  /** Resolves true once everything queued is acknowledged, or false after the timeout. */
  function drain(timeoutMs) {
    if (queue.length === 0) return Promise.resolve(true);
    return new Promise(resolve => {
      waiters.push(resolve);
      setTimeout(() => resolve(queue.length === 0), timeoutMs);
      flush();
    });
  }

  window.addEventListener('online', () => { retryDelay = 1000; flush(); });
  window.addEventListener('offline', () => setStatus(OFFLINE));
  window.addEventListener('beforeunload', e => { if (queue.length > 0 && !stopped) { e.preventDefault(); e.returnValue = ''; } });

  // ---- the clock -------------------------------------------------------------------------------------------
  let remainingAtSync = Number(root.dataset.remainingMs);
  let syncedAt = performance.now();
  let paused = root.dataset.paused === 'true';
  const warned = {};
  let timeUp = false;

  function remaining() { return paused ? remainingAtSync : Math.max(0, remainingAtSync - (performance.now() - syncedAt)); }

  function format(ms) {
    const total = Math.ceil(ms / 1000);
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    const two = n => String(n).padStart(2, '0');
    return h > 0 ? h + ':' + two(m) + ':' + two(s) : two(m) + ':' + two(s);
  }

  function tick() {
    const left = remaining();
    if (timerEl) timerEl.textContent = format(left) + (paused ? ' (paused)' : '');
    for (const minutes of [10, 5]) {
      if (!warned[minutes] && !paused && left <= minutes * 60000 && left > (minutes - 1) * 60000) {
        warned[minutes] = true;
        showAlert(minutes + ' minutes left in this part.');
      }
    }
    if (left <= 0 && !paused && !timeUp) {
      timeUp = true;
      showAlert('Time is up. The answers the server holds are being submitted.');
      drain(5000).then(() => setTimeout(() => { window.location.href = '/Candidate/Exam'; }, 3000));
    }
  }

  function applyClock(c) {
    if (!c || String(c.part) !== part) return;
    if (c.serverNow) { serverNowAtSync = Date.parse(c.serverNow); serverSyncedAt = performance.now(); }
    remainingAtSync = Number(c.remainingMs);
    syncedAt = performance.now();
    const wasPaused = paused;
    paused = !!c.paused;
    document.body.classList.toggle('exam-paused', paused);
    const overlay = document.getElementById('pause-overlay');
    if (overlay) overlay.hidden = !paused;
    if (wasPaused && !paused) showAlert('The exam has resumed.');
    tick();
  }

  setInterval(tick, 500);
  tick();

  // ---- the hub ---------------------------------------------------------------------------------------------
  // Live messages are a convenience: the page also asks the server where it stands when it reconnects, when the
  // server says "Resync" (its backplane came back) and every 30 s, so a lost message costs seconds. WebSockets
  // without negotiation: one request, so any node behind the load balancer can take it (no stickiness needed).
  if (window.signalR) {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/exam', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 1000 * (ctx.previousRetryCount + 1)) })
      .build();
    const partOver = text => {
      if (stopped) return;
      stopped = true;
      showAlert(text);
      setTimeout(() => { window.location.href = '/Candidate/Exam'; }, 1500);
    };
    const resync = async () => {
      let c;
      try { c = await connection.invoke('Sync'); } catch { return; }
      if (c && String(c.part) === part) applyClock(c);
      else partOver('This part is no longer running.'); // /Candidate/Exam shows where the exam stands
    };
    connection.on('Clock', applyClock);
    connection.on('PartSubmitted', p => { if (String(p) === part) partOver('This part has been submitted.'); });
    connection.on('Ended', () => { stopped = true; window.location.href = '/Candidate/Exam'; });
    connection.on('SignedOutElsewhere', () => { stopped = true; window.location.href = '/Candidate/Exam'; });
    connection.on('Resync', resync);
    connection.onreconnected(async () => { await resync(); flush(); });
    const start = async () => {
      try { await connection.start(); } catch { setTimeout(start, 3000); }
    };
    connection.onclose(() => setTimeout(start, 3000));
    start();
    setInterval(() => { if (connection.state === 'Connected') resync(); }, 30000);
  }

  // ---- submitting ------------------------------------------------------------------------------------------
  const dialog = document.getElementById('submit-dialog');
  const form = document.getElementById('submit-form');
  if (dialog && form) {
    let warnedUnsent = false;
    document.getElementById('submit-open').addEventListener('click', () => dialog.showModal());
    document.getElementById('submit-cancel').addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const confirm = document.getElementById('submit-confirm');
      confirm.disabled = true;
      const sent = await drain(5000);
      if (!sent && !warnedUnsent) {
        warnedUnsent = true;
        document.getElementById('submit-dialog-text').textContent =
          'Some of your latest changes have not reached the server yet. Reconnect if you can; if you submit now, those changes are lost.';
        confirm.disabled = false;
        return;
      }
      stopped = true;
      store('queue', []);
      form.submit();
    });
  }

  flush();
  window.examCommon = { hooks: hooks, enqueue: enqueue, pending: () => queue.slice(), showAlert: showAlert, root: root, part: part, drain: drain };
})();
