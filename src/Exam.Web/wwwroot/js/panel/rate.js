// A panelist's ratings save as they are typed: one JSON save per change, sent one at a time per question so a later
// value never lands before an earlier one. The server's reply (after its commit) is what the page reports as saved.
(() => {
  const form = document.getElementById('rate-form');
  if (!form) return;
  const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value;
  const url = '/Panel/Study?id=' + encodeURIComponent(form.dataset.study) + '&handler=Save';
  const queues = new Map();

  const send = async (body, state) => {
    state.textContent = 'Saving…';
    try {
      const r = await fetch(url, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': token },
        body: JSON.stringify(body),
      });
      const reply = await r.json().catch(() => ({}));
      state.textContent = r.ok ? 'Saved' : 'Not saved: ' + (reply.message || 'the server refused it');
    } catch {
      state.textContent = 'Not saved: no connection. Change it again to retry.';
    }
  };

  const queue = (key, body, state) => {
    const previous = queues.get(key) || Promise.resolve();
    const next = previous.then(() => send(body, state));
    queues.set(key, next);
  };

  form.addEventListener('change', e => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'number' || input.value === '') return;
    const value = Number(input.value);
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      document.getElementById(input.getAttribute('aria-describedby')).textContent = 'Enter a whole number from 0 to 100';
      return;
    }
    const state = document.getElementById(input.getAttribute('aria-describedby'));
    if (input.dataset.position) queue(input.dataset.position, { position: Number(input.dataset.position), rating: value }, state);
    else queue('expected', { expectedPass: value }, state);
  });
})();
