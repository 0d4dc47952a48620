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
    }, 'Essay ' + (essays.indexOf(section) + 1));
  }

  // Ticking beyond the number to answer is taken back at once; the server holds the rule (and the sets required) too.
  function checkChoice(box) {
    const chosen = essays.filter(s => s.querySelector('[data-choose]').checked).length;
    if (box.checked && chosen > choose) {
      box.checked = false;
      common.showAlert('You can answer ' + choose + ' of the ' + essays.length + ' essays. Untick one before choosing another.');
      return false;
    }
    return true;
  }

  common.hooks.choiceRefused = change => {
    const section = essays.find(s => Number(s.dataset.essay) === change.body.itemVersionId);
    if (!section) return;
    section.querySelector('[data-choose]').checked = false;
    save(section);
  };

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
    box.addEventListener('change', () => { if (checkChoice(box)) save(section); });
  });
})();
