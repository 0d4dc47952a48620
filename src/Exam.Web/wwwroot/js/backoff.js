// How long a page waits before retrying after a lost connection (a save, a hub reconnect). Exponential and capped, with
// jitter: a room of candidates whose network comes back at the same moment does not retry in step, and a server that is
// down is not hammered (before this, a candidate's page sent 28 saves in 26 s while offline).
(function (global) {
  'use strict';
  /**
   * The delay before retry number `attempt` (0 for the first): the ceiling min(capMs, baseMs * 2^attempt), of which a
   * random half is kept ("equal jitter"): the delays grow with each failure, and no two pages wait the same.
   */
  function delay(attempt, options) {
    const o = Object.assign({ baseMs: 1000, capMs: 15000, random: Math.random }, options);
    const ceiling = Math.min(o.capMs, o.baseMs * Math.pow(2, Math.max(0, attempt)));
    return Math.round(ceiling / 2 + o.random() * (ceiling / 2));
  }
  global.examBackoff = { delay: delay };
})(window);
