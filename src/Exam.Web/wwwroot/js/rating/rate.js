// The rating page: saves a draft shortly after every change (which renews the claim), keeps the claim alive with a
// heartbeat while the page is open (reading takes time with no typing), and keeps the total current. Nothing here
// ever clears what the rater entered: when the claim is lost the message says so and the draft stays to be copied.
(() => {
  const form = document.getElementById('rating-form');
  if (!form || form.dataset.submitted === 'true') return;
  const code = form.dataset.code;
  const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
  const status = document.getElementById('draft-status');
  const total = document.getElementById('total');
  let timer = null;
  let saving = Promise.resolve();

  const collect = () => {
    const scores = {};
    form.querySelectorAll('fieldset[data-criterion]').forEach(f => {
      const checked = f.querySelector('input[type=radio]:checked');
      scores[f.dataset.criterion] = checked ? Number(checked.value) : null;
    });
    return { scores, feedback: document.getElementById('feedback').value };
  };

  const save = async () => {
    const body = JSON.stringify(collect());
    status.textContent = 'Saving draft…';
    try {
      const r = await fetch('/Rating/Rate/' + encodeURIComponent(code) + '?handler=Autosave', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token }, body, credentials: 'same-origin',
      });
      if (r.ok) { status.textContent = 'Draft saved'; return; }
      const j = await r.json().catch(() => ({}));
      status.textContent = j.message || 'The draft was not saved.';
    } catch {
      status.textContent = 'Offline: the draft will be saved when the connection returns.';
      schedule(5000);
    }
  };

  const schedule = (ms = 1200) => {
    clearTimeout(timer);
    timer = setTimeout(() => { saving = saving.then(save); }, ms);
  };

  let beating = null;
  const beat = async () => {
    try {
      const r = await fetch('/Rating/Rate/' + encodeURIComponent(code) + '?handler=Heartbeat', {
        method: 'POST', headers: { 'X-CSRF-TOKEN': token }, credentials: 'same-origin',
      });
      if (r.ok) return;
      const j = await r.json().catch(() => ({}));
      if (j.message) status.textContent = j.message;
      if (j.taken) clearInterval(beating);
    } catch {
      // Offline: the next beat tries again, and a lapsed claim is taken back while the response is still free.
    }
  };
  beating = setInterval(beat, Number(form.dataset.heartbeatSeconds || 60) * 1000);

  form.addEventListener('change', () => {
    if (total) total.textContent = String(Object.values(collect().scores).reduce((a, b) => a + (b ?? 0), 0));
    schedule();
  });
  document.getElementById('feedback').addEventListener('input', () => schedule(2000));
})();
