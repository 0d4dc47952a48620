// The rating page: saves a draft shortly after every change (which renews the claim) and keeps the total current.
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

  form.addEventListener('change', () => {
    if (total) total.textContent = String(Object.values(collect().scores).reduce((a, b) => a + (b ?? 0), 0));
    schedule();
  });
  document.getElementById('feedback').addEventListener('input', () => schedule(2000));
})();
