// The exam page's engine: every change is queued with a sequence number, kept in this browser's storage (one entry
// per change, so two tabs never overwrite each other's) and sent in order; a change leaves the queue only when the
// server acknowledges that very sequence number after its commit. The clock is the server's, counted down with the
// monotonic clock, so changing the computer's time changes nothing.
(function () {
  'use strict';
  const root = document.getElementById('exam');
  const attemptId = root.dataset.attempt;
  const part = root.dataset.part;
  const partName = part === '1' ? 'Part One' : 'Part Two';
  let token = document.querySelector('input[name="__RequestVerificationToken"]').value;
  const prefix = 'exam:' + attemptId + ':';
  const statusEl = document.getElementById('save-status');
  const alertEl = document.getElementById('exam-alert');
  const noticeEl = document.getElementById('exam-notice');
  const timerEl = document.getElementById('timer');
  const lateWindowMs = Number(root.dataset.lateWindowMs || 30000);
  const OFFLINE = 'Offline: your answers are kept on this device and will be sent when the connection returns';
  const OFFLINE_NO_STORAGE = 'Offline: your latest answers are held by this page only; keep it open until they are sent';
  const STORAGE_OFF = 'This browser does not let the exam keep your answers on this computer, so the offline safety net is off: '
    + 'an answer not yet sent is lost if this page is closed or reloaded. Keep this page open; answers are still saved to the server as you go.';
  const SIGNED_OUT = 'You are no longer signed in, so your latest changes cannot reach the server. They are kept on this computer '
    + '(not lost). Sign in again in this browser, or call your proctor; the changes are sent as soon as you are signed in.';
  const SIGNED_OUT_NO_STORAGE = 'You are no longer signed in, so your latest changes cannot reach the server. They are held by this page only: '
    + 'keep it open and call your proctor; the changes are sent as soon as you are signed in again.';

  function setStatus(text) { if (statusEl && statusEl.textContent !== text) statusEl.textContent = text; }

  function showAlert(text) {
    if (!alertEl) return;
    alertEl.textContent = text;
    alertEl.hidden = false;
  }

  /** A notice that stays until its cause is gone (signed out, storage off), apart from passing alerts. */
  function showNotice(id, text) {
    if (!noticeEl) return;
    let p = noticeEl.querySelector('[data-notice="' + id + '"]');
    if (!p) { p = document.createElement('p'); p.dataset.notice = id; noticeEl.appendChild(p); }
    p.textContent = text;
    noticeEl.hidden = false;
  }

  function clearNotice(id) {
    if (!noticeEl) return;
    const p = noticeEl.querySelector('[data-notice="' + id + '"]');
    if (p) p.remove();
    noticeEl.hidden = noticeEl.children.length === 0;
  }

  // ---- storage ---------------------------------------------------------------------------------------------
  // Storage may be disabled (privacy settings), full, or gone mid-exam: the page then counts in memory and says so.
  let storage = null;
  try {
    localStorage.setItem(prefix + 'probe', '1');
    localStorage.removeItem(prefix + 'probe');
    storage = localStorage;
  } catch { storage = null; }

  function storageFailed() {
    storage = null;
    showNotice('storage', STORAGE_OFF);
  }
  if (storage === null) storageFailed();

  function keep(change) {
    if (!storage) return;
    try { storage.setItem(prefix + 'change:' + change.id, JSON.stringify(change)); } catch { storageFailed(); }
  }

  function forget(change) {
    if (!storage) return;
    try { storage.removeItem(prefix + 'change:' + change.id); } catch { storageFailed(); }
  }

  /** Changes kept by this page or another tab and not yet acknowledged: the newest per answer, oldest first. */
  function keptChanges() {
    if (!storage) return [];
    const all = [];
    try {
      for (let i = 0; i < storage.length; i++) {
        const name = storage.key(i);
        if (name && name.startsWith(prefix + 'change:')) {
          try { all.push(JSON.parse(storage.getItem(name))); } catch { storage.removeItem(name); }
        }
      }
    } catch { storageFailed(); return []; }
    all.sort((a, b) => a.body.seq - b.body.seq);
    const newest = new Map();
    for (const c of all) { const older = newest.get(c.key); if (older) forget(older); newest.set(c.key, c); }
    return Array.from(newest.values()).sort((a, b) => a.body.seq - b.body.seq);
  }

  // ---- sequence numbers ------------------------------------------------------------------------------------
  // One counter per attempt, shared by this browser's tabs through storage and always moving on in memory, so two
  // changes never share a number even when storage is off.
  let seqCounter = Number(root.dataset.lastSeq || 0);

  function nextSeq() {
    let stored = 0;
    if (storage) { try { stored = Number(storage.getItem(prefix + 'seq') || 0); } catch { storageFailed(); } }
    seqCounter = Math.max(seqCounter, stored) + 1;
    if (storage) { try { storage.setItem(prefix + 'seq', String(seqCounter)); } catch { storageFailed(); } }
    return seqCounter;
  }

  // The server's time as this page counts it (the monotonic clock from the server's own "now"): each change says when
  // it was made, so a change made before the deadline but delayed on the way is still taken, and one made after is not.
  let serverNowAtSync = Number(root.dataset.serverNow || Date.now());
  let serverSyncedAt = performance.now();
  function serverNow() { return new Date(serverNowAtSync + (performance.now() - serverSyncedAt)).toISOString(); }

  // ---- saving ----------------------------------------------------------------------------------------------
  let queue = keptChanges();
  for (const c of queue) seqCounter = Math.max(seqCounter, c.body.seq);
  let sending = null;       // the change on the wire
  let retries = 0;          // failed sends in a row: the next retry waits longer (examBackoff)
  let stopped = false;      // the part is over on this page: nothing more is queued or sent
  let signedOutNow = false;
  let tokenRefreshed = false;
  const notReached = [];    // changes the server refused for good (made or delivered too late, part closed)
  const waiters = [];
  const hooks = {};

  function offlineText() { return storage ? OFFLINE : OFFLINE_NO_STORAGE; }

  /** Queues a change. A newer change to the same thing replaces an older one not yet sent. */
  function enqueue(key, handler, payload, label) {
    if (stopped) return;
    const seq = nextSeq();
    const change = {
      id: seq + '-' + Math.random().toString(36).slice(2, 10), key: key, handler: handler, label: label || key,
      body: Object.assign({}, payload, { seq: seq, madeAt: serverNow() }),
    };
    for (const older of queue.filter(c => c.key === key && c !== sending)) forget(older);
    queue = queue.filter(c => c.key !== key || c === sending);
    queue.push(change);
    keep(change);
    flush();
  }

  function settle() {
    if (queue.length === 0) { setStatus('Saved'); while (waiters.length) waiters.shift()(true); }
  }

  function acknowledged(change) {
    queue = queue.filter(c => c !== change);
    forget(change);
  }

  /** One attempt to send a change; says what the server (or the network) answered. */
  async function send(change) {
    let response;
    try {
      // A change goes to the page's own save endpoint ({page}/Save), not through the page's handlers (README, "Resilience and load").
      response = await fetch(window.location.pathname.replace(/\/+$/, '') + '/' + change.handler, {
        method: 'POST',
        credentials: 'same-origin',
        redirect: 'manual', // a redirect is the sign-in page, never an acknowledgement
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': token },
        body: JSON.stringify(change.body),
      });
    } catch {
      return { kind: 'retry' };
    }
    if (response.type === 'opaqueredirect' || response.status === 401 || response.redirected) return { kind: 'signed-out' };
    let data = null;
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try { data = await response.json(); } catch { data = null; }
    }
    if (response.ok) {
      // Only the acknowledgement of this very change counts; any other 200 (a proxy's page, a login form) does not.
      return data && data.ok === true && Number(data.seq) === change.body.seq ? { kind: 'ack', data: data } : { kind: 'retry' };
    }
    if (response.status === 400 && !(data && data.error)) return { kind: 'token' }; // the antiforgery check failed
    if (response.status >= 500 || !(data && data.error)) return { kind: 'retry' };
    return { kind: 'refused', data: data, status: response.status };
  }

  async function flush() {
    if (sending || stopped || signedOutNow) return;
    if (queue.length === 0) { settle(); return; }
    const change = sending = queue[0];
    setStatus(navigator.onLine === false ? offlineText() : 'Saving...');
    const r = await send(change);
    sending = null;
    if (r.kind === 'ack') {
      retries = 0;
      tokenRefreshed = false;
      acknowledged(change);
      if (r.data.outcome === 'stale') {
        stopped = true;
        showAlert('This answer was changed from another window. The page is reloading to show what is saved.');
        setTimeout(() => window.location.reload(), 1500);
        return;
      }
      flush();
    } else if (r.kind === 'signed-out') {
      signedOut();
    } else if (r.kind === 'token') {
      // An expired page: fetch a fresh token and send the same change again (once; then keep it and retry slowly).
      if (!tokenRefreshed && await refreshToken()) { tokenRefreshed = true; flush(); return; }
      if (signedOutNow) return;
      setStatus('Not saved yet: reload the page. Your changes are kept on this computer.');
      later();
    } else if (r.kind === 'refused') {
      refused(r.data, change);
    } else {
      setStatus(offlineText());
      later();
    }
  }

  function later() {
    setTimeout(flush, examBackoff.delay(retries++));
  }

  /** Reads a fresh antiforgery token from the page itself; false when that is not possible (signed out, offline). */
  async function refreshToken() {
    try {
      const r = await fetch(window.location.pathname, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } });
      if (r.redirected && new URL(r.url).pathname.startsWith('/Account/')) { signedOut(); return false; }
      if (!r.ok) return false;
      const doc = new DOMParser().parseFromString(await r.text(), 'text/html');
      const field = doc.querySelector('input[name="__RequestVerificationToken"]');
      if (!field || !field.value) return false;
      token = field.value;
      document.querySelectorAll('input[name="__RequestVerificationToken"]').forEach(i => { i.value = token; });
      return true;
    } catch {
      return false;
    }
  }

  /** The sign-in is gone: keep every change, say so plainly, and try again until the candidate is signed in. */
  function signedOut() {
    signedOutNow = true;
    setStatus('Not saved yet: you are signed out');
    showNotice('signed-out', storage ? SIGNED_OUT : SIGNED_OUT_NO_STORAGE);
    setTimeout(async () => {
      signedOutNow = false;
      if (await refreshToken() && !signedOutNow) { clearNotice('signed-out'); tokenRefreshed = false; }
      if (!signedOutNow) flush();
    }, 5000);
  }

  function refused(data, change) {
    if (data.error === 'choice') {
      // The essay choice broke the rule: the page takes the tick back (the text is kept) and carries on.
      acknowledged(change);
      showAlert(data.message);
      if (hooks.choiceRefused) hooks.choiceRefused(change);
      flush();
      return;
    }
    if (data.error === 'invalid' || data.error === 'unreadable' || data.error === 'not-found') {
      acknowledged(change);
      showAlert(data.message || 'This change was not saved.');
      flush();
      return;
    }
    if (data.error === 'elsewhere') {
      // Kept: once the proctor moves the exam to the page the candidate uses now, that page sends it.
      stopped = true;
      showAlert(data.message);
      setStatus('Not saved: ' + data.message);
      setTimeout(() => { window.location.href = '/Candidate/Exam'; }, 4000);
      return;
    }
    // Late or the part is closed: this change can never be taken. Say which, and end the part on this page.
    acknowledged(change);
    notReached.push(change);
    if (finishing) { flush(); return; }
    partOver(data.message || 'This part is closed.');
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

  window.addEventListener('online', () => { retries = 0; flush(); });
  window.addEventListener('offline', () => setStatus(offlineText()));
  window.addEventListener('beforeunload', e => {
    if (queue.length > 0 && !stopped && !finishing && !storage) { e.preventDefault(); e.returnValue = ''; }
  });

  // ---- the end of the part on this page --------------------------------------------------------------------
  let finishing = false;

  function lockInputs() {
    root.querySelectorAll('input, textarea, select, button').forEach(el => {
      if (!el.closest('#part-over')) el.disabled = true;
    });
  }

  /** What the candidate must know at the end: which changes (if any) did not reach the server. */
  function showPartOver(heading, text) {
    const unsent = notReached.concat(queue);
    let panel = document.getElementById('part-over');
    if (!panel) {
      panel = document.createElement('section');
      panel.id = 'part-over';
      panel.className = 'alert warn part-over';
      panel.setAttribute('role', 'alert');
      root.querySelector('.exam-bar').after(panel);
    }
    panel.replaceChildren();
    const h = document.createElement('h2'); h.textContent = heading; panel.appendChild(h);
    const p = document.createElement('p'); p.textContent = text; panel.appendChild(p);
    const list = document.createElement('p');
    if (unsent.length === 0) {
      list.textContent = 'Every change you made reached the server.';
      panel.appendChild(list);
    } else {
      list.textContent = 'These changes did not reach the server and are not part of your answers:';
      panel.appendChild(list);
      const ul = document.createElement('ul'); ul.id = 'not-saved';
      for (const c of unsent) { const li = document.createElement('li'); li.textContent = c.label; ul.appendChild(li); }
      panel.appendChild(ul);
    }
    const a = document.createElement('a'); a.href = '/Candidate/Exam'; a.textContent = 'Continue'; a.className = 'button';
    panel.appendChild(a);
    for (const c of queue) forget(c);
    queue = [];
    panel.scrollIntoView();
  }

  /** The part ended elsewhere (the proctor, the server at the deadline): lock, and say what was and was not saved. */
  function partOver(text) {
    if (stopped || finishing) return;
    stopped = true;
    finishing = true;
    lockInputs();
    showAlert(text);
    setStatus(notReached.length + queue.length === 0 ? 'Saved' : 'Not saved');
    showPartOver(partName + ' is over', text);
  }

  /**
   * Time is up on this page: the answers lock at once; what was changed before the deadline is sent (the server takes it
   * within its window), then the page submits the part itself and shows the confirmation. No reload, no "Leave site?".
   */
  async function timeIsUp() {
    if (finishing || stopped) return;
    finishing = true;
    lockInputs();
    showAlert('Time is up. Your answers can no longer change. ' + partName + ' is being submitted.');
    const until = performance.now() + Math.max(1000, lateWindowMs - 3000);
    await drain(Math.max(0, until - performance.now()));
    stopped = true;
    let submitted = false;
    while (!submitted && performance.now() < until + 3000) {
      submitted = await submitPart();
      if (!submitted) await new Promise(r => setTimeout(r, 1000));
    }
    setStatus(notReached.length + queue.length === 0 ? 'Saved' : 'Not saved');
    showPartOver(submitted ? partName + ' has been submitted' : 'Time is up',
      submitted ? 'Time is up, and ' + partName + ' has been submitted with the answers the server holds.'
        : 'This computer could not reach the server. The server submits ' + partName + ' with the answers it holds at the deadline.');
  }

  async function submitPart() {
    try {
      const r = await fetch('?handler=Submit', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ __RequestVerificationToken: token }),
      });
      const path = new URL(r.url).pathname;
      if (r.status === 400 && await refreshToken()) return false;
      return r.ok && !path.startsWith('/Account/') && !path.endsWith('/PartOne') && !path.endsWith('/PartTwo');
    } catch {
      return false;
    }
  }

  // ---- the clock -------------------------------------------------------------------------------------------
  let remainingAtSync = Number(root.dataset.remainingMs);
  let syncedAt = performance.now();
  let paused = root.dataset.paused === 'true';
  const warned = {};

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
    if (left <= 0 && !paused) timeIsUp();
  }

  const BREAK_TEXT = 'Your rest break has started. Your clock is stopped; the questions return when the break ends.';

  function applyClock(c) {
    if (!c || String(c.part) !== part) return;
    remainingAtSync = Number(c.remainingMs);
    syncedAt = performance.now();
    if (c.serverNow) { serverNowAtSync = Date.parse(c.serverNow); serverSyncedAt = performance.now(); }
    const wasPaused = paused;
    paused = !!c.paused;
    document.body.classList.toggle('exam-paused', paused);
    const overlay = document.getElementById('pause-overlay');
    if (overlay) {
      // A rest break stops the clock like a pause; the candidate is told which it is.
      const text = document.getElementById('pause-text');
      if (text && !text.dataset.pauseText) text.dataset.pauseText = text.textContent;
      if (text && paused) text.textContent = c.onBreak ? BREAK_TEXT : text.dataset.pauseText;
      overlay.setAttribute('aria-label', paused && c.onBreak ? 'Rest break' : 'Exam paused');
      overlay.hidden = !paused;
    }
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
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => examBackoff.delay(ctx.previousRetryCount, { capMs: 10000 }) })
      .build();
    const over = text => {
      if (stopped || finishing) return;
      const nothingLost = queue.length === 0 && notReached.length === 0;
      partOver(text);
      if (nothingLost) setTimeout(() => { window.location.href = '/Candidate/Exam'; }, 1500);
    };
    const resync = async () => {
      let c;
      try { c = await connection.invoke('Sync'); } catch { return; }
      if (c && String(c.part) === part) applyClock(c);
      else over('This part is no longer running.'); // /Candidate/Exam shows where the exam stands
    };
    connection.on('Clock', applyClock);
    connection.on('PartSubmitted', p => { if (String(p) === part) over('This part has been submitted.'); });
    connection.on('Ended', () => { stopped = true; window.location.href = '/Candidate/Exam'; });
    connection.on('SignedOutElsewhere', () => { stopped = true; window.location.href = '/Candidate/Exam'; });
    connection.on('Resync', resync);
    connection.onreconnected(async () => { await resync(); flush(); });
    let starts = 0;
    const start = async () => {
      try { await connection.start(); starts = 0; } catch { setTimeout(start, examBackoff.delay(starts++, { capMs: 10000 })); }
    };
    connection.onclose(() => setTimeout(start, examBackoff.delay(starts++, { capMs: 10000 })));
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
      for (const c of queue) forget(c);
      queue = [];
      form.submit();
    });
  }

  flush();
  window.examCommon = { hooks: hooks, enqueue: enqueue, pending: () => queue.slice(), showAlert: showAlert, root: root, part: part, drain: drain };
})();
