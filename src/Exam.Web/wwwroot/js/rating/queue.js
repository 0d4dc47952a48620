// The rater's queue page: the hub says only "changed"; the page asks for its own view and redraws it.
(() => {
  const root = document.getElementById('queue');
  if (!root || !window.signalR) return;
  const status = document.getElementById('live-status');

  const drawSets = (list, sets) => {
    if (!list) return;
    list.replaceChildren(...sets.map(s => {
      const li = document.createElement('li');
      li.className = 'card';
      li.dataset.set = s.essaySet;
      const count = document.createElement('span');
      count.className = 'count';
      count.dataset.waiting = '';
      count.textContent = String(s.waiting);
      li.append(count, ' ' + s.essaySet);
      return li;
    }));
  };

  const draw = view => {
    drawSets(document.getElementById('sets'), view.sets);
    drawSets(document.getElementById('adjudication'), view.adjudication);
    const claims = document.getElementById('claims');
    claims.replaceChildren(...view.claims.map(c => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '/Rating/Rate/' + encodeURIComponent(c.code);
      a.textContent = c.code;
      li.append(a, ' · ' + c.essaySet + (c.adjudication ? ' · adjudication' : ''));
      return li;
    }));
    document.getElementById('no-claims').hidden = view.claims.length > 0;
  };

  // WebSockets without negotiation: any node behind the load balancer can take the one request.
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/rating', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => examBackoff.delay(ctx.previousRetryCount, { capMs: 10000 }) })
    .build();
  const refresh = async () => {
    try { draw(await connection.invoke('Queue')); status.textContent = ''; } catch { status.textContent = 'Could not refresh the queue; retrying.'; }
  };
  connection.on('QueueChanged', refresh);
  // The counts are read again whenever a message may have been missed: on reconnect, when the server's backplane
  // comes back ("Resync"), and every 15 s.
  connection.on('Resync', refresh);
  connection.onreconnected(refresh);
  setInterval(() => { if (connection.state === 'Connected') refresh(); }, 15000);
  connection.onreconnecting(() => { status.textContent = 'Reconnecting…'; });
  // A queue page left open through an outage does not knock on the server every few seconds, nor in step with the others.
  let starts = 0;
  const start = async () => {
    try { await connection.start(); starts = 0; root.dataset.live = 'true'; await refresh(); }
    catch { setTimeout(start, examBackoff.delay(starts++, { capMs: 10000 })); }
  };
  connection.onclose(() => { root.dataset.live = 'false'; status.textContent = 'Disconnected: retrying…'; setTimeout(start, examBackoff.delay(starts++, { capMs: 10000 })); });
  start();
})();
