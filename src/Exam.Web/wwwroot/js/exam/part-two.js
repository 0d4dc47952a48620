// Part Two: essays saved as the candidate types (debounced), choices saved at once, word counts kept live.
(function () {
  'use strict';
  const common = window.examCommon;
  const choose = Number(common.root.dataset.choose);
  const essays = Array.from(document.querySelectorAll('section.essay'));
  const words = text => (text.trim().match(/\S+/g) || []).length;

  function save(section) {
    common.enqueue('e' + section.dataset.essay, 'Save', {
      itemVersionId: Number(section.dataset.essay),
      chosen: section.querySelector('[data-choose]').checked,
      body: section.querySelector('[data-body]').value,
    });
  }

  function checkChoice() {
    const chosen = essays.filter(s => s.querySelector('[data-choose]').checked).length;
    if (chosen > choose) common.showAlert('You have chosen ' + chosen + ' essays; answer ' + choose + '. Untick the one you will not answer.');
  }

  // Text typed before a reload that had not reached the server: put it back.
  for (const change of common.pending()) {
    const section = essays.find(s => Number(s.dataset.essay) === change.body.itemVersionId);
    if (!section) continue;
    section.querySelector('[data-body]').value = change.body.body;
    section.querySelector('[data-choose]').checked = change.body.chosen;
  }

  essays.forEach(section => {
    const text = section.querySelector('[data-body]');
    const count = section.querySelector('[data-words]');
    const box = section.querySelector('[data-choose]');
    let timer = null, lastSent = 0;
    count.textContent = words(text.value);
    text.addEventListener('input', () => {
      count.textContent = words(text.value);
      if (text.value.trim().length > 0 && !box.checked && essays.length <= choose) box.checked = true;
      clearTimeout(timer);
      // Save a second after typing pauses, and at least every five seconds during long runs of typing.
      if (Date.now() - lastSent > 5000) { lastSent = Date.now(); save(section); }
      else timer = setTimeout(() => { lastSent = Date.now(); save(section); }, 1000);
    });
    box.addEventListener('change', () => { checkChoice(); save(section); });
  });
})();
