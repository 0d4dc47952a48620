// Waiting for admission: the hub says when the proctor admits; a slow poll covers a lost message.
(function () {
  'use strict';
  const next = document.getElementById('exam-waiting').dataset.next;
  const go = () => { window.location.href = next; };
  if (window.signalR) {
    const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/exam').withAutomaticReconnect().build();
    connection.on('Admitted', go);
    connection.start().catch(() => { });
  }
  setInterval(go, 15000);
})();
