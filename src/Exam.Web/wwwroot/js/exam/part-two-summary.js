// Part Two's summary in the submit dialog: what will be marked (the chosen essays and their word counts), whether
// the track's rule is met, and a warning for every essay written but not chosen, so no one loses an essay to an
// unticked box. Built from the page as it stands when the candidate opens the dialog.
(function () {
  'use strict';
  const root = document.getElementById('exam');
  const open = document.getElementById('submit-open');
  const summary = document.getElementById('submit-summary');
  if (!root || !open || !summary) return;
  const choose = Number(root.dataset.choose);
  const words = text => (text.trim().match(/\S+/g) || []).length;
  const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many);

  function item(text, className) {
    const li = document.createElement('li');
    li.textContent = text;
    if (className) li.className = className;
    return li;
  }

  function build() {
    const essays = Array.from(document.querySelectorAll('section.essay')).map(s => ({
      name: s.querySelector('h2').textContent.replace(/\s+/g, ' ').trim(),
      chosen: s.querySelector('[data-choose]').checked,
      words: words(s.querySelector('[data-body]').value),
    }));
    const chosen = essays.filter(e => e.chosen);
    const marked = document.createElement('ul');
    marked.append(...(chosen.length ? chosen.map(e => item(e.name + ': ' + plural(e.words, 'word', 'words'))) : [item('No essay is chosen.')]));
    const rule = document.createElement('p');
    rule.className = chosen.length === choose ? 'rule-met' : 'alert warn';
    rule.textContent = chosen.length === choose
      ? 'You have chosen ' + plural(chosen.length, 'essay', 'essays') + ', as the rule asks (answer ' + choose + ').'
      : 'You have chosen ' + plural(chosen.length, 'essay', 'essays') + '; the rule asks you to answer ' + choose + '. Only chosen essays are marked.';
    const heading = document.createElement('h3');
    heading.textContent = 'Essays that will be marked';
    const parts = [heading, marked, rule];
    const empty = chosen.filter(e => e.words === 0);
    if (empty.length) parts.push(Object.assign(document.createElement('p'), { className: 'alert warn', textContent: empty.map(e => e.name).join(', ') + ': chosen but empty.' }));
    const unchosen = essays.filter(e => !e.chosen && e.words > 0);
    if (unchosen.length) {
      const warn = document.createElement('ul');
      warn.className = 'alert warn';
      warn.append(...unchosen.map(e => item(e.name.replace(/\s*\(.*\)$/, '') + ' has ' + plural(e.words, 'word', 'words') + ' written but is not chosen: it will not be marked.')));
      parts.push(warn);
    }
    summary.replaceChildren(...parts);
  }

  // Runs on the same click that opens the dialog, before the browser paints it.
  open.addEventListener('click', build);
})();
