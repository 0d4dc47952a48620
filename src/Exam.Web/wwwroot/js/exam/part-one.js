// Part One: one question at a time, a navigator, flags, a review screen. Every change goes through the
// shared queue; what is still unsent after a reload is put back on screen from this browser's storage.
// The questions come from the form's content, one cached resource for every candidate on the form (no key in it);
// this page's state says in which order this candidate sees each question's options and what is already saved.
(function () {
  'use strict';
  const common = window.examCommon;
  const root = common.root;
  const state = JSON.parse(document.getElementById('part-one-state').textContent);
  // "Begin the exam" posts to this page and is answered with it: the address becomes the page's own, so that a
  // reload asks for the page again rather than offering to send the form again.
  if (new URLSearchParams(window.location.search).get('handler') === 'Begin') window.history.replaceState(window.history.state, '', window.location.pathname);
  const FLAG = 'Flag for review', FLAGGED = 'Flagged for review: remove the flag';

  function el(tag, props, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'text') e.textContent = v;
      else if (k === 'className') e.className = v;
      else e.setAttribute(k, v);
    }
    (children || []).forEach(c => e.appendChild(c));
    return e;
  }

  function questionSection(q, count, i) {
    const n = q.position;
    const section = el('section', { className: 'question', id: 'q-' + n, 'data-position': n, 'aria-labelledby': 'q-' + n + '-title' });
    section.hidden = true;
    section.appendChild(el('h2', { id: 'q-' + n + '-title', tabindex: '-1', text: 'Question ' + n + ' of ' + count }));
    const stem = el('div', { className: 'stem' });
    stem.innerHTML = q.stem; // sanitized when the item was rendered (ItemMarkdown), as the server-rendered page had it
    section.appendChild(stem);
    const options = el('fieldset', { className: 'options' }, [el('legend', { className: 'visually-hidden', text: 'Answer to question ' + n })]);
    Array.from(state.orders[i]).forEach((index, s) => {
      const input = el('input', { type: 'radio', name: 'q-' + n, value: String(s + 1) });
      input.checked = state.chosen[i] === s + 1;
      options.appendChild(el('label', { className: 'option' }, [input, document.createTextNode(' '), el('span', { text: q.options[Number(index)] })]));
    });
    section.appendChild(options);
    const prev = el('button', { type: 'button', className: 'secondary', 'data-prev': '', text: 'Previous' });
    prev.disabled = n === 1;
    const flagged = state.flagged[i];
    section.appendChild(el('div', { className: 'question-actions' }, [
      prev,
      el('button', { type: 'button', className: 'secondary flag', 'data-flag': '', 'data-flagged': flagged ? 'true' : 'false', text: flagged ? FLAGGED : FLAG }),
      el('button', { type: 'button', className: 'secondary', 'data-clear': '', text: 'Clear answer' }),
      n < count ? el('button', { type: 'button', 'data-next': '', text: 'Next' }) : el('button', { type: 'button', 'data-review': '', text: 'Review answers' }),
    ]));
    return section;
  }

  function navigatorEntry(n) {
    return el('li', {}, [
      el('button', { type: 'button', className: 'nav-q', 'data-go': n, 'aria-describedby': 'nav-state-' + n },
        [el('span', { className: 'visually-hidden', text: 'Question ' }), document.createTextNode(String(n))]),
      el('span', { id: 'nav-state-' + n, className: 'visually-hidden' }),
    ]);
  }

  function render(content) {
    const count = content.questions.length;
    const area = document.getElementById('question-area');
    const review = document.getElementById('review');
    content.questions.forEach((q, i) => area.insertBefore(questionSection(q, count, i), review));
    document.getElementById('navigator-list').replaceChildren(...content.questions.map(q => navigatorEntry(q.position)));
    document.getElementById('questions-loading').remove();
    if (document.getElementById('part-over')) area.querySelectorAll('input, button').forEach(b => { b.disabled = true; });
  }

  function fetchOk(url) {
    return fetch(url, { credentials: 'same-origin' }).then(r => { if (!r.ok) throw new Error('HTTP ' + r.status); return r; });
  }

  // The sealed content, fetched by the rules page while the candidate read them (so already in this browser's cache),
  // opened with the key this page carries: AES-GCM over gzip, the first 12 bytes being the nonce.
  async function openSealed() {
    if (!window.crypto || !window.crypto.subtle || !window.DecompressionStream) throw new Error('no Web Crypto here');
    const bytes = new Uint8Array(await (await fetchOk(state.sealed)).arrayBuffer());
    const raw = Uint8Array.from(atob(state.contentKey), c => c.charCodeAt(0));
    const key = await window.crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    const gzip = await window.crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, key, bytes.subarray(12));
    return new Response(new Blob([gzip]).stream().pipeThrough(new DecompressionStream('gzip'))).json();
  }

  // Both are cached by the browser under their versioned URLs: a reload or a second candidate on this computer asks
  // for nothing. The plain content is the way when the sealed one cannot be opened here.
  function load(delay) {
    openSealed()
      .then(content => { root.dataset.content = 'sealed'; return content; },
        () => fetchOk(state.content).then(r => r.json()).then(content => { root.dataset.content = 'plain'; return content; }))
      .then(content => { render(content); start(); })
      .catch(() => {
        document.getElementById('questions-loading').textContent = 'The questions could not be loaded yet; trying again. If this lasts, call your proctor.';
        setTimeout(() => load(Math.min(delay * 2, 10000)), delay);
      });
  }
  load(1000);

  // The page's behaviour, once the questions are on it.
  function start() {
    const sections = Array.from(document.querySelectorAll('section.question'));
    const count = sections.length;
    const review = document.getElementById('review');
    let current = Number(root.dataset.position) || 1;

    const section = n => document.getElementById('q-' + n);
    const navButton = n => document.querySelector('button[data-go="' + n + '"]');
    const chosenSlot = n => { const r = section(n).querySelector('input[type=radio]:checked'); return r ? Number(r.value) : null; };
    const isFlagged = n => section(n).querySelector('[data-flag]').dataset.flagged === 'true';
    const answeredCount = document.getElementById('answered-count');

    // The flag button's name says whether the question is flagged (the same two names PartOneMarkup renders).
    function setFlag(n, flagged) {
      const b = section(n).querySelector('[data-flag]');
      b.dataset.flagged = flagged ? 'true' : 'false';
      b.textContent = flagged ? FLAGGED : FLAG;
    }

    function refreshNav(n) {
      const answered = chosenSlot(n) !== null, flagged = isFlagged(n);
      const b = navButton(n);
      b.classList.toggle('answered', answered);
      b.classList.toggle('flagged', flagged);
      document.getElementById('nav-state-' + n).textContent = (answered ? 'answered' : 'not answered') + (flagged ? ', flagged for review' : '');
      if (answeredCount) answeredCount.textContent = document.querySelectorAll('section.question input[type=radio]:checked').length;
    }

    function save(n) {
      refreshNav(n);
      common.enqueue('q' + n, 'Save', { position: n, slot: chosenSlot(n), flagged: isFlagged(n) }, 'Question ' + n);
    }

    function show(n, focus) {
      current = Math.min(Math.max(1, n), count);
      review.hidden = true;
      sections.forEach(s => { s.hidden = Number(s.dataset.position) !== current; });
      document.querySelectorAll('button[data-go]').forEach(b => {
        if (Number(b.dataset.go) === current) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
      });
      if (focus) document.getElementById('q-' + current + '-title').focus();
      fetch('?handler=Move', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': document.querySelector('input[name="__RequestVerificationToken"]').value },
        body: JSON.stringify({ position: current }),
      }).catch(() => { /* where the candidate is matters less than what they answered */ });
    }

    function listItem(n) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'secondary';
      b.textContent = 'Go to question ' + n;
      b.addEventListener('click', () => show(n, true));
      li.appendChild(b);
      return li;
    }

    function showReview() {
      sections.forEach(s => { s.hidden = true; });
      const unanswered = [], flagged = [];
      for (let n = 1; n <= count; n++) {
        if (chosenSlot(n) === null) unanswered.push(n);
        if (isFlagged(n)) flagged.push(n);
      }
      const ul = document.getElementById('review-unanswered'), fl = document.getElementById('review-flagged');
      ul.replaceChildren(...unanswered.map(listItem));
      fl.replaceChildren(...flagged.map(listItem));
      if (unanswered.length === 0) ul.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'None: every question is answered.' }));
      if (flagged.length === 0) fl.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'None.' }));
      document.getElementById('review-summary').textContent =
        (count - unanswered.length) + ' of ' + count + ' questions answered; ' + flagged.length + ' flagged for review.';
      review.hidden = false;
      document.getElementById('review-title').focus();
    }

    // Changes made before a reload that had not reached the server yet: show them again (they are still queued).
    for (const change of common.pending()) {
      const b = change.body;
      if (change.handler !== 'Save' || !section(b.position)) continue;
      section(b.position).querySelectorAll('input[type=radio]').forEach(r => { r.checked = Number(r.value) === b.slot; });
      setFlag(b.position, b.flagged);
      refreshNav(b.position);
    }

    sections.forEach(s => {
      const n = Number(s.dataset.position);
      s.querySelectorAll('input[type=radio]').forEach(r => r.addEventListener('change', () => save(n)));
      s.querySelector('[data-flag]').addEventListener('click', () => {
        setFlag(n, !isFlagged(n));
        save(n);
      });
      s.querySelector('[data-clear]').addEventListener('click', () => {
        s.querySelectorAll('input[type=radio]').forEach(r => { r.checked = false; });
        save(n);
      });
      const prev = s.querySelector('[data-prev]'); if (prev) prev.addEventListener('click', () => show(n - 1, true));
      const next = s.querySelector('[data-next]'); if (next) next.addEventListener('click', () => show(n + 1, true));
      const rev = s.querySelector('[data-review]'); if (rev) rev.addEventListener('click', showReview);
    });
    document.querySelectorAll('button[data-go]').forEach(b => b.addEventListener('click', () => show(Number(b.dataset.go), true)));
    document.getElementById('review-open').addEventListener('click', showReview);
    review.querySelector('[data-back]').addEventListener('click', () => show(current, true));

    for (let n = 1; n <= count; n++) refreshNav(n);
    show(current, false);
  }
})();
