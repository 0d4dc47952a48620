// The rating page: saves a draft shortly after every change (which renews the claim), keeps the claim alive with a
// heartbeat while the page is open (reading takes time with no typing), and keeps the total current. Nothing here
// ever clears what the rater entered: when the claim is lost the message says so and the draft stays to be copied.
// A draft counts as saved only when the server says so in JSON; a lost sign-in or an expired page keeps the draft in
// the form and says what to do, and an expired token is renewed and the draft sent again.
(() => {
  const form = document.getElementById('rating-form');
  if (!form || form.dataset.submitted === 'true') return;
  const code = form.dataset.code;
  let token = document.querySelector('input[name="__RequestVerificationToken"]').value;
  const status = document.getElementById('draft-status');
  const total = document.getElementById('total');
  let timer = null;
  let saving = Promise.resolve();
  let dirty = false;
  let failures = 0; // failed saves in a row: each retry waits longer, with jitter (examBackoff)

  const collect = () => {
    const scores = {};
    form.querySelectorAll('fieldset[data-criterion]').forEach(f => {
      const checked = f.querySelector('input[type=radio]:checked');
      scores[f.dataset.criterion] = checked ? Number(checked.value) : null;
    });
    return { scores, feedback: document.getElementById('feedback').value };
  };

  const post = body => fetch('/Rating/Rate/' + encodeURIComponent(code) + '?handler=Autosave', {
    method: 'POST', credentials: 'same-origin', redirect: 'manual', body,
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': token },
  });

  /** A fresh antiforgery token from the page itself; false when signed out or unreachable. */
  const refreshToken = async () => {
    try {
      const r = await fetch(window.location.pathname, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } });
      if (!r.ok || (r.redirected && new URL(r.url).pathname.startsWith('/Account/'))) return false;
      const field = new DOMParser().parseFromString(await r.text(), 'text/html').querySelector('input[name="__RequestVerificationToken"]');
      if (!field || !field.value) return false;
      token = field.value;
      document.querySelectorAll('input[name="__RequestVerificationToken"]').forEach(i => { i.value = token; });
      return true;
    } catch { return false; }
  };

  const save = async (retried = false) => {
    dirty = false;
    const body = JSON.stringify(collect());
    status.textContent = 'Saving draft…';
    let r;
    try { r = await post(body); } catch {
      dirty = true;
      status.textContent = 'Offline: the draft is kept in this page and will be saved when the connection returns.';
      retry();
      return;
    }
    if (r.type === 'opaqueredirect' || r.status === 401) {
      dirty = true;
      status.textContent = 'Not saved: you are no longer signed in. Keep this page open, sign in again in another tab, and the draft is saved then.';
      retry({ baseMs: 5000, capMs: 60000 });
      return;
    }
    const j = (r.headers.get('Content-Type') || '').includes('json') ? await r.json().catch(() => null) : null;
    if (r.ok && j && j.saved === true) { failures = 0; if (!dirty) status.textContent = 'Draft saved'; return; }
    if (r.status === 400 && !(j && j.message) && !retried && await refreshToken()) return save(true);
    dirty = true;
    if (j && j.message && r.status !== 400) { status.textContent = j.message; return; }
    status.textContent = 'Not saved yet: the draft is kept in this page and is sent again shortly.';
    retry();
  };

  /** Sends the draft again after the next back-off delay: longer after each failure, never in step with other raters. */
  const retry = (options = {}) => schedule(examBackoff.delay(failures++, Object.assign({ baseMs: 2000, capMs: 30000 }, options)));

  const schedule = (ms = 1200) => {
    clearTimeout(timer);
    timer = setTimeout(() => { saving = saving.then(() => save()); }, ms);
  };

  let beating = null;
  const beat = async () => {
    try {
      const r = await fetch('/Rating/Rate/' + encodeURIComponent(code) + '?handler=Heartbeat', {
        method: 'POST', headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': token }, credentials: 'same-origin', redirect: 'manual',
      });
      if (r.ok) return;
      if (r.status === 400) { await refreshToken(); return; }
      const j = await r.json().catch(() => ({}));
      if (j.message) status.textContent = j.message;
      if (j.taken) clearInterval(beating);
    } catch {
      // Offline: the next beat tries again, and a lapsed claim is taken back while the response is still free.
    }
  };
  beating = setInterval(beat, Number(form.dataset.heartbeatSeconds || 60) * 1000);

  window.addEventListener('online', () => { failures = 0; if (dirty) schedule(200); });
  form.addEventListener('change', () => {
    if (total) total.textContent = String(Object.values(collect().scores).reduce((a, b) => a + (b ?? 0), 0));
    dirty = true;
    schedule();
  });
  document.getElementById('feedback').addEventListener('input', () => { dirty = true; schedule(2000); });
})();
