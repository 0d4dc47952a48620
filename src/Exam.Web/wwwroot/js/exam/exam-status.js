// The status area beside the timer: what a candidate must not miss, shown where they look and told to a screen
// reader once. The save engine (exam-common.js) writes its state into #save-status as it goes ("Saving...",
// "Saved", "Offline: ...", "Not saved: ..."); this script watches that text and the timer rather than hooking the
// engine, so the two can change independently. Only changes of state that matter are announced: going offline,
// being back online, a change not saved, the exam paused, time added. "Saving..." and "Saved" are not: 60 answers
// used to make some 150 announcements.
(function () {
  'use strict';
  const common = window.examCommon;
  const bar = document.querySelector('.exam-bar');
  const statusEl = document.getElementById('save-status');
  const announcer = document.getElementById('exam-announce');
  const timerEl = document.getElementById('timer');
  const overlay = document.getElementById('pause-overlay');
  if (!common || !bar || !statusEl || !announcer) return;

  function announce(text) {
    // A fresh text node each time, so the same words said twice are still a change.
    announcer.textContent = '';
    announcer.textContent = text;
  }

  // ---- connection ------------------------------------------------------------------------------------------
  // "Saving..." says nothing about the connection (it shows between every retry), so it keeps the last state.
  let connection = 'ok';
  function stateOf(text) {
    if (text.startsWith('Offline')) return 'offline';
    if (text.startsWith('Not saved')) return 'refused';
    if (text.startsWith('Saved')) return 'ok';
    return connection;
  }
  function onStatus() {
    const text = statusEl.textContent.trim();
    const next = stateOf(text);
    if (next === connection) return;
    const was = connection;
    connection = next;
    bar.classList.toggle('is-offline', next === 'offline');
    bar.classList.toggle('is-refused', next === 'refused');
    if (next === 'offline') announce('Offline. Your answers are kept on this computer and sent when the connection returns.');
    else if (next === 'refused') announce(text);
    else if (was === 'offline') announce('Back online. Your answers are saved.');
  }
  new MutationObserver(onStatus).observe(statusEl, { childList: true, characterData: true, subtree: true });
  onStatus();

  // ---- the clock: time added by the proctor ------------------------------------------------------------------
  // The timer counts down; when it jumps up by more than a clock correction could explain, the proctor extended
  // the part. Read from the timer so that any way the clock arrives (a push, a resync, a reload) is covered.
  function seconds(text) {
    const m = /^(?:(\d+):)?(\d\d):(\d\d)/.exec(text.trim());
    return m ? Number(m[1] || 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
  }
  let lastLeft = timerEl ? seconds(timerEl.textContent) : null;
  if (timerEl) {
    new MutationObserver(() => {
      const left = seconds(timerEl.textContent);
      if (left === null) return;
      if (lastLeft !== null && left - lastLeft > 30) {
        const minutes = Math.round((left - lastLeft) / 60);
        common.showAlert(minutes === 1 ? '1 minute has been added by your proctor.' : minutes + ' minutes have been added by your proctor.');
      }
      lastLeft = left;
    }).observe(timerEl, { childList: true, characterData: true, subtree: true });
  }

  // ---- pause: the overlay is a dialog that takes the focus, so a screen reader reads its name and text (said
  // once: not also through the live region); the focus goes back where it was on resume ------------------------
  if (overlay) {
    let before = null;
    new MutationObserver(() => {
      if (!overlay.hidden && before === null) {
        before = document.activeElement;
        overlay.focus();
      } else if (overlay.hidden && before !== null) {
        if (before && document.contains(before) && typeof before.focus === 'function') before.focus();
        before = null;
      }
    }).observe(overlay, { attributes: true, attributeFilter: ['hidden'] });
  }

  // ---- sign out: asked first, and told what happens, while a part is running ------------------------------------
  const signOut = document.querySelector('form.sign-out');
  const signOutDialog = document.getElementById('sign-out-dialog');
  if (signOut && signOutDialog) {
    let confirmed = false;
    signOut.addEventListener('submit', e => {
      if (confirmed) return;
      e.preventDefault();
      signOutDialog.showModal();
    });
    document.getElementById('sign-out-cancel').addEventListener('click', () => signOutDialog.close());
    document.getElementById('sign-out-confirm').addEventListener('click', () => {
      confirmed = true;
      signOutDialog.close();
      // What is still queued is sent first where possible; it also stays in this browser for the next sign-in.
      common.drain(3000).then(() => signOut.requestSubmit());
    });
  }
})();
