// The proctor's live console. Join returns the whole roster from the database; after that the hub sends whole rows
// as they change. The console joins again on every (re)connect, when the server says "Resync" (its backplane came
// back) and every 10 s, and brings itself in line with what Join returned: a lost message costs seconds, never more.
(function () {
  'use strict';
  const root = document.getElementById('proctor-live');
  if (!root) return;
  const sittingId = Number(root.dataset.sitting);
  const body = document.getElementById('roster-body');
  const stateEl = document.getElementById('console-state');
  const alertEl = document.getElementById('console-alert');
  const logEl = document.getElementById('log');
  const logEmpty = document.getElementById('log-empty');
  const dialog = document.getElementById('action-dialog');
  const form = document.getElementById('action-form');
  const rows = new Map();      // registration id -> row
  const drawn = new Map();     // registration id -> the row as last drawn (JSON), so an unchanged row keeps its focus
  const asOf = new Map();      // registration id -> when the server read it (a push never loses to an older Join)
  const lines = new Set();     // log line ids shown
  let offsetMs = 0;            // server time minus this computer's time

  const two = n => String(n).padStart(2, '0');
  // Times of day read on the sitting's clock (its time zone, named on the page), whatever this computer's zone is.
  const zoned = seconds => new Intl.DateTimeFormat('en-GB', Object.assign({ timeZone: root.dataset.timeZone || 'UTC', hour: '2-digit',
    minute: '2-digit', hourCycle: 'h23' }, seconds ? { second: '2-digit' } : {}));
  const hhmmFormat = zoned(false), hhmmssFormat = zoned(true);
  function hhmm(iso) { return iso ? hhmmFormat.format(new Date(iso)) : ''; }
  function hhmmss(iso) { return iso ? hhmmssFormat.format(new Date(iso)) : ''; }
  function clock(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    return h > 0 ? h + ':' + two(m) + ':' + two(s) : two(m) + ':' + two(s);
  }
  function timeLeft(r) {
    if (r.breakEndsBy) return clock(r.pausedRemainingMs || 0) + ' (rest break until ' + hhmm(r.breakEndsBy) + ')';
    if (r.pausedRemainingMs !== null && r.pausedRemainingMs !== undefined) return clock(r.pausedRemainingMs) + ' (paused)';
    if (!r.deadline) return '';
    return clock(new Date(r.deadline).getTime() - (Date.now() + offsetMs));
  }
  function setOffset(serverNow) { offsetMs = new Date(serverNow).getTime() - Date.now(); }

  function showAlert(text) {
    alertEl.textContent = text;
    alertEl.hidden = !text;
  }

  function cell(tr, name) { return tr.querySelector('[data-col="' + name + '"]'); }

  function button(label, action, r, danger) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = danger ? 'danger' : 'secondary';
    b.textContent = label;
    b.dataset.action = action;
    b.dataset.attempt = r.attemptId;
    b.setAttribute('aria-label', label + ' ' + r.candidateNumber);
    return b;
  }

  function render(r) {
    const json = JSON.stringify(r);
    rows.set(r.registrationId, r);
    if (drawn.get(r.registrationId) === json) return;
    drawn.set(r.registrationId, json);
    let tr = body.querySelector('tr[data-registration="' + r.registrationId + '"]');
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.registration = r.registrationId;
      tr.innerHTML = '<th scope="row" class="mono"></th><td></td><td data-col="accommodations"></td><td data-col="status"></td><td data-col="answered"></td>' +
        '<td data-col="time"></td><td data-col="connection"></td><td data-col="saved"></td><td data-col="actions"></td>';
      body.appendChild(tr);
    }
    tr.dataset.status = r.status;
    tr.children[0].textContent = r.candidateNumber;
    tr.children[1].textContent = r.fullName;
    cell(tr, 'accommodations').textContent = r.accommodations === 'None' ? '' : r.accommodations;
    cell(tr, 'status').textContent = r.statusText + (r.waitingElsewhereSince ? ' · signed in on another computer' : '');
    cell(tr, 'answered').textContent = r.answerTotal > 0 ? r.answered + ' of ' + r.answerTotal : '';
    cell(tr, 'time').textContent = timeLeft(r);
    const conn = cell(tr, 'connection');
    conn.textContent = r.connection === 'connected' ? 'Connected' : r.connection === 'lost' ? 'Lost since ' + hhmm(r.lostSince) : '';
    conn.classList.toggle('lost', r.connection === 'lost');
    cell(tr, 'saved').textContent = hhmmss(r.lastSavedAt);
    const actions = cell(tr, 'actions');
    actions.replaceChildren();
    if (r.canAdmit) actions.appendChild(button('Admit', 'admit', r));
    if (r.canPause) actions.appendChild(button('Pause', 'pause', r));
    if (r.canResume) actions.appendChild(button('Resume', 'resume', r));
    if (r.canExtend) actions.appendChild(button('Extend', 'extend', r));
    if (r.canStartBreak) actions.appendChild(button('Start break', 'start-break', r));
    if (r.canEndBreak) actions.appendChild(button('End break', 'end-break', r));
    if (r.canReadmit) actions.appendChild(button('Re-admit', 're-admit', r));
    if (r.attemptId) actions.appendChild(button('Incident', 'incident', r));
    if (r.canVoid) actions.appendChild(button('Void', 'void', r, true));
  }

  function take(r, serverNow) {
    const t = new Date(serverNow).getTime();
    if ((asOf.get(r.registrationId) || 0) > t) return;
    asOf.set(r.registrationId, t);
    render(r);
  }

  function describe(l) {
    const parts = [hhmmss(l.at), l.actor, l.kind];
    // An event with no candidate concerns the whole sitting: say so, so it reads as one line.
    parts.push(l.candidateNumber || 'sitting');
    if (l.category) parts.push(l.category);
    if (l.minutes) parts.push(l.minutes + ' min');
    if (l.note) parts.push(l.note);
    return parts.join(' · ');
  }

  function lineItem(l) {
    const li = document.createElement('li');
    li.textContent = describe(l);
    li.dataset.line = l.id;
    return li;
  }

  /** A pushed line: in id order, once (a line may arrive late, or twice). */
  function addLine(l) {
    if (lines.has(l.id)) return;
    lines.add(l.id);
    const later = [...logEl.children].find(li => Number(li.dataset.line) > l.id);
    logEl.insertBefore(lineItem(l), later || null);
    logEmpty.hidden = true;
  }

  /** Brings the console in line with the database: changed rows redrawn, gone rows removed, the log completed. */
  function sync(snapshot) {
    setOffset(snapshot.serverNow);
    const present = new Set(snapshot.rows.map(r => r.registrationId));
    [...rows.keys()].filter(id => !present.has(id)).forEach(id => {
      rows.delete(id);
      drawn.delete(id);
      asOf.delete(id);
      const tr = body.querySelector('tr[data-registration="' + id + '"]');
      if (tr) tr.remove();
    });
    snapshot.rows.forEach(r => take(r, snapshot.serverNow));
    snapshot.rows.forEach(r => body.appendChild(body.querySelector('tr[data-registration="' + r.registrationId + '"]'))); // the server's order
    if (snapshot.log.length !== lines.size || snapshot.log.some(l => !lines.has(l.id))) {
      lines.clear();
      logEl.replaceChildren(...snapshot.log.map(l => { lines.add(l.id); return lineItem(l); }));
    }
    logEmpty.hidden = snapshot.log.length > 0;
    root.dataset.ready = 'true';
  }

  setInterval(() => {
    rows.forEach(r => {
      const tr = body.querySelector('tr[data-registration="' + r.registrationId + '"]');
      if (!tr || !r.deadline) return;
      cell(tr, 'time').textContent = timeLeft(r);
      // Time run out between two updates: no Pause or Extend as if it were still running (the server refuses them
      // too, and says the same on the next update, once the part is submitted).
      if ((r.canPause || r.canExtend) && !r.pausedRemainingMs && new Date(r.deadline).getTime() <= Date.now() + offsetMs) {
        render(Object.assign({}, r, { canPause: false, canExtend: false, statusText: r.statusText.replace(/^In /, 'Time up in ') + ': submitting' }));
      }
    });
  }, 1000);

  // ---- the hub ---------------------------------------------------------------------------------------------
  // WebSockets without negotiation: one request, so any node behind the load balancer can take it.
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/proctor', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => examBackoff.delay(ctx.previousRetryCount, { capMs: 10000 }) })
    .build();
  connection.on('Rows', (changed, serverNow) => { setOffset(serverNow); changed.forEach(r => take(r, serverNow)); });
  connection.on('Logged', addLine);

  async function join() {
    sync(await connection.invoke('Join', sittingId));
    stateEl.textContent = 'Live';
  }
  const resync = async () => { try { await join(); } catch { /* the next resync, or the reconnect, tries again */ } };
  connection.on('Resync', resync);
  setInterval(() => { if (connection.state === 'Connected') resync(); }, 10000);
  connection.onreconnecting(() => { stateEl.textContent = 'Connection lost: reconnecting...'; root.dataset.ready = 'false'; });
  connection.onreconnected(async () => {
    try { await join(); } catch (e) { showAlert(message(e)); }
  });
  let starts = 0;
  const retryStart = () => setTimeout(start, examBackoff.delay(starts++, { capMs: 10000 }));
  connection.onclose(() => { stateEl.textContent = 'Disconnected: retrying...'; root.dataset.ready = 'false'; retryStart(); });
  async function start() {
    try {
      await connection.start();
      starts = 0;
      await join();
    } catch (e) {
      if (connection.state === 'Connected') { showAlert(message(e)); return; }
      stateEl.textContent = 'Disconnected: retrying...';
      retryStart();
    }
  }

  function message(e) {
    const text = (e && e.message) || 'The action failed.';
    const marker = 'HubException: ';
    return text.includes(marker) ? text.substring(text.indexOf(marker) + marker.length) : text;
  }

  // ---- actions ---------------------------------------------------------------------------------------------
  const titles = {
    'pause': 'Pause', 'resume': 'Resume', 'extend': 'Extend time', 'void': 'Void the attempt', 're-admit': 'Re-admit on another computer',
    'incident': 'Record an incident', 'pause-all': 'Pause all candidates', 'resume-all': 'Resume all candidates',
    'start-break': 'Start a rest break', 'end-break': 'End the rest break',
  };
  // Breaks are approved ahead with the registration: nothing to explain, so no reason is asked.
  const noReason = { 'start-break': true, 'end-break': true };
  const reasonRequired = { 'extend': true, 'void': true, 'incident': true };
  let pending = null;

  function field(name, show) {
    form.querySelectorAll('[data-field="' + name + '"]').forEach(el => { el.hidden = !show; });
  }

  function openDialog(action, attemptId) {
    const r = attemptId ? [...rows.values()].find(x => String(x.attemptId) === String(attemptId)) : null;
    pending = { action: action, attemptId: attemptId ? Number(attemptId) : null };
    document.getElementById('action-title').textContent = titles[action] + (r ? ': ' + r.candidateNumber + ' ' + r.fullName : '');
    document.getElementById('action-text').textContent =
      action === 'void' ? 'Voiding ends the attempt now and cannot be undone: the candidate can no longer change answers and gets no confirmation number. Your reason is kept in the record; the candidate sees only that the attempt has ended.' :
      action === 're-admit' ? 'The exam moves to the computer where the candidate signed in last. The other computer leaves the exam.' :
      action === 'pause-all' ? 'Every candidate running a part is paused; their clocks stop.' :
      action === 'start-break' && r ? 'Rest break ' + (r.breaksTaken + 1) + ' of ' + r.breaksAllowed + '. The candidate\'s clock stops now and ' +
        'runs again when you end the break, or by itself once the approved length is over. It is counted as a break, not a pause.' :
      action === 'end-break' && r ? 'The candidate\'s clock runs again now (it stops for no longer than the approved length in any case).' : '';
    field('minutes', action === 'extend');
    field('category', action === 'incident');
    field('candidate', action === 'incident' && !attemptId);
    field('reason', !noReason[action]);
    if (action === 'incident' && !attemptId) {
      const select = document.getElementById('action-candidate');
      select.replaceChildren(new Option('The whole sitting', ''));
      rows.forEach(x => { if (x.attemptId) select.appendChild(new Option(x.candidateNumber + ' ' + x.fullName, x.attemptId)); });
    }
    document.getElementById('action-reason-label').textContent =
      action === 'incident' ? 'What happened' : reasonRequired[action] ? 'Reason' : 'Reason (optional)';
    document.getElementById('action-reason').value = '';
    document.getElementById('action-category').value = '';
    document.getElementById('action-minutes').value = '10';
    document.getElementById('action-error').hidden = true;
    document.getElementById('action-confirm').textContent = titles[action];
    document.getElementById('action-confirm').disabled = false;
    dialog.showModal();
  }

  async function run(action, attemptId, values) {
    const reason = values.reason || null;
    switch (action) {
      case 'admit': return connection.invoke('Admit', sittingId, attemptId);
      case 'pause': return connection.invoke('Pause', sittingId, attemptId, reason);
      case 'resume': return connection.invoke('Resume', sittingId, attemptId, reason);
      case 'pause-all': return connection.invoke('Pause', sittingId, null, reason);
      case 'resume-all': return connection.invoke('Resume', sittingId, null, reason);
      case 'extend': return connection.invoke('Extend', sittingId, attemptId, Number(values.minutes), values.reason || '');
      case 'void': return connection.invoke('Void', sittingId, attemptId, values.reason || '');
      case 're-admit': return connection.invoke('Readmit', sittingId, attemptId, reason);
      case 'start-break': return connection.invoke('StartBreak', sittingId, attemptId);
      case 'end-break': return connection.invoke('EndBreak', sittingId, attemptId);
      case 'incident': return connection.invoke('RecordIncident', sittingId, attemptId || (values.candidate ? Number(values.candidate) : null),
        values.category || '', values.reason || '');
    }
    return null;
  }

  root.addEventListener('click', async e => {
    const b = e.target.closest('button[data-action]');
    if (!b || dialog.contains(b)) return;
    const action = b.dataset.action;
    const attemptId = b.dataset.attempt ? Number(b.dataset.attempt) : null;
    showAlert('');
    if (action === 'admit') {
      b.disabled = true;
      try { await run(action, attemptId, {}); } catch (err) { showAlert(message(err)); b.disabled = false; }
      return;
    }
    openDialog(action, attemptId);
  });

  document.getElementById('action-cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const errorEl = document.getElementById('action-error');
    const values = {
      reason: document.getElementById('action-reason').value.trim(),
      minutes: document.getElementById('action-minutes').value,
      category: document.getElementById('action-category').value,
      candidate: document.getElementById('action-candidate').value,
    };
    if (reasonRequired[pending.action] && !values.reason) {
      errorEl.textContent = pending.action === 'incident' ? 'Describe the incident.' : 'Give the reason.';
      errorEl.hidden = false;
      return;
    }
    const confirm = document.getElementById('action-confirm');
    confirm.disabled = true;
    try {
      await run(pending.action, pending.attemptId, values);
      dialog.close();
    } catch (err) {
      errorEl.textContent = message(err);
      errorEl.hidden = false;
      confirm.disabled = false;
    }
  });

  start();
})();
